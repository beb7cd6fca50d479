"""Evaluation in the permission matrix: leaders and officers of the unit write; others read."""

from __future__ import annotations

from collections.abc import Callable
from itertools import count

from django.db import models

from danvan.accounts.models import RoleCode
from danvan.evaluation.models import (
    Assessment,
    Band,
    BandCap,
    Criterion,
    CriterionGroup,
    Scheme,
    Score,
)
from danvan.orgs.models import OrgUnit

_n = count(2000)


def _scheme(unit: OrgUnit) -> Scheme:
    return Scheme.objects.create(owner=unit, year=next(_n), title="Bộ tiêu chí", basis="QĐ thử")


def _criterion(unit: OrgUnit) -> Criterion:
    group = CriterionGroup.objects.create(scheme=_scheme(unit), title="Nhóm")
    return Criterion.objects.create(
        group=group, code="A", title="A", max_points=100, method="manual"
    )


def _band(unit: OrgUnit) -> Band:
    return Band.objects.create(scheme=_scheme(unit), rank=1, name="Tốt", min_points=80)


def _cap(unit: OrgUnit) -> BandCap:
    criterion = _criterion(unit)
    band = Band.objects.create(scheme=criterion.group.scheme, rank=3, name="Khá", min_points=65)
    return BandCap.objects.create(scheme=band.scheme, criterion=criterion, below_points=5, cap=band)


def _assessment(unit: OrgUnit) -> Assessment:
    return Assessment.objects.create(scheme=_scheme(unit), unit=unit)


def _score(unit: OrgUnit) -> Score:
    criterion = _criterion(unit)
    assessment = Assessment.objects.create(scheme=criterion.group.scheme, unit=unit)
    return Score.objects.create(assessment=assessment, criterion=criterion, computed_points=5)


CASES: dict[type[models.Model], Callable[[OrgUnit], models.Model]] = {
    Scheme: _scheme,
    CriterionGroup: lambda u: CriterionGroup.objects.create(scheme=_scheme(u), title="Nhóm"),
    Criterion: _criterion,
    Band: _band,
    BandCap: _cap,
    Assessment: _assessment,
    Score: _score,
}

_WRITERS = {RoleCode.SYSTEM_ADMIN, RoleCode.LEADER, RoleCode.OFFICER}
EXPECTED: dict[str, dict[type[models.Model], tuple[bool, bool]]] = {
    role.value: dict.fromkeys(CASES, (True, role in _WRITERS)) for role in RoleCode
}
