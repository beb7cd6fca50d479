"""Dialogues with the people: each commune holds a few a year, each with its conclusions."""

from __future__ import annotations

import datetime as dt

from .base import Context, bulk_write, part

TOPICS = [
    "Đối thoại định kỳ với Nhân dân",
    "Bồi thường, hỗ trợ tái định cư dự án đường tỉnh",
    "Cải cách thủ tục hành chính tại bộ phận một cửa",
    "Vệ sinh môi trường khu dân cư",
    "Xây dựng nông thôn mới",
]
CONCLUSIONS = [
    "Giao công chức địa chính rà soát, trả lời bằng văn bản trong 15 ngày.",
    "UBND xã phối hợp Mặt trận tổ chức kiểm tra hiện trường.",
    "Công khai kết quả giải quyết tại nhà văn hóa thôn.",
]


@part("dialogues")
def generate(ctx: Context) -> None:
    """dialogues with the people and their conclusions"""
    from danvan.dialogues.models import Conclusion, Dialogue

    done = ctx.finished_chunks()
    provinces = ctx.provinces()
    for province in provinces:
        if province.key in done:
            continue
        rng = ctx.rng(province.key)
        with ctx.chunk(province.key) as written:
            dialogues = Dialogue.objects.bulk_create(
                [
                    Dialogue(
                        owner=c,
                        held_on=dt.date(year, rng.randint(1, 12), rng.randint(1, 28)),
                        place="Hội trường UBND xã",
                        topic=TOPICS[rng.randrange(len(TOPICS))],
                        chaired_by="Chủ tịch UBND xã",
                        kind="periodic" if i == 0 else "thematic",
                        officials_count=rng.randint(3, 12),
                        citizens_count=rng.randint(20, 150),
                    )  # fmt: skip
                    for c in ctx.communes(province)
                    for year in ctx.size.years
                    for i in range(ctx.size.dialogues_per_commune_year)
                ],
                batch_size=2000,
            )
            written[0] += len(dialogues)
            written[0] += bulk_write(
                Conclusion,
                (
                    Conclusion(dialogue_id=d.pk, position=n + 1, text=CONCLUSIONS[n])
                    for d in dialogues
                    for n in range(rng.randint(1, len(CONCLUSIONS)))
                ),
            )
