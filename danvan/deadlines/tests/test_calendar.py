"""Working days: weekends, Tết, the government's day swaps, and administrators' edits.

Expected dates are counted by hand from the official 2025/2026 schedules (see the comments).
"""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.deadlines import add_working_days, is_working_day
from danvan.deadlines.services import set_calendar_day

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (D(2026, 2, 13), True),  # Friday before Tết Bính Ngọ
        (D(2026, 2, 14), False),  # Saturday
        (D(2026, 2, 16), False),  # Monday, 29 tháng Chạp: first weekday of Tết
        (D(2026, 2, 20), False),  # Friday, mùng 4 Tết: last weekday of Tết
        (D(2026, 2, 23), True),  # Monday after Tết
        (D(2025, 4, 26), True),  # Saturday worked in exchange for Friday 2/5/2025
        (D(2025, 5, 2), False),  # the Friday given off in that swap
        (D(2026, 1, 2), False),  # Friday given off after New Year 2026 ...
        (D(2026, 1, 10), True),  # ... worked on Saturday 10/1/2026 instead
        (D(2026, 4, 27), False),  # Monday: nghỉ bù for Giỗ Tổ on Sunday 26/4/2026
    ],
)
def test_official_schedule_is_known_without_an_administrator(day: dt.date, working: bool) -> None:
    assert is_working_day(day) is working


def test_lunar_holidays_of_a_year_without_entries_come_from_the_holidays_package() -> None:
    # No schedule is shipped for 2027; Tết Đinh Mùi falls on Saturday 6/2/2027, so the
    # weekdays around it (Thursday 4/2 to Wednesday 10/2) are public holidays or nghỉ bù.
    assert not is_working_day(D(2027, 2, 8))
    assert is_working_day(D(2027, 2, 11))


def test_working_days_across_tet_2026() -> None:
    # From Friday 13/2/2026: 14–15 weekend, 16–20 Tết, 21–22 weekend; the 1st working day
    # after it is Monday 23/2, the 3rd is Wednesday 25/2.
    assert add_working_days(D(2026, 2, 13), 1) == D(2026, 2, 23)
    assert add_working_days(D(2026, 2, 13), 3) == D(2026, 2, 25)


def test_working_days_across_the_2025_swap() -> None:
    # From Friday 25/4/2025: Saturday 26/4 is worked (1), Sunday 27 off, Monday 28 (2),
    # Tuesday 29 (3), 30/4 and 1/5 holidays, Friday 2/5 swapped off, 3–4/5 weekend,
    # Monday 5/5 (4).
    assert add_working_days(D(2025, 4, 25), 1) == D(2025, 4, 26)
    assert add_working_days(D(2025, 4, 25), 3) == D(2025, 4, 29)
    assert add_working_days(D(2025, 4, 25), 4) == D(2025, 5, 5)


def test_zero_working_days_is_the_day_itself() -> None:
    assert add_working_days(D(2026, 2, 14), 0) == D(2026, 2, 14)


def test_an_administrators_entry_changes_the_count_at_once() -> None:
    # Tuesday 24/11/2026 (Ngày Văn hóa Việt Nam) ships as a day off; an administrator who finds
    # it is not one in law makes it a working day.
    assert not is_working_day(D(2026, 11, 24))
    assert add_working_days(D(2026, 11, 23), 1) == D(2026, 11, 25)
    set_calendar_day(
        D(2026, 11, 24),
        "working_day",
        name="Ngày làm việc bình thường",
        legal_basis="Bộ luật Lao động 2019 (chưa sửa Điều 112)",
    )
    assert is_working_day(D(2026, 11, 24))
    assert add_working_days(D(2026, 11, 23), 1) == D(2026, 11, 24)
    # A newly announced swap in 2027: Friday 30/4/2027 becomes a day off.
    assert not is_working_day(D(2027, 4, 30))  # 30/4 is a public holiday anyway
    set_calendar_day(
        D(2027, 4, 29), "day_off", name="Nghỉ hoán đổi", legal_basis="Thông báo giả định"
    )
    assert not is_working_day(D(2027, 4, 29))
