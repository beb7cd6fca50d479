from __future__ import annotations

import datetime as dt

import pytest

from danvan.core.audit import SYSTEM
from danvan.plans.models import Plan
from danvan.plans.services import add_task, create_plan
from danvan.testing.fixtures import Tree


@pytest.fixture
def plan(tree: Tree) -> Plan:
    return create_plan(
        owner=tree.province,
        title="Thực hiện công tác dân vận chính quyền năm 2026",
        number="512/KH-UBND",
        year_from=2026,
        issued_on=dt.date(2026, 1, 20),
        actor=SYSTEM,
    )


@pytest.fixture
def commune_task(plan: Plan, tree: Tree):
    return add_task(
        plan,
        title="Tổ chức đối thoại với Nhân dân",
        lead_unit=tree.commune,
        supporting_units=[tree.department],
        due_on=dt.date(2026, 9, 30),
        actor=SYSTEM,
    )
