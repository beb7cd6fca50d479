"""The reporting pages run as many queries with many forms as with one.

Each form shown lists its recent periods, whose windows come from the period rule of its type;
the rules are read once (kept per process under the legal stamp), not once per form and year.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from danvan.accounts.models import User
from danvan.reporting.models import PeriodRule
from danvan.reporting.periods import periods_of_year
from danvan.reporting.tests.factories import make_form
from danvan.testing.fixtures import Tree, signed_in

pytestmark = pytest.mark.django_db


KINDS = ["monthly", "quarterly", "semiannual", "annual", "nine_months", "monthly"]


def _queries(client: Client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [query["sql"] for query in queries.captured_queries]


def test_form_list_runs_as_many_queries_for_six_forms_as_for_one(
    tree: Tree, province_officer: User
) -> None:
    make_form(tree, code="f0", period_type="monthly")
    client = signed_in(province_officer)
    client.get("/reporting/")  # what is kept per process (grants, rules) is read once
    one = _queries(client, "/reporting/")
    for n, kind in enumerate(KINDS[1:]):
        make_form(tree, code=f"f{n + 1}", period_type=kind)
    assert len(_queries(client, "/reporting/")) == len(one)


@pytest.mark.parametrize("url", ["/reporting/", "/dashboard/"])
def test_a_page_reads_the_period_rules_at_most_once(
    tree: Tree, province_officer: User, url: str
) -> None:
    for n, kind in enumerate(KINDS):
        make_form(tree, code=f"f{n}", period_type=kind)
    client = signed_in(province_officer)
    reads = [sql for sql in _queries(client, url) if "reporting_periodrule" in sql]
    assert len(reads) <= 1


def test_an_edited_rule_is_seen_at_once() -> None:
    before = periods_of_year("monthly", 2026)[2]
    rule = PeriodRule.objects.get(period_type="monthly")
    rule.cutoff_day, rule.due_days = 20, 3
    rule.save()
    after = periods_of_year("monthly", 2026)[2]
    assert (after.start.day, after.end.day) == (20, 19)
    assert after.due == after.end + dt.timedelta(days=3)
    assert after != before
