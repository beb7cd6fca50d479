"""Demo training of Cao Bằng (order 75): officials in citizen-facing positions in a few
communes, a year of classes with attendance, so coverage is partly met. Idempotent."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from danvan.accounts.models import User
from danvan.accounts.services import create_official
from danvan.core.audit import SYSTEM
from danvan.orgs.models import OrgUnit, OrgUnitKind

from .models import TrainingClass
from .services import add_participants, create_training

POSITIONS = ["Công chức Tư pháp – Hộ tịch", "Công chức Địa chính – Xây dựng",
             "Công chức Văn phòng – Thống kê"]  # fmt: skip
NAMES = ["Nông Văn Hải", "Hoàng Thị Thu", "Bế Văn Long", "Lương Thị Mai", "Đàm Văn Tùng",
         "Lục Thị Hoa", "Triệu Văn Minh", "Hà Thị Nga", "Nông Thị Duyên"]  # fmt: skip
TOPICS = [
    ("Kỹ năng dân vận chính quyền cho công chức cấp xã", 200),
    ("Tiếp công dân, đối thoại và giải quyết kiến nghị", 120),
    ("Thực hiện dân chủ ở cơ sở năm 2022", 45),
]


@transaction.atomic
def seed_training_demo() -> int:
    actor = User.objects.filter(username="tinh.congchuc").first()
    province = OrgUnit.objects.filter(key="p04").first()
    if (
        actor is None
        or province is None
        or TrainingClass.objects.filter(topic=TOPICS[0][0]).exists()
    ):
        return 0
    communes = [OrgUnit.objects.get(key="w01273"), *OrgUnit.objects.filter(
        parent=province, kind=OrgUnitKind.COMMUNE, valid_to__isnull=True
    ).exclude(key="w01273").order_by("path")[:2]]  # fmt: skip
    officials: list[User] = []
    for n, name in enumerate(NAMES):
        unit = communes[n % len(communes)]
        username = f"demo.taphuan{n + 1}"
        user = User.objects.filter(username=username).first() or create_official(
            username=username, password=None, org_unit=unit, full_name=name,
            position=POSITIONS[n % len(POSITIONS)], check_password=False, actor=SYSTEM,
        )  # fmt: skip
        officials.append(user)
    today = timezone.localdate()
    for i, (topic, ago) in enumerate(TOPICS):
        starts = today - dt.timedelta(days=ago)
        if starts.year != today.year:
            starts = dt.date(today.year, 1, 15 + i)
        training = create_training(
            province, topic=topic, starts_on=starts, ends_on=starts + dt.timedelta(days=1),
            place="Trường Chính trị Hoàng Đình Giong", trainers="Ban Dân vận Tỉnh ủy\nSở Nội vụ",
            materials="Tài liệu bồi dưỡng công tác dân vận chính quyền", actor=actor,
        )  # fmt: skip
        # Two thirds of the officials attend: coverage is not yet 100% everywhere.
        add_participants(training, officials[i * 2 : i * 2 + 4], actor=actor)
    return len(TOPICS)
