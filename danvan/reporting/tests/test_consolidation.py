"""Consolidation through the province totals stays exact: approvals, unlocks and merge chains
across provinces."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db.models import Sum

from danvan.core.audit import SYSTEM
from danvan.orgs.models import OrgUnit, OrgUnitKind
from danvan.orgs.services import record_succession
from danvan.reporting.consolidation import consolidate, merged_paths
from danvan.reporting.models import DataValue, ProvinceTotal
from danvan.reporting.services import approve, submit_values, unlock
from danvan.reporting.tests.factories import make_form
from danvan.testing.factories import OrgUnitFactory
from danvan.testing.fixtures import Tree

pytestmark = pytest.mark.django_db

BASE = {"officials_total": "40", "models": "1", "has_plan": "có"}


def _approve(form, unit, trained, satisfaction):  # type: ignore[no-untyped-def]
    values = {**BASE, "trained": str(trained), "satisfaction": str(satisfaction)}
    sub = submit_values(form, unit, "2026-03", values=values, send=True, actor=SYSTEM)
    return approve(sub, version=sub.version, actor=SYSTEM)


def _raw_trained(**filters: object) -> Decimal | None:
    return DataValue.objects.filter(
        approved=True, element__code="trained", period="2026-03", **filters
    ).aggregate(s=Sum("value"))["s"]


def test_province_totals_follow_approvals_unlocks_and_merge_chains(tree: Tree) -> None:
    form = make_form(tree, code="bc_toan_quoc", root=None)
    far = OrgUnitFactory.create(
        name="Xã Xa", short_name="Xã Xa", kind=OrgUnitKind.COMMUNE, key="w99001",
        parent=tree.other_province,
    )  # fmt: skip
    _approve(form, tree.commune, 5, "80.5")
    _approve(form, tree.other_commune, 7, 90)
    _approve(form, tree.department, 11, 70)
    far_sub = _approve(form, far, 3, "66.25")
    # the totals are kept per province, one row per element
    assert ProvinceTotal.objects.filter(form=form, period="2026-03").count() == 2 * 5
    assert consolidate(form, "2026-03")["trained"].value == 26 == _raw_trained()
    assert consolidate(form, "2026-03", tree.province)["trained"].value == 23
    # the commune merges into its neighbour, which later merges into a commune of another
    # province: the last successor and its province carry the whole chain
    record_succession(
        kind="merge", predecessors=[tree.commune, tree.other_commune],
        successors=[tree.other_commune], effective_on=dt.date(2026, 7, 1), actor=SYSTEM,
    )  # fmt: skip
    record_succession(
        kind="merge", predecessors=[tree.other_commune, far], successors=[far],
        effective_on=dt.date(2026, 9, 1), actor=SYSTEM,
    )  # fmt: skip
    far = OrgUnit.objects.get(pk=far.pk)
    assert merged_paths(far) == OrgUnit.objects.get(pk=far.pk).predecessor_paths()
    assert {p for _pk, p in merged_paths(far)} == {tree.commune.path, tree.other_commune.path}
    figures = consolidate(form, "2026-03", far)
    assert (figures["trained"].value, figures["trained"].reported_by) == (15, 3)
    assert figures["satisfaction"].value == Decimal("78.92")  # (80.5 + 90 + 66.25) / 3
    other = consolidate(form, "2026-03", OrgUnit.objects.get(pk=tree.other_province.pk))
    assert other["trained"].value == 15
    # unlocking takes the values out of every total at once
    unlock(far_sub, reason="Sai số liệu", actor=SYSTEM)
    assert consolidate(form, "2026-03")["trained"].value == 23 == _raw_trained()
    country = consolidate(form, "2026-03")["satisfaction"]
    assert (country.value, country.reported_by) == (Decimal("80.17"), 3)  # (80.5 + 90 + 70) / 3
    assert not ProvinceTotal.objects.filter(prefix=tree.other_province.path, n__gt=0).exists()
    assert consolidate(form, "2026-03", OrgUnit.objects.get(pk=far.pk))["trained"].value == 12


def test_a_period_without_approved_values_has_no_figures(tree: Tree) -> None:
    form = make_form(tree)
    submit_values(
        form, tree.commune, "2026-03", values={**BASE, "trained": "1"}, send=True, actor=SYSTEM
    )
    figures = consolidate(form, "2026-03", tree.province)
    assert [f.value for f in figures.values()] == [None] * 5
    assert consolidate(form, "2026-03", tree.commune)["trained"].reported_by == 0


def test_completeness_of_the_whole_country_is_counted_by_the_database(tree: Tree) -> None:
    from danvan.reporting.consolidation import completeness
    from danvan.reporting.models import Submission

    form = make_form(tree, code="bc_toan_quoc", root=None)
    values = {**BASE, "trained": "1", "satisfaction": "90"}
    on_time = submit_values(form, tree.commune, "2026-03", values=values, send=True, actor=SYSTEM)
    late = submit_values(form, tree.department, "2026-03", values=values, send=True, actor=SYSTEM)
    submit_values(
        form, tree.other_commune, "2026-03", values=values, actor=SYSTEM
    )  # a draft: missing
    approve(on_time, version=on_time.version, actor=SYSTEM)
    Submission.objects.filter(pk=on_time.pk).update(
        first_submitted_at=dt.datetime(2026, 3, 10, tzinfo=dt.UTC)
    )
    Submission.objects.filter(pk=late.pk).update(
        first_submitted_at=dt.datetime(2026, 3, 20, tzinfo=dt.UTC)
    )
    result = completeness(form, "2026-03")
    c = result.counts
    assert result.root is None
    states = {s.unit.pk: s.state for s in result.units}  # built only when asked for
    assert states[tree.commune.pk] == "on_time" and states[tree.department.pk] == "late"
    assert (c.expected, c.submitted, c.on_time, c.late, c.approved) == (len(states), 2, 1, 1, 1)
    assert c.missing == len(states) - 2 == sum(s == "missing" for s in states.values())
