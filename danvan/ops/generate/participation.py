"""Grassroots democracy: disclosures with the channels they ran on, and consultations on drafts
with their paragraphs and the citizens' comments (moderated, some answered)."""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from typing import Any

from .base import Context, bulk_write, part

DRAFTS = [
    ("land_use", "Dự thảo điều chỉnh quy hoạch sử dụng đất đến năm 2030"),
    ("construction", "Dự án nâng cấp đường giao thông nông thôn"),
    ("compensation", "Phương án bồi thường, hỗ trợ, tái định cư"),
    ("socio_economic", "Kế hoạch phát triển kinh tế - xã hội năm sau"),
]
PARAGRAPHS = [
    "Điều 1. Phạm vi điều chỉnh và đối tượng áp dụng.",
    "Điều 2. Mục tiêu, nhiệm vụ chủ yếu.",
    "Điều 3. Kinh phí thực hiện và nguồn vốn.",
    "Điều 4. Tổ chức thực hiện.",
]
COMMENTS = [
    "Đề nghị công khai rõ đơn giá bồi thường từng loại đất.",
    "Nên bổ sung thời gian hoàn thành từng hạng mục.",
    "Đồng ý với dự thảo, đề nghị sớm triển khai.",
    "Cần lấy thêm ý kiến của các hộ bị ảnh hưởng trực tiếp.",
    "Đề nghị làm rõ trách nhiệm của đơn vị thi công.",
]
OFF_TOPIC = "Nội dung không liên quan đến dự thảo"
STATUSES = ["published"] * 7 + ["pending", "hidden", "rejected"]


@part("participation")
def generate(ctx: Context) -> None:
    """disclosures, consultations on drafts with comments"""
    from danvan.participation.models import (
        Comment,
        Consultation,
        Disclosure,
        DisclosureChannelUse,
        DisclosureItem,
        Paragraph,
    )

    items = list(DisclosureItem.objects.filter(scope="commune").order_by("scope", "number"))
    for province in ctx.pending_provinces():
        rng = ctx.rng(province.key)
        communes = ctx.communes(province)
        with ctx.chunk(province.key) as written:
            disclosures = Disclosure.objects.bulk_create(
                [
                    _disclosure(rng, c, year, items)
                    for c in communes
                    for year in ctx.size.years
                    for _ in range(ctx.size.disclosures_per_commune_year if items else 0)
                ],
                batch_size=2000,
            )
            written[0] += len(disclosures)
            written[0] += bulk_write(
                DisclosureChannelUse,
                (
                    DisclosureChannelUse(
                        disclosure_id=d.pk,
                        channel=channel,
                        starts_on=d.decided_on + dt.timedelta(days=3),
                        ends_on=d.decided_on + dt.timedelta(days=3 + days),
                        place="Trụ sở UBND xã" if channel == "posting" else "",
                    )  # fmt: skip
                    for d in disclosures
                    for channel, days in (("posting", 30), ("portal", 60))
                ),
            )
            consultations = Consultation.objects.bulk_create(
                [
                    Consultation(
                        owner=c,
                        matter=DRAFTS[n % len(DRAFTS)][0],
                        title=f"{DRAFTS[n % len(DRAFTS)][1]} ({year})",
                        plan="Lấy ý kiến Nhân dân qua cổng thông tin và hội nghị thôn.",
                        opens_on=dt.date(year, 3, 1),
                        closes_on=dt.date(year, 3, 31),
                    )  # fmt: skip
                    for c in communes
                    for year in ctx.size.years
                    for n in range(ctx.size.consultations_per_commune_year)
                ],
                batch_size=2000,
            )
            written[0] += len(consultations)
            paragraphs = Paragraph.objects.bulk_create(
                [
                    Paragraph(consultation=k, position=i + 1, text=text)
                    for k in consultations
                    for i, text in enumerate(PARAGRAPHS)
                ],
                batch_size=5000,
            )
            written[0] += len(paragraphs)
            by_consultation: dict[int, list[int]] = {}
            for p in paragraphs:
                by_consultation.setdefault(p.consultation_id, []).append(p.pk)
            written[0] += bulk_write(
                Comment,
                (
                    _comment(ctx, rng, k, by_consultation[k.pk], n)
                    for k in consultations
                    for n in range(ctx.size.comments_per_consultation)
                ),
            )


def _disclosure(rng: random.Random, commune: Any, year: int, items: list[Any]) -> Any:
    from danvan.participation.models import Disclosure

    item = items[rng.randrange(len(items))]
    return Disclosure(
        owner=commune, item=item, title=f"{item.title[:250]} năm {year}",
        document_reference=f"{rng.randint(1, 300)}/QĐ-UBND",
        decided_on=dt.date(year, rng.randint(1, 12), rng.randint(1, 28)),
    )  # fmt: skip


def _comment(
    ctx: Context, rng: random.Random, consultation: Any, paragraphs: list[int], n: int
) -> Any:
    from danvan.participation.models import Comment

    opens = consultation.opens_on
    at = dt.datetime.combine(opens + dt.timedelta(days=rng.randint(0, 29)), dt.time(3), dt.UTC)
    status = STATUSES[rng.randrange(len(STATUSES))]
    answered = status == "published" and rng.random() < 0.5
    # Of the commune, the draft and the commenter: the same on every run (ids are not).
    contact = f"{ctx.seed}:{consultation.owner.key}:{consultation.title}:{n}"
    return Comment(
        consultation_id=consultation.pk,
        paragraph_id=paragraphs[rng.randrange(len(paragraphs))] if rng.random() < 0.8 else None,
        author_name="" if rng.random() < 0.3 else f"Người dân {n + 1}",
        contact_hash=hashlib.sha256(contact.encode()).hexdigest(),
        text=COMMENTS[rng.randrange(len(COMMENTS))], status=status,
        moderation_reason=OFF_TOPIC if status in ("hidden", "rejected") else "",
        answer_kind="accepted" if answered else "",
        answer_text="Tiếp thu, chỉnh sửa dự thảo." if answered else "",
        answered_at=at + dt.timedelta(days=20) if answered else None,
        created_at=at, updated_at=at,
    )  # fmt: skip
