"""Reporting periods and their data cut-off windows (Nghị định 09/2019/NĐ-CP, Điều 12).

A period is named by a short code — ``2026-03`` (month), ``2026-Q1``, ``2026-S1`` (first six
months), ``2026-N9`` (nine months), ``2026`` (year), ``2026-AH`` (ad hoc) — and its dates come
from the period rule of its type (data, with legal basis) unless the form overrides them.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from danvan.core.errors import UserError
from danvan.core.periods import period_label
from danvan.core.stamps import LEGAL, StampedCache

from .models import PeriodRule, PeriodType

if TYPE_CHECKING:
    from .models import ReportForm

KIND_NAMES = {
    "monthly": PeriodType.MONTHLY,
    "quarterly": PeriodType.QUARTERLY,
    "semiannual": PeriodType.SEMIANNUAL,
    "nine_months": PeriodType.NINE_MONTHS,
    "annual": PeriodType.ANNUAL,
}
MIN_YEAR, MAX_YEAR = 2000, 2100


@dataclass(frozen=True)
class Period:
    code: str
    period_type: str
    year: int
    first_month: int
    last_month: int
    start: dt.date
    end: dt.date
    due: dt.date

    @property
    def label(self) -> str:
        """What a page shows for the period («Quý III/2026»), never the code."""
        return period_label(self.code)

    @property
    def title(self) -> str:
        """Vietnamese name of the period as written in reports ("6 tháng đầu năm 2026")."""
        if self.period_type == PeriodType.MONTHLY:
            return f"tháng {self.first_month:02d}/{self.year}"
        if self.period_type == PeriodType.QUARTERLY:
            quarter = ["I", "II", "III", "IV"][(self.first_month - 1) // 3]
            return f"quý {quarter} năm {self.year}"
        if self.period_type == PeriodType.SEMIANNUAL:
            half = "đầu năm" if self.first_month == 1 else "cuối năm"
            return f"6 tháng {half} {self.year}"
        if self.period_type == PeriodType.NINE_MONTHS:
            return f"9 tháng năm {self.year}"
        if self.period_type == PeriodType.ANNUAL:
            return f"năm {self.year}"
        return f"đột xuất {self.start:%d/%m/%Y}–{self.end:%d/%m/%Y}"


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _window(
    year: int, first_month: int, last_month: int, cutoff: int | None
) -> tuple[dt.date, dt.date]:
    if not cutoff or cutoff == 1:
        last_day = calendar.monthrange(year, last_month)[1]
        return dt.date(year, first_month, 1), dt.date(year, last_month, last_day)
    before_year, before_month = _add_months(year, first_month, -1)
    return dt.date(before_year, before_month, cutoff), dt.date(year, last_month, cutoff - 1)


def _months_of(period_type: str) -> list[tuple[str, int, int]]:
    """(suffix, first month, last month) of each period of a year."""
    if period_type == PeriodType.MONTHLY:
        return [(f"-{m:02d}", m, m) for m in range(1, 13)]
    if period_type == PeriodType.QUARTERLY:
        return [(f"-Q{q}", 3 * q - 2, 3 * q) for q in range(1, 5)]
    if period_type == PeriodType.SEMIANNUAL:
        return [("-S1", 1, 6), ("-S2", 7, 12)]
    if period_type == PeriodType.NINE_MONTHS:
        return [("-N9", 1, 9)]
    if period_type == PeriodType.ANNUAL:
        return [("", 1, 12)]
    return []


_rules: StampedCache[dict[str, tuple[int | None, int]]] = StampedCache(LEGAL, maxsize=1)


def _all_rules() -> dict[str, tuple[int | None, int]]:
    """(cut-off day, due days) of each period type, kept per process until an edit
    (:mod:`danvan.core.stamps`): a dashboard lists periods of many forms and years, and
    reading the rule again for each cost one query per form and year shown."""
    return _rules.get(
        "all",
        lambda: {
            rule.period_type: (rule.cutoff_day, rule.due_days) for rule in PeriodRule.objects.all()
        },
    )


def _rule_values(period_type: str, form: ReportForm | None) -> tuple[int | None, int]:
    cutoff, due_days = _all_rules().get(period_type, (None, 0))
    if form is not None:
        if form.cutoff_day is not None:
            cutoff = form.cutoff_day
        if form.due_days is not None:
            due_days = form.due_days
    return cutoff, due_days


def periods_of_year(period_type: str, year: int, form: ReportForm | None = None) -> list[Period]:
    """Every period of ``period_type`` in ``year``, with its window and due date."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise UserError(
            _("The year %(year)s is outside %(min)s–%(max)s.")
            % {"year": year, "min": MIN_YEAR, "max": MAX_YEAR}
        )
    if period_type == PeriodType.AD_HOC:
        if form is None or not form.adhoc_start or not form.adhoc_end:
            return []
        if form.adhoc_end.year != year:
            return []
        return [_adhoc(form)]
    cutoff, due_days = _rule_values(period_type, form)
    periods = []
    for suffix, first, last in _months_of(period_type):
        start, end = _window(year, first, last, cutoff)
        periods.append(
            Period(
                code=f"{year}{suffix}",
                period_type=period_type,
                year=year,
                first_month=first,
                last_month=last,
                start=start,
                end=end,
                due=end + dt.timedelta(days=due_days),
            )
        )
    return periods


def _adhoc(form: ReportForm) -> Period:
    assert form.adhoc_start and form.adhoc_end
    _cutoff, due_days = _rule_values(PeriodType.AD_HOC, form)
    end = form.adhoc_end
    return Period(
        code=f"{end.year}-AH",
        period_type=PeriodType.AD_HOC,
        year=end.year,
        first_month=form.adhoc_start.month,
        last_month=end.month,
        start=form.adhoc_start,
        end=end,
        due=end + dt.timedelta(days=due_days),
    )


CODE_PATTERNS = [
    (re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$"), PeriodType.MONTHLY),
    (re.compile(r"^(\d{4})-Q([1-4])$"), PeriodType.QUARTERLY),
    (re.compile(r"^(\d{4})-S([12])$"), PeriodType.SEMIANNUAL),
    (re.compile(r"^(\d{4})-N9$"), PeriodType.NINE_MONTHS),
    (re.compile(r"^(\d{4})$"), PeriodType.ANNUAL),
    (re.compile(r"^(\d{4})-AH$"), PeriodType.AD_HOC),
]


def period_for(form: ReportForm, code: str) -> Period:
    """The period ``code`` of ``form``; a code of another period type is refused."""
    code = (code or "").strip().upper()
    for pattern, period_type in CODE_PATTERNS:
        match = pattern.match(code)
        if match:
            if period_type != form.period_type:
                break
            for period in periods_of_year(period_type, int(match.group(1)), form):
                if period.code == code:
                    return period
            break
    raise UserError(
        _(
            "The reporting period «%(code)s» is not valid for the form «%(name)s» "
            "(%(kind)s periods)."
        )
        % {"code": code, "name": form.name, "kind": PeriodType(form.period_type).label.lower()}
    )


def periods_between(form: ReportForm, first: dt.date, last: dt.date) -> list[Period]:
    """Periods of ``form`` whose data end between ``first`` and ``last``."""
    found = []
    for year in range(first.year, last.year + 2):
        for period in periods_of_year(form.period_type, year, form):
            if first <= period.end <= last:
                found.append(period)
    return found


def current_period(form: ReportForm, today: dt.date) -> Period | None:
    """The period whose data window contains ``today`` (or the latest one that ended)."""
    candidates = [
        p for year in (today.year - 1, today.year, today.year + 1)
        for p in periods_of_year(form.period_type, year, form)
    ]  # fmt: skip
    for period in candidates:
        if period.start <= today <= period.end:
            return period
    ended = [p for p in candidates if p.end < today]
    return ended[-1] if ended else None


def parse_kind(kind: str) -> str:
    try:
        return KIND_NAMES[kind.strip().lower()]
    except KeyError:
        raise UserError(
            _("The period kind «%(kind)s» is not valid; choose one of: %(kinds)s.")
            % {"kind": kind, "kinds": ", ".join(KIND_NAMES)}
        ) from None


def parse_year(raw: str) -> int:
    text = str(raw).strip()
    if not text.isdigit() or not MIN_YEAR <= int(text) <= MAX_YEAR:
        raise UserError(
            _("The year «%(raw)s» is not valid; write a four-digit year from %(min)s to %(max)s.")
            % {"raw": raw, "min": MIN_YEAR, "max": MAX_YEAR}
        )
    return int(text)
