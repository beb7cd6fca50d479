from __future__ import annotations

import datetime as dt

import pytest

from danvan.cli import main
from danvan.core.errors import UserError
from danvan.reporting.models import PeriodRule
from danvan.reporting.periods import period_for, periods_of_year
from danvan.reporting.tests.factories import make_form
from danvan.testing.fixtures import Tree

pytestmark = pytest.mark.django_db


def test_cutoff_windows_follow_decree_09_2019() -> None:
    monthly = periods_of_year("monthly", 2026)
    assert (monthly[0].start, monthly[0].end) == (dt.date(2025, 12, 15), dt.date(2026, 1, 14))
    q2 = periods_of_year("quarterly", 2026)[1]
    assert (q2.code, q2.start, q2.end) == ("2026-Q2", dt.date(2026, 3, 15), dt.date(2026, 6, 14))
    s1, s2 = periods_of_year("semiannual", 2026)
    assert (s1.start, s1.end, s2.start, s2.end) == (
        dt.date(2025, 12, 15),
        dt.date(2026, 6, 14),
        dt.date(2026, 6, 15),
        dt.date(2026, 12, 14),
    )
    (n9,) = periods_of_year("nine_months", 2026)
    assert (n9.start, n9.end) == (dt.date(2025, 12, 15), dt.date(2026, 9, 14))
    (year,) = periods_of_year("annual", 2026)
    assert (year.start, year.end) == (dt.date(2025, 12, 15), dt.date(2026, 12, 14))
    assert "09/2019/NĐ-CP" in PeriodRule.objects.get(period_type="monthly").legal_basis


def test_form_overrides_the_due_date_and_cutoff(tree: Tree) -> None:
    # The provincial broadcaster reports six-month results before 15/6: due on the cut-off day.
    form = make_form(tree, period_type="semiannual", due_days=0)
    assert period_for(form, "2026-S1").due == dt.date(2026, 6, 14)
    calendar_form = make_form(tree, code="lich", period_type="quarterly", cutoff_day=1, due_days=10)
    q1 = period_for(calendar_form, "2026-Q1")
    assert (q1.start, q1.end, q1.due) == (
        dt.date(2026, 1, 1),
        dt.date(2026, 3, 31),
        dt.date(2026, 4, 10),
    )
    with pytest.raises(UserError, match="không hợp lệ"):
        period_for(form, "2026-03")


def test_cli_prints_periods(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["danvan", "periods", "quarterly", "2026"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "2026-Q1 2025-12-15 2026-03-14 2026-03-14"
    assert len(lines) == 4


@pytest.mark.parametrize("args", [["weekly", "2026"], ["monthly", "hai nghìn"], ["annual", "1800"]])
def test_cli_rejects_bad_input_in_vietnamese(
    args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["danvan", "periods", *args]) == 2
    assert "Lỗi:" in capsys.readouterr().err
