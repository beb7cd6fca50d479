"""One abstraction for "a unit owes this by a date" (nghĩa vụ có thời hạn), and one reminder job.

A task a department must finish, an implementing plan a commune must issue, a periodic report, a
dialogue follow-up, a petition's answer, a disclosure, a recommendation the Front is waiting on:
each is an *obligation kind* registered here once, in the owning app's ``apps.py``::

    from danvan.core.obligations import ObligationKind, register

    register(ObligationKind(
        key="dialogues.follow_up",
        label=_("dialogue follow-up"),
        permission="dialogues.change_followup",       # who is reminded at the owing unit
        owed=open_follow_ups,                         # (start, end) -> Iterable[Owed]
        reminder_days=(7, 1, 0),
    ))

Nothing is stored about what was reminded: the state is derived from the dates on every run
(``overdue`` / ``due_soon`` predicates below), and the notification key (kind, item, due date,
window) makes a second run, or a restarted consumer, send nothing twice. A moved due date is a
new reminder. An item owed by a unit that a merge ended is reminded to the unit carrying it on
(:func:`danvan.orgs.succession.carrier_of`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from danvan.orgs.models import OrgUnit

#: How long after a due date a missed obligation is still reminded (once).
MISSED_LOOKBACK_DAYS = 31


class Timeliness(StrEnum):
    """How an obligation stands against its due date (derived, never stored)."""

    ON_TIME = "on_time"  # done on or before the due date
    LATE = "late"  # done after the due date
    OPEN = "open"  # not done, due date not passed
    OVERDUE = "overdue"  # not done, due date passed


def timeliness(due_on: dt.date | None, done_on: dt.date | None, today: dt.date) -> Timeliness:
    if done_on is not None:
        return Timeliness.LATE if due_on is not None and done_on > due_on else Timeliness.ON_TIME
    if due_on is not None and due_on < today:
        return Timeliness.OVERDUE
    return Timeliness.OPEN


def overdue_q(due_field: str, open_q: Q, today: dt.date) -> Q:
    """Rows not done whose due date has passed."""
    return open_q & Q(**{f"{due_field}__lt": today})


def due_soon_q(due_field: str, open_q: Q, today: dt.date, days: int) -> Q:
    """Rows not done that fall due within ``days`` days from today (today included)."""
    return open_q & Q(
        **{f"{due_field}__gte": today, f"{due_field}__lte": today + dt.timedelta(days=days)}
    )


class DueDateQuerySetMixin:
    """``.overdue(today)`` / ``.due_soon(days, today)`` for a queryset of one obligation model.

    The model says which field holds the due date (``due_date_field``) and what "still open"
    means (classmethod ``open_q()``), e.g. ``~Q(status="done")``.
    """

    def overdue(self, today: dt.date | None = None) -> Any:
        model: Any = self.model  # type: ignore[attr-defined]
        day = today or timezone.localdate()
        return self.filter(overdue_q(model.due_date_field, model.open_q(), day))  # type: ignore[attr-defined]

    def due_soon(self, days: int, today: dt.date | None = None) -> Any:
        model: Any = self.model  # type: ignore[attr-defined]
        day = today or timezone.localdate()
        return self.filter(due_soon_q(model.due_date_field, model.open_q(), day, days))  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Owed:
    """One thing a unit owes by a date, as a reminder needs it."""

    item_key: str  # stable identity of the item within its kind, e.g. the row's pk
    unit: OrgUnit
    due_on: dt.date
    title: str  # what is owed, in Vietnamese as officials write it
    url: str = ""


@dataclass(frozen=True)
class ObligationKind:
    """A kind of obligation an app registers (see the module docstring)."""

    key: str
    label: str | Promise
    #: Officials holding this permission at the owing unit (nearest level) are reminded.
    permission: str
    #: ``owed(start, end)`` yields the open items due between ``start`` and ``end`` inclusive.
    owed: Callable[[dt.date, dt.date], Iterable[Owed]]
    #: Days before the due date on which a reminder goes out (0 = on the day).
    reminder_days: Sequence[int] = (7, 1, 0)
    #: Per-item reminder days (e.g. a plan's own setting); overrides ``reminder_days``.
    reminder_days_of: Callable[[Owed], Sequence[int]] | None = None
    #: How far ahead to look for items (at least the largest reminder day any item may use).
    lookahead_days: int = 31
    extra: dict[str, Any] = field(default_factory=dict)


_KINDS: dict[str, ObligationKind] = {}


def register(kind: ObligationKind) -> ObligationKind:
    """Register an obligation kind (idempotent per key, so tests may re-import apps)."""
    _KINDS[kind.key] = kind
    return kind


def kinds() -> list[ObligationKind]:
    return [_KINDS[key] for key in sorted(_KINDS)]


def window(days_left: int, reminder_days: Sequence[int]) -> int | None:
    """The most urgent reminder window ``days_left`` falls in (None when none).

    A task created three days before its due date gets one "due in 3 days" reminder, not a
    "due in 7 days" one as well.
    """
    fitting = [n for n in reminder_days if 0 <= days_left <= n]
    return min(fitting) if fitting else None


def _message(kind: ObligationKind, item: Owed, days_left: int) -> tuple[str, str]:
    due = item.due_on.strftime("%d/%m/%Y")
    if days_left < 0:
        subject = _("Overdue: %(title)s") % {"title": item.title}
        body = _("%(unit)s has not completed «%(title)s»; it was due on %(due)s.") % {
            "unit": item.unit.name,
            "title": item.title,
            "due": due,
        }
    elif days_left == 0:
        subject = _("Due today: %(title)s") % {"title": item.title}
        body = _("%(unit)s must complete «%(title)s» today (%(due)s).") % {
            "unit": item.unit.name,
            "title": item.title,
            "due": due,
        }
    else:
        subject = _("Due in %(days)s days: %(title)s") % {"days": days_left, "title": item.title}
        body = _("%(unit)s must complete «%(title)s» by %(due)s.") % {
            "unit": item.unit.name,
            "title": item.title,
            "due": due,
        }
    return subject, body


def remind(today: dt.date | None = None, only: Iterable[str] | None = None) -> dict[str, int]:
    """Send every due reminder of every registered kind; how many notifications each kind made.

    Before the due date: one reminder per window of ``reminder_days``. After it: one "overdue"
    reminder, as long as the item is at most ``MISSED_LOOKBACK_DAYS`` late (older ones are on
    the dashboards, not in anyone's inbox every day).
    """
    from danvan.notifications.services import notify, officials_holding
    from danvan.orgs.succession import carrier_of

    day = today or timezone.localdate()
    wanted = set(only) if only is not None else None
    sent: dict[str, int] = {}
    recipients_cache: dict[tuple[str, int], list[Any]] = {}
    for kind in kinds():
        if wanted is not None and kind.key not in wanted:
            continue
        count = 0
        start = day - dt.timedelta(days=MISSED_LOOKBACK_DAYS)
        end = day + dt.timedelta(days=max(kind.lookahead_days, *kind.reminder_days, 0))
        for item in kind.owed(start, end):
            days_left = (item.due_on - day).days
            if days_left < 0:
                slot = "overdue"
            else:
                days = kind.reminder_days_of(item) if kind.reminder_days_of else kind.reminder_days
                found = window(days_left, days)
                if found is None:
                    continue
                slot = f"d{found}"
            unit = carrier_of(item.unit)
            cache_key = (kind.permission, unit.pk)
            if cache_key not in recipients_cache:
                recipients_cache[cache_key] = officials_holding(kind.permission, unit)
            subject, body = _message(kind, item, days_left)
            key = f"obligation:{kind.key}:{item.item_key}:{item.due_on:%Y%m%d}:{slot}"
            count += len(notify(key, recipients_cache[cache_key], subject, body, url=item.url))
        sent[kind.key] = count
    return sent


def open_items(
    queryset: QuerySet[Any],
    due_field: str,
    start: dt.date,
    end: dt.date,
    to_owed: Callable[[Any], Owed],
) -> Iterable[Owed]:
    """Helper for ``owed``: rows of ``queryset`` (already only open ones) due in the range."""
    rows = queryset.filter(**{f"{due_field}__gte": start, f"{due_field}__lte": end})
    for row in rows.iterator(chunk_size=500):
        yield to_owed(row)
