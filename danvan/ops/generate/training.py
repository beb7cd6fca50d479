"""Training of officials: a few officials per commune in the citizen-facing positions (who must
be trained every year), the classes each province holds a year, and attendance — most officials
attend one class in most years (85 %), so the yearly coverage is high but not complete."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from .base import Context, bulk_write, part

TOPICS = [
    "Kỹ năng dân vận chính quyền cho công chức cấp xã",
    "Tiếp công dân, đối thoại và giải quyết kiến nghị",
    "Thực hiện dân chủ ở cơ sở",
    "Văn hóa công vụ tại bộ phận một cửa",
]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Nông"]
GIVEN = ["Văn Hải", "Thị Thu", "Văn Long", "Thị Mai", "Văn Tùng", "Thị Hoa", "Văn Minh", "Thị Nga"]


@part("training")
def generate(ctx: Context) -> None:
    """officials in citizen-facing positions, training classes and attendance"""
    from danvan.accounts.models import User
    from danvan.training.models import Attendance, CitizenFacingPosition, TrainingClass

    positions = list(
        CitizenFacingPosition.objects.filter(province=None, active=True)
        .order_by("name")
        .values_list("name", flat=True)
    )
    if not positions:
        return
    for province in ctx.pending_provinces():
        rng = ctx.rng(province.key)
        communes = ctx.communes(province)
        with ctx.chunk(province.key) as written:
            officials = User.objects.bulk_create(
                [
                    User(
                        # Of the commune and the position's number: the same on every run.
                        username=f"sinh.{c.key}.{n + 1}",
                        # Unusable («!» prefix, as Django's set_unusable_password): generated
                        # officials never sign in.
                        password="!"
                        + hashlib.sha256(f"{ctx.seed}:{c.key}:{n}".encode()).hexdigest(),
                        full_name=(
                            f"{FAMILY[rng.randrange(len(FAMILY))]} "
                            f"{GIVEN[rng.randrange(len(GIVEN))]}"
                        ),
                        position=positions[n % len(positions)],
                        org_unit_id=c.pk,
                    )  # fmt: skip
                    for c in communes
                    for n in range(ctx.size.officials_per_commune)
                ],
                batch_size=2000,
            )
            written[0] += len(officials)
            classes = TrainingClass.objects.bulk_create(
                [
                    _class(province, year, n)
                    for year in ctx.size.years
                    for n in range(ctx.size.trainings_per_province_year)
                ],
                batch_size=2000,
            )
            written[0] += len(classes)
            by_year: dict[int, list[TrainingClass]] = {}
            for k in classes:
                by_year.setdefault(k.starts_on.year, []).append(k)
            written[0] += bulk_write(
                Attendance,
                (
                    Attendance(
                        training_id=k.pk,
                        official_id=o.pk,
                        unit_id=o.org_unit_id,
                        position=o.position,
                        completed=rng.random() < 0.95,
                    )  # fmt: skip
                    for year in ctx.size.years
                    for o in officials
                    if rng.random() < 0.85
                    for k in (by_year[year][rng.randrange(len(by_year[year]))],)
                ),
            )


def _class(province: Any, year: int, n: int) -> Any:
    from danvan.training.models import TrainingClass

    # Spread from February to November (none in the Tết month, none at the year's closing).
    month = 2 + n % 10
    starts = dt.date(year, month, 1 + (n * 7) % 25)
    return TrainingClass(
        organiser_id=province.pk,
        topic=f"{TOPICS[n % len(TOPICS)]} năm {year}",
        starts_on=starts, ends_on=starts + dt.timedelta(days=1 + n % 2),
        place=f"Trường Chính trị {province.name}",
        trainers="Ban Dân vận Tỉnh ủy\nSở Nội vụ",
        materials="Tài liệu bồi dưỡng công tác dân vận chính quyền",
    )  # fmt: skip
