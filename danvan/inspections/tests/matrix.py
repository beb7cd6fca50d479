"""Inspections in the permission matrix: leaders, officers and inspectors write; others read.
A finding given to another unit is read and answered there (the assignee rule)."""

from __future__ import annotations

from collections.abc import Callable

from django.db import models

from danvan.accounts.models import RoleCode
from danvan.inspections.models import (
    Finding,
    FindingReport,
    InspectionPlan,
    InspectionRound,
    TeamMember,
)
from danvan.orgs.models import OrgUnit

from .support import make_finding, make_member, make_round

CASES: dict[type[models.Model], Callable[[OrgUnit], models.Model]] = {
    InspectionPlan: lambda unit: make_round(unit).plan,
    InspectionRound: make_round,
    TeamMember: lambda unit: make_member(make_round(unit)),
    Finding: lambda unit: make_finding(make_round(unit)),
    FindingReport: lambda unit: FindingReport.objects.create(
        finding=make_finding(make_round(unit)), text="Đã niêm yết"
    ),
}
_WRITERS = {RoleCode.SYSTEM_ADMIN, RoleCode.LEADER, RoleCode.OFFICER, RoleCode.INSPECTOR}
EXPECTED: dict[str, dict[type[models.Model], tuple[bool, bool]]] = {
    role.value: dict.fromkeys(CASES, (True, role in _WRITERS)) for role in RoleCode
}
ASSIGNED: dict[str, Callable[[OrgUnit, OrgUnit], models.Model]] = {
    "Finding (responsible unit)": lambda owner, assignee: make_finding(
        make_round(owner, assignee), assignee
    ),
}
