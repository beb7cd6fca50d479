"""The comparison page: one figure across the units directly below a unit, as bars and a
table, scoped, with HTMX swapping only the chart."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from danvan.accounts.models import User
from danvan.core.audit import SYSTEM
from danvan.orgs.services import record_succession
from danvan.reporting.services import approve, submit_values
from danvan.reporting.tests.factories import make_form
from danvan.testing.fixtures import Tree

pytestmark = pytest.mark.django_db
BASE = {"officials_total": "20", "models": "1", "satisfaction": "80", "has_plan": "có"}


def _approve(form, unit, trained):  # type: ignore[no-untyped-def]
    values = {**BASE, "trained": str(trained)}
    sub = submit_values(form, unit, "2026-03", values=values, send=True, actor=SYSTEM)
    return approve(sub, version=sub.version, actor=SYSTEM)


def test_units_below_are_compared_with_a_chart_and_a_table(
    tree: Tree, client: Client, province_officer: User, commune_officer: User
) -> None:
    form = make_form(tree)
    _approve(form, tree.commune, 5)
    _approve(form, tree.other_commune, 7)
    _approve(form, tree.department, 11)
    url = f"/reporting/forms/{form.pk}/compare/?unit={tree.province.pk}&period=2026-03"
    client.force_login(province_officer)
    page = client.get(f"{url}&measure=e:trained").content.decode()
    assert "<svg" in page and "<table>" in page and "So sánh các đơn vị" in page
    rows = {tree.commune.display_name: "5", tree.other_commune.display_name: "7",
            tree.department.display_name: "11"}  # fmt: skip
    for name, value in rows.items():
        assert f'{name}</a></th><td class="num">{value}</td>' in page
    # an indicator: trained / officials_total × 100 per unit
    rate = client.get(f"{url}&measure=i:trained_rate").content.decode()
    assert f'{tree.commune.display_name}</a></th><td class="num">25</td>' in rate
    # HTMX gets the chart and table only
    part = client.get(f"{url}&measure=e:trained", headers={"HX-Request": "true"})
    assert "<html" not in part.content.decode() and "<svg" in part.content.decode()
    assert "<script" not in part.content.decode() and "<style" not in part.content.decode()
    # a merged commune's figures count in the unit that carries it on
    record_succession(
        kind="merge", predecessors=[tree.commune, tree.other_commune],
        successors=[tree.other_commune], effective_on=dt.date(2026, 7, 1), actor=SYSTEM,
    )  # fmt: skip
    merged = client.get(f"{url}&measure=e:trained").content.decode()
    assert f'{tree.other_commune.display_name}</a></th><td class="num">12</td>' in merged
    # a commune officer cannot look at the province, nor ask for an unknown figure
    client.force_login(commune_officer)
    assert client.get(f"{url}&measure=e:trained").status_code == 404
    own = f"/reporting/forms/{form.pk}/compare/?unit={tree.commune.pk}&period=2026-03"
    assert client.get(own).status_code == 200
    assert client.get(f"{own}&measure=e:nope").status_code == 404
