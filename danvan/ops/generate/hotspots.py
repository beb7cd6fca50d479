"""Hot spots: public-opinion signals about matters in the communes (meetings, press, the Front)."""

from __future__ import annotations

import datetime as dt

from .base import Context, bulk_write, part

SUMMARIES = [
    "Người dân phản ánh tại buổi tiếp xúc cử tri về việc chậm bồi thường",
    "Báo địa phương đưa tin về ô nhiễm tại cụm công nghiệp",
    "Nhiều hộ dân tập trung tại trụ sở xã đề nghị giải quyết tranh chấp đất",
    "Mặt trận xã chuyển ý kiến của Nhân dân về mất nước sinh hoạt",
]
SOURCES = ["meeting", "press", "social", "front", "other"]


@part("hotspots")
def generate(ctx: Context) -> None:
    """public-opinion signals about the communes"""
    from danvan.hotspots.models import OpinionSignal
    from danvan.petitions.models import Topic

    topics = list(Topic.objects.order_by("pk").values_list("pk", flat=True))
    if not topics:
        return
    done = ctx.finished_chunks()
    for province in ctx.provinces():
        if province.key in done:
            continue
        rng = ctx.rng(province.key)
        with ctx.chunk(province.key) as written:
            written[0] += bulk_write(
                OpinionSignal,
                (
                    OpinionSignal(
                        owner_id=c.pk,
                        place_id=c.pk,
                        topic_id=topics[rng.randrange(len(topics))],
                        source=SOURCES[rng.randrange(len(SOURCES))],
                        observed_on=dt.date(year, rng.randint(1, 12), rng.randint(1, 28)),
                        summary=SUMMARIES[rng.randrange(len(SUMMARIES))],
                        people_involved=rng.randint(1, 60),
                    )  # fmt: skip
                    for c in ctx.communes(province)
                    for year in ctx.size.years
                    for _ in range(ctx.size.hotspots_per_commune_year)
                ),
            )
