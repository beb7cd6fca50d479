"""The legal deadline engine: from a rule, a start day and the case's traits to a due date.

Counting follows Bộ luật Dân sự 2015 (applied to other fields by its Điều 144):

* khoản 2 Điều 147 — a period in days starts on the day after the event (the event's day is
  not counted);
* khoản 5 Điều 148 — when the last day is a weekend or a holiday, the period ends at the end of
  the next working day.

A period in working days (ngày làm việc) counts only working days after the event, so its last
day is always a working day.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cached_property

from django.utils.translation import gettext as _

from danvan.core.errors import UserError
from danvan.core.stamps import LEGAL, StampedCache

from .calendar import WorkCalendar, current_calendar, format_day
from .models import DeadlineRule, TimeUnit


@dataclass(frozen=True)
class DueDate:
    """A computed deadline: the last day, the rule version used and how it was counted."""

    due_date: dt.date
    rule: DeadlineRule
    start: dt.date
    days: int
    unit: str
    basis: str
    base_days: int
    case_words: str
    extensions: int
    last_counted: dt.date
    calendar: WorkCalendar = field(repr=False, compare=False)

    @cached_property
    def explanation(self) -> str:
        """How the date was counted, in the words of the law (written only when asked for)."""
        return _explain(
            self.rule,
            self.start,
            self.base_days,
            self.case_words,
            self.extensions,
            self.days,
            self.last_counted,
            self.due_date,
            self.calendar,
        )


def valid_rule_ids() -> list[str]:
    return sorted(set(DeadlineRule.objects.values_list("rule_id", flat=True)))


_rules: StampedCache[tuple[DeadlineRule, ...]] = StampedCache(LEGAL, maxsize=1)


def _all_rules() -> tuple[DeadlineRule, ...]:
    """Every version of every rule, newest first; kept per process until an edit
    (:mod:`danvan.core.stamps`). A few dozen rows, read on every petition step."""
    return _rules.get("all", lambda: tuple(DeadlineRule.objects.order_by("-effective_from", "-id")))


def rule_in_force(rule_id: str, on: dt.date) -> DeadlineRule:
    """The version of ``rule_id`` in force on ``on``; a Vietnamese :class:`UserError` if none.

    ``effective_to`` is the last day of force, inclusive.
    """
    rules = _all_rules()
    for rule in rules:
        if (
            rule.rule_id == rule_id
            and rule.effective_from <= on
            and (rule.effective_to is None or rule.effective_to >= on)
        ):
            return rule
    known = sorted({rule.rule_id for rule in rules})
    if rule_id not in known:
        listed = ", ".join(known) or "(chưa có)"
        raise UserError(
            _("There is no deadline rule «%(rule_id)s». Valid codes: %(listed)s.")
            % {"rule_id": rule_id, "listed": listed}
        )
    raise UserError(
        _(
            "The deadline rule «%(rule_id)s» has no version in force on %(on)s; an "
            "administrator must enter the version that applies on that day."
        )
        % {"rule_id": rule_id, "on": format(on, "%d/%m/%Y")}
    )


def parse_day(text: str) -> dt.date:
    """A date written ``YYYY-MM-DD`` or ``DD/MM/YYYY``; a Vietnamese :class:`UserError` if not."""
    value = text.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return dt.date.fromisoformat(value)
        if re.fullmatch(r"\d{1,2}/\d{1,2}/\d{4}", value):
            day, month, year = (int(part) for part in value.split("/"))
            return dt.date(year, month, day)
    except ValueError:
        raise UserError(
            _("The date «%(text)s» does not exist in the calendar.") % {"text": text}
        ) from None
    raise UserError(
        _(
            "The date «%(text)s» is not in a known format; use YYYY-MM-DD (e.g. "
            "2026-02-13) or DD/MM/YYYY."
        )
        % {"text": text}
    )


def _base_duration(rule: DeadlineRule, complex: bool, remote: bool) -> tuple[int, str]:
    """The duration that applies to the case and the words describing the case."""
    if complex and rule.complex_max_extensions is not None and rule.complex_duration is None:
        # Complexity buys extensions here (Điều 30 Luật Tố cáo), not a longer first period.
        complex = False
        if not remote:
            return rule.duration, ""
    variants = {
        (True, True): (rule.remote_complex_duration, "vụ việc phức tạp ở vùng sâu, vùng xa"),
        (True, False): (rule.complex_duration, "vụ việc phức tạp"),
        (False, True): (rule.remote_duration, "vùng sâu, vùng xa đi lại khó khăn"),
    }
    if (complex, remote) == (False, False):
        return rule.duration, ""
    days, words = variants[(complex, remote)]
    if days is None:
        raise UserError(
            _(
                "The rule «%(rule_id)s» (%(legal_basis)s) has no time limit of its own "
                "for %(words)s."
            )
            % {"rule_id": rule.rule_id, "legal_basis": rule.legal_basis, "words": words}
        )
    return days, words


def compute_due_date(
    rule_id: str,
    start: dt.date,
    *,
    complex: bool = False,
    remote: bool = False,
    extensions: int = 0,
    especially_complex: bool = False,
) -> DueDate:
    """The due date of a legal deadline (thời hạn) that starts with an event on ``start``.

    ``complex`` and ``remote`` select the rule's longer period for a complex case (vụ việc phức
    tạp) or a remote, hard-to-reach area (vùng sâu, vùng xa); ``extensions`` adds that many
    extensions (gia hạn) where the rule allows them for the case, e.g. Điều 30 Luật Tố cáo 2018:
    one if complex, two if ``especially_complex`` (vụ việc đặc biệt phức tạp), none otherwise.
    The rule version in force on ``start`` applies. Bad input raises :class:`UserError` with a
    Vietnamese message.
    """
    rule = rule_in_force(rule_id, start)
    complex = complex or especially_complex
    days, case_words = _base_duration(rule, complex, remote)
    if extensions < 0:
        raise UserError(_("The number of extensions cannot be negative."))
    allowed = _extensions_allowed(rule, complex, especially_complex)
    if extensions > allowed:
        case = _case_words(complex, especially_complex)
        message = (
            _(
                "The rule «%(rule_id)s» (%(basis)s) %(limit)s; %(case)s cannot be extended "
                "%(extensions)s times."
            )
            if case
            else _(
                "The rule «%(rule_id)s» (%(basis)s) %(limit)s; it cannot be extended "
                "%(extensions)s times."
            )
        )
        raise UserError(
            message
            % {
                "rule_id": rule.rule_id,
                "basis": rule.legal_basis,
                "limit": _extension_limit_words(rule),
                "case": case,
                "extensions": extensions,
            }
        )
    extra = extensions * (rule.extension_days or 0)
    total = days + extra
    calendar = current_calendar()
    if rule.unit == TimeUnit.WORKING_DAY:
        due = calendar.add_working_days(start, total)
        last_counted = due
    else:
        last_counted = start + dt.timedelta(days=total)
        due = calendar.next_working_day(last_counted)
    return DueDate(
        due_date=due,
        rule=rule,
        start=start,
        days=total,
        unit=rule.unit,
        basis=rule.legal_basis,
        base_days=days,
        case_words=case_words,
        extensions=extensions,
        last_counted=last_counted,
        calendar=calendar,
    )


def _extensions_allowed(rule: DeadlineRule, complex: bool, especially_complex: bool) -> int:
    if rule.complex_max_extensions is None or especially_complex:
        return rule.max_extensions
    return rule.complex_max_extensions if complex else 0


def _extension_limit_words(rule: DeadlineRule) -> str:
    if not rule.max_extensions:
        return _("allows no extension")
    if rule.complex_max_extensions is None:
        return _("allows at most %(max)s extensions") % {"max": rule.max_extensions}
    return _(
        "allows extensions only for a complex case (at most %(complex)s) or an especially "
        "complex case (at most %(max)s)"
    ) % {"complex": rule.complex_max_extensions, "max": rule.max_extensions}


def _case_words(complex: bool, especially_complex: bool) -> str:
    if especially_complex:
        return _("an especially complex case")
    return _("a complex case") if complex else ""


def _explain(
    rule: DeadlineRule,
    start: dt.date,
    days: int,
    case_words: str,
    extensions: int,
    total: int,
    last_counted: dt.date,
    due: dt.date,
    calendar: WorkCalendar,
) -> str:
    unit_words = "ngày làm việc" if rule.unit == TimeUnit.WORKING_DAY else "ngày"
    parts = [
        f"Áp dụng «{rule.name}» theo {rule.legal_basis} "
        f"(phiên bản có hiệu lực từ {rule.effective_from:%d/%m/%Y})."
    ]
    period = f"Thời hạn {days} {unit_words}"
    if case_words:
        period += f" ({case_words})"
    if extensions:
        period += (
            f", cộng {extensions} lần gia hạn, mỗi lần {rule.extension_days} {unit_words}: "
            f"tổng cộng {total} {unit_words}"
        )
    parts.append(f"{period}, kể từ {rule.start_event.lower()} ({format_day(start)}).")
    first = start + dt.timedelta(days=1)
    parts.append(
        f"Ngày xảy ra sự kiện không được tính; thời hạn bắt đầu từ {format_day(first)} "
        "(khoản 2 Điều 147 Bộ luật Dân sự 2015)."
    )
    if rule.unit == TimeUnit.WORKING_DAY:
        skipped = calendar.days_off_between(first, due)
        text = (
            f"Đếm {total} ngày làm việc, bỏ qua {len(skipped)} ngày nghỉ"
            if skipped
            else f"Đếm {total} ngày làm việc liên tiếp"
        )
        runs = _holiday_runs(calendar, skipped)
        if runs:
            text += " (trong đó " + "; ".join(runs) + ")"
        parts.append(f"{text}: hạn cuối là {format_day(due)}.")
    elif due == last_counted:
        parts.append(f"Ngày cuối cùng của thời hạn là {format_day(due)}, là ngày làm việc.")
    else:
        reason = calendar.day_name(last_counted) or "ngày nghỉ"
        parts.append(
            f"Ngày cuối cùng của thời hạn là {format_day(last_counted)}, là ngày nghỉ "
            f"({reason}); thời hạn kết thúc vào cuối ngày làm việc tiếp theo, {format_day(due)} "
            "(khoản 5 Điều 148 Bộ luật Dân sự 2015)."
        )
    return " ".join(parts)


def _holiday_runs(calendar: WorkCalendar, days: list[dt.date]) -> list[str]:
    """Named days off other than weekends, consecutive days of one name written as a range."""
    runs: list[tuple[dt.date, dt.date, str]] = []
    for day in days:
        name = calendar.day_name(day)
        if day.weekday() >= 5 and name == "nghỉ cuối tuần":
            continue
        if runs and runs[-1][2] == name and (day - runs[-1][1]).days == 1:
            runs[-1] = (runs[-1][0], day, name)
        else:
            runs.append((day, day, name))
    return [
        f"{first:%d/%m/%Y} {name}" if first == last else f"{first:%d/%m}–{last:%d/%m/%Y} {name}"
        for first, last, name in runs
    ]
