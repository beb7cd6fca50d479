"""Org rows of the permission matrix (merged by accounts/tests/test_permission_matrix.py)."""

from __future__ import annotations

from collections.abc import Callable

from django.db import models

from danvan.accounts.models import RoleCode
from danvan.core.audit import SYSTEM
from danvan.orgs.mandates import grant_mandate
from danvan.orgs.models import Mandate, MandateFunction, OrgUnit, OrgUnitKind
from danvan.testing.factories import OrgUnitFactory


def _mandate_of(unit: OrgUnit) -> models.Model:
    agent = OrgUnitFactory.create(
        name=f"Thanh tra ({unit.pk})", kind=OrgUnitKind.DEPARTMENT, key=f"{unit.key}.thanh-tra",
        parent=unit.parent or unit,
    )  # fmt: skip
    return grant_mandate(
        principal=unit,
        agent=agent,
        function=MandateFunction.COMPLAINTS,
        legal_basis="Luật Thanh tra 11/2022/QH15, Điều 5",
        actor=SYSTEM,
    )


CASES: dict[type[models.Model], Callable[[OrgUnit], models.Model]] = {Mandate: _mandate_of}

EXPECTED: dict[str, dict[type[models.Model], tuple[bool, bool]]] = {
    role: {Mandate: (True, role == RoleCode.SYSTEM_ADMIN)} for role in RoleCode
}
