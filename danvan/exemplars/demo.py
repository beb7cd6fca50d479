"""Demo «Dân vận khéo» models of Cao Bằng (called by ``danvan demo``, order 70).

Idempotent (a second run finds the first demo model and stops); dates relative to today. Models
across the four fields, some replicated in another commune, some commended, with yearly reviews
and a photo each, registered through the services as the province's dân vận officer.
"""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from danvan.accounts.models import User
from danvan.orgs.models import OrgUnit, OrgUnitKind

from .models import Exemplar, ReviewCycle
from .services import add_commendation, add_contest_entry, add_review, create_exemplar

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)
# (commune index (0 = Thục Phán), title, field, days ago, replicates index, commended)
MODELS = [
    (0, "Tổ tự quản vệ sinh môi trường khu dân cư", "culture_society", 700, None, True),
    (1, "Dân vận khéo trong hiến đất làm đường giao thông nông thôn", "economy", 500, None, True),
    (2, "Hiến đất làm đường giao thông nông thôn – nhân rộng", "economy", 200, 1, False),
    (3, "Tổ tự quản môi trường xóm – nhân rộng", "culture_society", 120, 0, False),
    (0, "Camera an ninh – Khu dân cư an toàn", "defence_security", 90, None, False),
    (1, "Chi bộ gần dân, lắng nghe dân", "political_system", 60, None, False),
]


def _communes() -> list[OrgUnit]:
    first = OrgUnit.objects.filter(key="w01273").first()
    others = (
        OrgUnit.objects.filter(parent__key="p04", kind=OrgUnitKind.COMMUNE, valid_to__isnull=True)
        .exclude(key="w01273")
        .order_by("path")[:3]
    )
    return [u for u in [first, *others] if u is not None]


@transaction.atomic
def seed_exemplars_demo() -> int:
    actor = User.objects.filter(username="tinh.congchuc").first()
    communes = _communes()
    if actor is None or len(communes) < 4 or Exemplar.objects.filter(title=MODELS[0][1]).exists():
        return 0
    today = timezone.localdate()
    yearly = ReviewCycle.objects.get(code="hang-nam")
    made: list[Exemplar] = []
    for index, title, field, ago, replicates, commended in MODELS:
        started = today - dt.timedelta(days=ago)
        exemplar = create_exemplar(
            communes[index], title=title, field=field, started_on=started,
            description="Mô hình do cấp ủy lãnh đạo, chính quyền và Mặt trận, các đoàn thể "
            "cùng vận động Nhân dân thực hiện.",
            evidence="Biên bản đăng ký với Ban Dân vận; báo cáo kết quả hằng năm.",
            registered_with="Ban Dân vận Đảng ủy", registered_on=started,
            replicates=made[replicates] if replicates is not None else None,
            photos=[SimpleUploadedFile("anh-mo-hinh.png", PNG, content_type="image/png")],
            today=today, actor=actor,
        )  # fmt: skip
        made.append(exemplar)
        if ago > 365:
            add_review(
                exemplar, cycle=yearly, reviewed_on=started + dt.timedelta(days=330),
                effectiveness="excellent", assessment="Người dân đồng tình, duy trì thường xuyên.",
                today=today, actor=actor,
            )  # fmt: skip
        if commended:
            add_commendation(
                exemplar, awarded_by="Chủ tịch UBND tỉnh Cao Bằng",
                form="Bằng khen của Chủ tịch UBND tỉnh", decision_number=f"{100 + ago}/QĐ-UBND",
                decided_on=started + dt.timedelta(days=360), today=today, actor=actor,
            )  # fmt: skip
            add_contest_entry(
                exemplar, contest="Hội thi «Dân vận khéo» tỉnh Cao Bằng",
                held_on=started + dt.timedelta(days=300), result="Giải Nhì", actor=actor,
            )  # fmt: skip
    return len(made)
