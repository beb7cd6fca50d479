"""Demo opinion signals for Cao Bằng (called by ``danvan demo``), after the demo petitions.

A hundred-odd signals spread over the last year across the province's communes, and three
about the petitions demo's cluster (land compensation in one commune), so that the dashboard
flags that commune. Idempotent and deterministic (seeded random, dates relative to today).
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from danvan.core.audit import SYSTEM
from danvan.orgs.models import OrgUnit, OrgUnitKind
from danvan.petitions.models import Topic

from .models import OpinionSignal, SignalSource
from .services import log_signal

SEED = 20261122
COUNT = 120
SUMMARIES = {
    "dat-dai": "Người dân phản ánh chậm cấp giấy chứng nhận quyền sử dụng đất",
    "boi-thuong-gpmb": "Hộ dân chưa đồng thuận với giá bồi thường giải phóng mặt bằng",
    "moi-truong": "Dư luận lo ngại ô nhiễm từ điểm khai thác cát sỏi",
    "chinh-sach-xa-hoi": "Ý kiến về việc bình xét hộ nghèo chưa công khai",
    "ha-tang-giao-thong": "Đường liên xã xuống cấp, mùa mưa đi lại khó khăn",
    "trat-tu-do-thi": "Phản ánh xây dựng lấn chiếm hành lang đường",
    "can-bo-cong-chuc": "Ý kiến về thái độ tiếp dân của một số cán bộ",
    "tai-chinh-ngan-sach": "Thắc mắc về khoản huy động đóng góp xây nhà văn hóa",
}


@transaction.atomic
def seed_hotspots_demo() -> int:
    """Create the demo signals through ``log_signal`` as the platform; returns how many were
    created (0 when already there)."""
    province = OrgUnit.objects.filter(key="p04").first()
    hot_summary = "Nhiều hộ dân tụ tập phản đối phương án bồi thường, hỗ trợ khi thu hồi đất"
    already = OpinionSignal.objects.filter(summary=hot_summary).exists()
    if province is None or already:
        return 0
    communes = list(
        OrgUnit.objects.current().subtree(province).filter(kind=OrgUnitKind.COMMUNE).order_by("key")
    )
    topics = {t.code: t for t in Topic.objects.filter(code__in=SUMMARIES)}
    if not communes or not topics:
        return 0
    rng = random.Random(SEED)
    today = timezone.localdate()
    sources = list(SignalSource.values)
    created = 0
    for _ in range(COUNT):
        code = rng.choice(sorted(topics))
        commune = rng.choice(communes)
        log_signal(
            rng.choice([province, commune]), place=commune, topic=topics[code],
            source=rng.choice(sources), observed_on=today - dt.timedelta(days=rng.randint(0, 364)),
            summary=SUMMARIES[code], people_involved=rng.choice([None, 5, 20, 50]), today=today,
            actor=SYSTEM,
        )  # fmt: skip
        created += 1
    # The petitions demo's hotspot: land compensation in the commune a third down the list.
    hot = communes[len(communes) // 3]
    if "boi-thuong-gpmb" in topics:
        for days, source in ((3, SignalSource.SOCIAL), (8, SignalSource.FRONT), (15, "press")):
            log_signal(
                province, place=hot, topic=topics["boi-thuong-gpmb"], source=source,
                observed_on=today - dt.timedelta(days=days), summary=hot_summary,
                people_involved=40, today=today, actor=SYSTEM,
            )  # fmt: skip
            created += 1
    return created
