"""The cascade: obligations of the units below, compliance counts, merges."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.core.audit import SYSTEM
from danvan.core.errors import UserError
from danvan.orgs.models import OrgUnitKind
from danvan.orgs.services import record_succession
from danvan.plans.cascade import cascade_plan, compliance, unit_rows
from danvan.plans.models import ComplianceState, ImplementationObligation, Plan
from danvan.plans.services import create_plan
from danvan.testing.factories import OrgUnitFactory
from danvan.testing.fixtures import Tree

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 22)
DUE = dt.date(2026, 2, 28)


def _cascade(plan: Plan) -> None:
    cascade_plan(
        plan, kinds=[OrgUnitKind.DEPARTMENT, OrgUnitKind.COMMUNE], due_on=DUE, actor=SYSTEM
    )


def test_cascade_addresses_units_by_kind_and_is_idempotent(plan: Plan, tree: Tree) -> None:
    result = cascade_plan(
        plan, kinds=[OrgUnitKind.DEPARTMENT, OrgUnitKind.COMMUNE], due_on=DUE, actor=SYSTEM
    )
    assert result.created == 3
    holders = set(ImplementationObligation.objects.values_list("holder__key", flat=True))
    assert holders == {"p90.so-noi-vu", "w90001", "w90002"}  # not the village, not p91
    again = cascade_plan(
        plan, kinds=[OrgUnitKind.DEPARTMENT, OrgUnitKind.COMMUNE], due_on=DUE, actor=SYSTEM
    )
    assert (again.created, again.existing) == (0, 3)


def test_cascade_due_before_plan_start_is_refused(plan: Plan) -> None:
    with pytest.raises(UserError, match="trước ngày bắt đầu"):
        cascade_plan(plan, kinds=[OrgUnitKind.COMMUNE], due_on=dt.date(2025, 12, 1), actor=SYSTEM)


def test_compliance_on_time_late_missing(plan: Plan, tree: Tree) -> None:
    _cascade(plan)
    create_plan(
        owner=tree.commune,
        title="KH xã",
        year_from=2026,
        parent=plan,
        issued_on=dt.date(2026, 2, 20),
        actor=SYSTEM,
    )
    create_plan(
        owner=tree.department,
        title="KH sở",
        year_from=2026,
        parent=plan,
        issued_on=dt.date(2026, 3, 5),
        actor=SYSTEM,
    )
    result = compliance(plan, today=TODAY)
    assert (result.total.total, result.total.on_time, result.total.late, result.total.missing) == (
        3,
        1,
        1,
        1,
    )
    assert result.total.on_time_pct == 33.3
    by_unit = {r.unit.key: r.counts for r in result.rows}
    assert by_unit["w90001"].on_time == 1 and by_unit["w90002"].missing == 1
    assert by_unit["p90.so-noi-vu"].late == 1
    early = compliance(plan, today=dt.date(2026, 2, 1))
    assert early.total.pending == 3 and early.total.on_time == 0
    missing = unit_rows(plan, tree.province, state=ComplianceState.MISSING, today=TODAY)
    assert [o.holder_id for o in missing] == [tree.other_commune.pk]


def test_merged_unit_hands_its_obligation_to_its_successor(plan: Plan, tree: Tree) -> None:
    _cascade(plan)
    # The commune of Tân Lập issued its plan on time, then merged into a new commune.
    create_plan(
        owner=tree.other_commune,
        title="KH Tân Lập",
        year_from=2026,
        parent=plan,
        issued_on=dt.date(2026, 2, 10),
        actor=SYSTEM,
    )
    new = OrgUnitFactory.create(
        name="UBND xã Tân Hòa", kind=OrgUnitKind.COMMUNE, key="w90003", parent=tree.province
    )
    record_succession(
        kind="merge",
        predecessors=[tree.other_commune, tree.commune],
        successors=[new],
        effective_on=dt.date(2026, 7, 1),
        actor=SYSTEM,
    )
    result = compliance(plan, today=TODAY)
    # Two communes became one: it counts once, fulfilled by the plan Tân Lập issued on time.
    assert result.total.total == 2
    by_unit = {r.unit.key: r.counts for r in result.rows}
    assert "w90001" not in by_unit and "w90002" not in by_unit
    assert by_unit["w90003"].total == 1 and by_unit["w90003"].on_time == 1


def test_merge_into_existing_commune_keeps_one_obligation(plan: Plan, tree: Tree) -> None:
    _cascade(plan)
    record_succession(
        kind="merge",
        predecessors=[tree.other_commune, tree.commune],
        successors=[tree.commune],
        effective_on=dt.date(2026, 7, 1),
        actor=SYSTEM,
    )
    result = compliance(plan, today=TODAY)
    assert result.total.total == 2  # the department and the commune that carries on
    assert {r.unit.key for r in result.rows} == {"p90.so-noi-vu", "w90001"}


def test_commune_officer_sees_only_its_obligation(plan: Plan, tree: Tree, commune_officer) -> None:
    _cascade(plan)
    visible = ImplementationObligation.objects.visible_to(commune_officer)
    assert [o.holder.key for o in visible] == ["w90001"]
