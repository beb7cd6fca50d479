"""Working days of state agencies: weekends, public holidays and the official day swaps.

A day is a working day (ngày làm việc) unless it is a Saturday or Sunday, or a public holiday
(Điều 112 Bộ luật Lao động 2019, lunar ones included, and the compensatory days of Điều 111,
from the ``holidays`` package), or an administrator's :class:`CalendarEntry` says otherwise: the
government's yearly schedule (hoán đổi ngày làm việc, làm bù) overrides the package.

Each year is computed once per process and kept until a rule or calendar entry changes
anywhere: the change stamp ``legal`` (:mod:`danvan.core.stamps`), read once per request, says
so. Entries changed with ``QuerySet.update`` must touch that stamp themselves; edit them through
the admin or :mod:`danvan.deadlines.services`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import holidays

from danvan.core.stamps import LEGAL, StampedCache

from .models import CalendarDayKind, CalendarEntry

WEEKDAY_NAMES = ["thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật"]


def format_day(day: dt.date) -> str:
    """A date as Vietnamese officials write it, with its weekday: ``thứ Hai 16/02/2026``."""
    return f"{WEEKDAY_NAMES[day.weekday()]} {day:%d/%m/%Y}"


@dataclass(frozen=True)
class YearCalendar:
    """The non-working weekdays and the working weekend days of one year, with their names."""

    days_off: frozenset[dt.date]
    working_weekend_days: frozenset[dt.date]
    names: dict[dt.date, str] = field(default_factory=dict)

    def is_working_day(self, day: dt.date) -> bool:
        if day.weekday() >= 5:
            return day in self.working_weekend_days
        return day not in self.days_off


@lru_cache(maxsize=64)
def _package_year(year: int) -> tuple[dict[dt.date, str], frozenset[dt.date]]:
    """Public holidays and working Saturdays of ``year`` according to the ``holidays`` package."""
    # Neighbouring years too: a swap announced with next year's schedule (e.g. a Saturday at the
    # end of December worked for 2 January) is only generated when that year is populated.
    package = holidays.country_holidays("VN", years=[year - 1, year, year + 1], language="vi")
    names = {day: str(name) for day, name in package.items() if day.year == year}
    workdays = frozenset(d for d in package.weekend_workdays if d.year == year)
    return names, workdays


def _build_year(year: int) -> YearCalendar:
    names, package_workdays = _package_year(year)
    names = dict(names)
    days_off = {d for d in names if d.weekday() < 5}
    working_weekend = set(package_workdays)
    entries = CalendarEntry.objects.filter(
        day__gte=dt.date(year, 1, 1), day__lte=dt.date(year, 12, 31)
    ).only("day", "kind", "name")
    for entry in entries:
        if entry.kind == CalendarDayKind.DAY_OFF:
            names[entry.day] = entry.name
            days_off.add(entry.day)
            working_weekend.discard(entry.day)
        else:
            names.pop(entry.day, None)
            days_off.discard(entry.day)
            if entry.day.weekday() >= 5:
                working_weekend.add(entry.day)
    return YearCalendar(frozenset(days_off), frozenset(working_weekend), names)


_years: StampedCache[YearCalendar] = StampedCache(LEGAL, maxsize=64)


def forget_calendar(**_: Any) -> None:
    """Drop the cached years (tests that write entries behind the signals' back)."""
    _years.clear()


class WorkCalendar:
    """The working calendar as the database holds it now; get one with :func:`current_calendar`."""

    def __init__(self) -> None:
        # Counting a period asks about each day; look the year up once per computation.
        self._seen: dict[int, YearCalendar] = {}

    def year(self, year: int) -> YearCalendar:
        found = self._seen.get(year)
        if found is None:
            found = self._seen[year] = _years.get(year, lambda: _build_year(year))
        return found

    def is_working_day(self, day: dt.date) -> bool:
        return self.year(day.year).is_working_day(day)

    def day_name(self, day: dt.date) -> str:
        """Why ``day`` is not worked: the holiday's name, or the weekend."""
        name = self.year(day.year).names.get(day)
        if name:
            return name
        return "nghỉ cuối tuần" if day.weekday() >= 5 else ""

    def next_working_day(self, day: dt.date) -> dt.date:
        """``day`` itself if it is a working day, otherwise the first working day after it."""
        while not self.is_working_day(day):
            day += dt.timedelta(days=1)
        return day

    def add_working_days(self, day: dt.date, n: int) -> dt.date:
        """The ``n``-th working day after ``day`` (``day`` itself is not counted)."""
        if n < 0:
            raise ValueError("n must not be negative")
        while n:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                n -= 1
        return day

    def days_off_between(self, first: dt.date, last: dt.date) -> list[dt.date]:
        """The non-working days from ``first`` to ``last`` inclusive."""
        days = []
        day = first
        while day <= last:
            if not self.is_working_day(day):
                days.append(day)
            day += dt.timedelta(days=1)
        return days


def current_calendar() -> WorkCalendar:
    """The calendar as the database holds it now (years are rebuilt after an edit)."""
    return WorkCalendar()


def is_working_day(day: dt.date) -> bool:
    """Whether state agencies work on ``day`` (ngày làm việc)."""
    return current_calendar().is_working_day(day)


def add_working_days(day: dt.date, n: int) -> dt.date:
    """The ``n``-th working day after ``day``, which is not counted (BLDS 2015 Điều 147)."""
    return current_calendar().add_working_days(day, n)
