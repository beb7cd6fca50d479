"""Builders for training tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from danvan.orgs.models import OrgUnit
from danvan.training.models import Attendance, TrainingClass


def make_training(
    organiser: OrgUnit, starts_on: dt.date = dt.date(2026, 4, 10), **kw: Any
) -> TrainingClass:
    fields: dict[str, Any] = {"topic": "Kỹ năng dân vận", "place": "Hội trường"}
    fields.update(kw)
    return TrainingClass.objects.create(
        organiser=organiser,
        starts_on=starts_on,
        ends_on=starts_on + dt.timedelta(days=1),
        **fields,
    )


def make_attendance(training: TrainingClass, official: Any) -> Attendance:
    return Attendance.objects.create(
        training=training, official=official, unit_id=official.org_unit_id,
        position=official.position,
    )  # fmt: skip
