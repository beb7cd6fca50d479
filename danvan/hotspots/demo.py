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

from danvan.accounts.models import User
from danvan.core.audit import log_bulk_created
from danvan.orgs.models import OrgUnit, OrgUnitKind
from danvan.petitions.models import Topic

from .models import OpinionSignal, SignalSource

SEED = 20261122
COUNT = 120
MARK = "[demo]"
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
    """Create the demo signals; returns how many were created (0 when already there)."""
    province = OrgUnit.objects.filter(key="p04").first()
    if province is None or OpinionSignal.objects.filter(summary__startswith=MARK).exists():
        return 0
    communes = list(
        OrgUnit.objects.current().subtree(province).filter(kind=OrgUnitKind.COMMUNE).order_by("key")
    )
    topics = {t.code: t for t in Topic.objects.filter(code__in=SUMMARIES)}
    if not communes or not topics:
        return 0
    rng = random.Random(SEED)
    today = timezone.localdate()
    author = User.objects.filter(username="tinh.congchuc").first()
    sources = list(SignalSource.values)
    signals = []
    for _ in range(COUNT):
        code = rng.choice(sorted(topics))
        commune = rng.choice(communes)
        signals.append(
            OpinionSignal(
                owner=rng.choice([province, commune]),
                place=commune,
                topic=topics[code],
                source=rng.choice(sources),
                observed_on=today - dt.timedelta(days=rng.randint(0, 364)),
                summary=f"{MARK} {SUMMARIES[code]}",
                people_involved=rng.choice([None, 5, 20, 50]),
                created_by=author,
            )  # fmt: skip
        )
    # The petitions demo's hotspot: land compensation in the commune a third down the list.
    hot = communes[len(communes) // 3]
    if "boi-thuong-gpmb" in topics:
        for days, source in ((3, SignalSource.SOCIAL), (8, SignalSource.FRONT), (15, "press")):
            signals.append(
                OpinionSignal(
                    owner=province,
                    place=hot,
                    topic=topics["boi-thuong-gpmb"],
                    source=source,
                    observed_on=today - dt.timedelta(days=days),
                    summary=f"{MARK} Nhiều hộ dân tụ tập phản đối phương án bồi thường",
                    people_involved=40,
                    created_by=author,
                )  # fmt: skip
            )
    OpinionSignal.objects.bulk_create(signals)
    log_bulk_created(list(OpinionSignal.objects.filter(summary__startswith=MARK)), actor=author)
    return len(signals)
