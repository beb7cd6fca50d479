"""Training in the permission matrix: leaders and officers write; others read."""

from __future__ import annotations

from collections.abc import Callable

from django.db import models

from danvan.accounts.models import RoleCode
from danvan.orgs.models import OrgUnit
from danvan.testing.factories import UserFactory
from danvan.training.models import Attendance, CitizenFacingPosition, TrainingClass

from .support import make_attendance, make_training


def _attendance(unit: OrgUnit) -> models.Model:
    person = UserFactory.create(org_unit=unit, position="Công chức Tư pháp – Hộ tịch")
    return make_attendance(make_training(unit), person)


CASES: dict[type[models.Model], Callable[[OrgUnit], models.Model]] = {
    TrainingClass: make_training,
    Attendance: _attendance,
    CitizenFacingPosition: lambda unit: CitizenFacingPosition.objects.create(
        province=unit, name="Công chức một cửa", basis="Quyết định của UBND tỉnh"
    ),
}
_WRITERS = {RoleCode.SYSTEM_ADMIN, RoleCode.LEADER, RoleCode.OFFICER}
EXPECTED: dict[str, dict[type[models.Model], tuple[bool, bool]]] = {
    role.value: dict.fromkeys(CASES, (True, role in _WRITERS)) for role in RoleCode
}
