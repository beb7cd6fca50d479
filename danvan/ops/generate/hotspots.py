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
    for province in ctx.pending_provinces():
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


NOTES = [
    "Nhiều hộ dân kiến nghị kéo dài về bồi thường; giao UBND xã chủ trì đối thoại.",
    "Đông người tập trung tại trụ sở xã; Mặt trận xã phối hợp nắm tình hình.",
    "Phản ánh trên mạng xã hội lan rộng; cần thông tin chính thức kịp thời.",
]


@part("hotspot_cases", needs=("orgs", "hotspots"))
def generate_cases(ctx: Context) -> None:
    """confirmed hot spots (resolved, but the last year's), with the figures at the time"""
    from danvan.hotspots.models import HotspotCase, HotspotRule
    from danvan.petitions.models import Topic

    topics = list(Topic.objects.order_by("pk").values_list("pk", flat=True))
    if not topics:
        return
    rule = HotspotRule.objects.filter(kind="volume").order_by("position", "code").first()
    last = ctx.size.years[-1]
    for province in ctx.pending_provinces():
        rng = ctx.rng(province.key)
        with ctx.chunk(province.key) as written:
            cases = []
            for year in ctx.size.years:
                for c in ctx.communes(province):
                    if rng.random() >= 1 / ctx.size.hotspot_case_every:
                        continue
                    end = dt.date(year, rng.randint(1, 11), rng.randint(1, 28))
                    # One open case per commune and topic (the model's constraint): only the
                    # last year's stay open, at most one per commune.
                    resolved = year < last
                    cases.append(
                        HotspotCase(
                            owner_id=c.pk,
                            place_id=c.pk,
                            topic_id=topics[rng.randrange(len(topics))],
                            rule_id=rule.pk if rule else None,
                            window_start=end - dt.timedelta(days=29),
                            window_end=end,
                            petitions_count=rng.randint(5, 40),
                            signals_count=rng.randint(0, 10),
                            note=NOTES[rng.randrange(len(NOTES))],
                            status="resolved" if resolved else "confirmed",
                            confirmed_at=dt.datetime.combine(end, dt.time(3), dt.UTC),
                            resolved_on=end + dt.timedelta(days=rng.randint(20, 120))
                            if resolved
                            else None,
                        )  # fmt: skip
                    )
            saved = HotspotCase.objects.bulk_create(cases, batch_size=2000)
            # bulk_create stamps confirmed_at (auto_now_add) with the time of the load: put back
            # the time each case was confirmed.
            for k in saved:
                k.confirmed_at = dt.datetime.combine(k.window_end, dt.time(3), dt.UTC)
            HotspotCase.objects.bulk_update(saved, ["confirmed_at"], batch_size=2000)
            written[0] += len(saved)
