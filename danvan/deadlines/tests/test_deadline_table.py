"""Every default deadline rule on both sides of a weekend, of Tết 2026 and of an
administrator-entered day swap, through the engine and through ``danvan deadline``.

Dates are counted by hand. Calendar-day rules (bare «ngày» in the laws): the last day is the
start plus the period (BLDS 2015 Điều 147: the event's day is not counted); a last day off moves
to the next working day (Điều 148). ``petition.handle`` counts 10 working days (Thông tư
05/2021/TT-TTCP). Tết 2026 for civil servants: Saturday 14/2 to Sunday 22/2; Friday 13/2 and
Monday 23/2 are worked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from danvan.cli import main
from danvan.deadlines import compute_due_date
from danvan.deadlines.models import CalendarDayKind
from danvan.deadlines.services import set_calendar_day

pytestmark = pytest.mark.django_db
D = dt.date

# (rule, start, due): the official calendar only.
OFFICIAL = [
    # Weekend: the last day on Friday 22/5/2026 stays, on Saturday 23/5 moves to Monday 25/5.
    ("complaint.filing_limit", D(2026, 2, 21), D(2026, 5, 22)),  # +90
    ("complaint.filing_limit", D(2026, 2, 22), D(2026, 5, 25)),
    ("complaint.accept", D(2026, 5, 12), D(2026, 5, 22)),  # +10
    ("complaint.accept", D(2026, 5, 13), D(2026, 5, 25)),
    ("complaint.first", D(2026, 4, 22), D(2026, 5, 22)),  # +30
    ("complaint.first", D(2026, 4, 23), D(2026, 5, 25)),
    ("complaint.second", D(2026, 4, 7), D(2026, 5, 22)),  # +45
    ("complaint.second", D(2026, 4, 8), D(2026, 5, 25)),
    ("denunciation.resolve", D(2026, 4, 22), D(2026, 5, 22)),  # +30
    ("denunciation.resolve", D(2026, 4, 23), D(2026, 5, 25)),
    # Tết: the last day on Friday 13/2/2026 stays; on Wednesday 18/2 it moves to Monday 23/2.
    ("complaint.filing_limit", D(2025, 11, 15), D(2026, 2, 13)),
    ("complaint.filing_limit", D(2025, 11, 20), D(2026, 2, 23)),
    ("complaint.accept", D(2026, 2, 3), D(2026, 2, 13)),
    ("complaint.accept", D(2026, 2, 8), D(2026, 2, 23)),
    ("complaint.first", D(2026, 1, 14), D(2026, 2, 13)),
    ("complaint.first", D(2026, 1, 19), D(2026, 2, 23)),
    ("complaint.second", D(2025, 12, 30), D(2026, 2, 13)),
    ("complaint.second", D(2026, 1, 4), D(2026, 2, 23)),
    ("denunciation.resolve", D(2026, 1, 14), D(2026, 2, 13)),
    ("denunciation.resolve", D(2026, 1, 19), D(2026, 2, 23)),
    # Working days, weekend: from Thursday 14/5 day 1 is Friday 15/5, day 10 Thursday 28/5;
    # an event on Saturday 16/5 counts from Monday 18/5, day 10 Friday 29/5.
    ("petition.handle", D(2026, 5, 14), D(2026, 5, 28)),
    ("petition.handle", D(2026, 5, 16), D(2026, 5, 29)),
    # Working days, Tết: from Friday 30/1 day 10 is Friday 13/2, the last day before Tết; from
    # Thursday 5/2: 6, 9–13/2 are days 1–6, Tết skipped, 23–26/2 days 7–10.
    ("petition.handle", D(2026, 1, 30), D(2026, 2, 13)),
    ("petition.handle", D(2026, 2, 5), D(2026, 2, 26)),
]

# (rule, start, due before the entry, due after it): an administrator makes Tuesday 9/6/2026 a
# day off (a swap announced by the government). A last day on Monday 8/6 is not moved by it.
DAY_OFF = D(2026, 6, 9)
WITH_DAY_OFF = [
    ("complaint.filing_limit", D(2026, 3, 11), D(2026, 6, 9), D(2026, 6, 10)),
    ("complaint.filing_limit", D(2026, 3, 10), D(2026, 6, 8), D(2026, 6, 8)),
    ("complaint.accept", D(2026, 5, 30), D(2026, 6, 9), D(2026, 6, 10)),
    ("complaint.accept", D(2026, 5, 29), D(2026, 6, 8), D(2026, 6, 8)),
    ("complaint.first", D(2026, 5, 10), D(2026, 6, 9), D(2026, 6, 10)),
    ("complaint.first", D(2026, 5, 9), D(2026, 6, 8), D(2026, 6, 8)),
    ("complaint.second", D(2026, 4, 25), D(2026, 6, 9), D(2026, 6, 10)),
    ("complaint.second", D(2026, 4, 24), D(2026, 6, 8), D(2026, 6, 8)),
    ("denunciation.resolve", D(2026, 5, 10), D(2026, 6, 9), D(2026, 6, 10)),
    ("denunciation.resolve", D(2026, 5, 9), D(2026, 6, 8), D(2026, 6, 8)),
    # From Monday 1/6: days 1–5 are 2–5/6 and 8/6; with 9/6 off, days 6–10 are 10–12/6, 15–16/6.
    ("petition.handle", D(2026, 6, 1), D(2026, 6, 15), D(2026, 6, 16)),
]

# An administrator makes Saturday 13/6/2026 a working day (làm bù): a last day on it stays.
WORKING_SATURDAY = D(2026, 6, 13)
WITH_WORKING_SATURDAY = [
    ("complaint.filing_limit", D(2026, 3, 15), D(2026, 6, 15), D(2026, 6, 13)),
    ("complaint.accept", D(2026, 6, 3), D(2026, 6, 15), D(2026, 6, 13)),
    ("complaint.first", D(2026, 5, 14), D(2026, 6, 15), D(2026, 6, 13)),
    ("complaint.second", D(2026, 4, 29), D(2026, 6, 15), D(2026, 6, 13)),
    ("denunciation.resolve", D(2026, 5, 14), D(2026, 6, 15), D(2026, 6, 13)),
    # From Monday 8/6: 9–12/6 are days 1–4, Saturday 13/6 day 5, 15–19/6 days 6–10.
    ("petition.handle", D(2026, 6, 8), D(2026, 6, 22), D(2026, 6, 19)),
]

EVERY_RULE = {
    "complaint.filing_limit",
    "complaint.accept",
    "complaint.first",
    "complaint.second",
    "denunciation.resolve",
    "petition.handle",
}


def test_the_tables_cover_every_default_rule() -> None:
    for table in (OFFICIAL, WITH_DAY_OFF, WITH_WORKING_SATURDAY):
        assert {row[0] for row in table} == EVERY_RULE


def _cli(capsys: pytest.CaptureFixture[str], rule: str, start: dt.date) -> str:
    assert main(["danvan", "deadline", rule, start.isoformat()]) == 0
    return capsys.readouterr().out.splitlines()[0]


@pytest.mark.parametrize(("rule", "start", "due"), OFFICIAL)
def test_official_calendar(rule: str, start: dt.date, due: dt.date) -> None:
    assert compute_due_date(rule, start).due_date == due


@pytest.mark.parametrize(("rule", "start", "due"), OFFICIAL)
def test_official_calendar_on_the_command_line(
    capsys: pytest.CaptureFixture[str], rule: str, start: dt.date, due: dt.date
) -> None:
    assert _cli(capsys, rule, start) == due.isoformat()


def _day_off() -> None:
    set_calendar_day(
        DAY_OFF,
        CalendarDayKind.DAY_OFF,
        name="Nghỉ hoán đổi (thử nghiệm)",
        legal_basis="Thông báo của Văn phòng Chính phủ (thử nghiệm)",
    )


def _working_saturday() -> None:
    set_calendar_day(
        WORKING_SATURDAY,
        CalendarDayKind.WORKING_DAY,
        name="Làm bù (thử nghiệm)",
        legal_basis="Thông báo của Văn phòng Chính phủ (thử nghiệm)",
    )


# Each row with the administrator's entry it needs.
WITH_ENTRY = [(_day_off, *row) for row in WITH_DAY_OFF] + [
    (_working_saturday, *row) for row in WITH_WORKING_SATURDAY
]


@pytest.mark.parametrize(("enter", "rule", "start", "before", "after"), WITH_ENTRY)
def test_an_administrators_entry(
    enter: Callable[[], None], rule: str, start: dt.date, before: dt.date, after: dt.date
) -> None:
    assert compute_due_date(rule, start).due_date == before
    enter()
    assert compute_due_date(rule, start).due_date == after


@pytest.mark.parametrize(("enter", "rule", "start", "before", "after"), WITH_ENTRY)
def test_an_administrators_entry_on_the_command_line(
    capsys: pytest.CaptureFixture[str],
    enter: Callable[[], None],
    rule: str,
    start: dt.date,
    before: dt.date,
    after: dt.date,
) -> None:
    enter()
    assert _cli(capsys, rule, start) == after.isoformat()
