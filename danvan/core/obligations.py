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

Recipients are chosen by permission, never by role code: the officials holding
``kind.permission`` at the owing unit (nearest level, :func:`officials_holding`). An item may
name its own handlers (the officer a petition is assigned to): they are told instead, and when
the item is overdue the permission holders are told as well, with those holding
``kind.overdue_permission`` at the item's ``watcher`` unit (e.g. the unit that held a dialogue).

Notification keys: a kind that replaced an older per-app job keeps that job's key format
(``notification_key``), so a database where the old job already sent a reminder does not get
it a second time (the "compatible key format" choice; no data migration of keys is needed).
New kinds use ``obligation:<kind>:<item>:<due yyyymmdd>:<slot>``.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from danvan.accounts.models import User
    from danvan.orgs.models import OrgUnit

log = logging.getLogger(__name__)

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


def _open_q(model: Any) -> Q:
    condition: Q = model.open_q
    return condition


def overdue_filter(model: Any, today: dt.date) -> Q:
    """:func:`overdue_q` of an obligation model (one that declares ``due_date_field`` and
    ``open_q``), for aggregates: ``Count("pk", filter=overdue_filter(Task, today))``."""
    return overdue_q(model.due_date_field, _open_q(model), today)


def due_soon_filter(model: Any, today: dt.date, days: int) -> Q:
    """:func:`due_soon_q` of an obligation model, for aggregates."""
    return due_soon_q(model.due_date_field, _open_q(model), today, days)


class DueDateQuerySetMixin:
    """``.overdue(today)`` / ``.due_soon(days, today)`` for a queryset of one obligation model.

    The model says which field holds the due date (``due_date_field``) and what "still open"
    means (``open_q``: a class attribute ``Q`` such as ``~Q(status="done")``).
    """

    def overdue(self, today: dt.date | None = None) -> Any:
        model: Any = self.model  # type: ignore[attr-defined]
        day = today or timezone.localdate()
        return self.filter(overdue_filter(model, day))  # type: ignore[attr-defined]

    def due_soon(self, days: int, today: dt.date | None = None) -> Any:
        model: Any = self.model  # type: ignore[attr-defined]
        day = today or timezone.localdate()
        return self.filter(due_soon_filter(model, day, days))  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Owed:
    """One thing a unit owes by a date, as a reminder needs it."""

    item_key: str  # stable identity of the item within its kind, e.g. the row's pk
    unit: OrgUnit
    due_on: dt.date
    title: str  # what is owed, in Vietnamese as officials write it
    url: str = ""
    #: A sentence added to the message (progress, the plan it belongs to, …).
    detail: str = ""
    #: Reminder days of this item (e.g. its plan's own setting); overrides the kind's.
    reminder_days: Sequence[int] | None = None
    #: Officials handling this item themselves (an assigned officer): told instead of the
    #: permission holders before the due date, together with them once it has passed.
    handlers: tuple[User, ...] = ()
    #: A unit that also hears of it once overdue (``kind.overdue_permission`` holders there).
    watcher: OrgUnit | None = None
    #: False for a due date that is not tracked as done or not (a past occurrence of a
    #: recurring task): reminded before, never reported overdue.
    remind_overdue: bool = True


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
    #: Held at an item's ``watcher`` unit: told when the item is overdue.
    overdue_permission: str = ""
    #: ``notification_key(item, slot)`` with slot ``"overdue"`` or ``"d<days>"``; a kind that
    #: replaced an older job keeps that job's keys here (see the module docstring).
    notification_key: Callable[[Owed, str], str] | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    #: The model whose open rows are the items, when each item is one row (it declares
    #: ``due_date_field`` and ``open_q``): monitoring then counts the overdue ones in one
    #: query (``core.metrics``). None for obligations derived from an absence (a commune
    #: that held no dialogue this year).
    model: Any = None

    def key_for(self, item: Owed, slot: str) -> str:
        if self.notification_key is not None:
            return self.notification_key(item, slot)
        return f"obligation:{self.key}:{item.item_key}:{item.due_on:%Y%m%d}:{slot}"


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
    values = {
        "unit": item.unit.name,
        "title": item.title,
        "kind": kind.label,
        "due": item.due_on.strftime("%d/%m/%Y"),
        "days": days_left,
    }
    if days_left < 0:
        subject = _("Overdue: %(title)s") % values
        body = _("%(unit)s has not completed «%(title)s» (%(kind)s); it was due on %(due)s.")
    elif days_left == 0:
        subject = _("Due today: %(title)s") % values
        body = _("%(unit)s must complete «%(title)s» (%(kind)s) today (%(due)s).")
    else:
        subject = _("Due in %(days)s days: %(title)s") % values
        body = _("%(unit)s must complete «%(title)s» (%(kind)s) by %(due)s.")
    text = body % values
    if item.detail:
        text = f"{text} {item.detail}"
    return subject, text


def slot_for(kind: ObligationKind, item: Owed, today: dt.date) -> str | None:
    """Which reminder ``item`` is due for today: ``"overdue"``, ``"d<n>"`` or None."""
    days_left = (item.due_on - today).days
    if days_left < 0:
        if not item.remind_overdue or days_left < -MISSED_LOOKBACK_DAYS:
            return None
        return "overdue"
    if item.reminder_days is not None:
        days = item.reminder_days
    elif kind.reminder_days_of is not None:
        days = kind.reminder_days_of(item)
    else:
        days = kind.reminder_days
    found = window(days_left, days)
    return None if found is None else f"d{found}"


class _Recipients:
    """Officials holding a permission at a unit (nearest level), asked once per run."""

    def __init__(self) -> None:
        self._seen: dict[tuple[str, int], list[User]] = {}

    def holding(self, permission: str, unit: OrgUnit) -> list[User]:
        from danvan.notifications.services import officials_holding
        from danvan.orgs.succession import carrier_of

        carrier = carrier_of(unit)
        key = (permission, carrier.pk)
        if key not in self._seen:
            self._seen[key] = officials_holding(permission, carrier)
        return self._seen[key]

    def of(self, kind: ObligationKind, item: Owed, slot: str) -> list[User]:
        handlers = [user for user in item.handlers if user.is_active]
        if slot != "overdue":
            return handlers or self.holding(kind.permission, item.unit)
        people = [*handlers, *self.holding(kind.permission, item.unit)]
        if item.watcher is not None and kind.overdue_permission:
            people += self.holding(kind.overdue_permission, item.watcher)
        return list({user.pk: user for user in people}.values())


def remind_kind(kind: ObligationKind, today: dt.date) -> int:
    """Send the reminders of one kind due ``today``; how many notifications were made."""
    from danvan.notifications.services import notify

    start = today - dt.timedelta(days=MISSED_LOOKBACK_DAYS)
    end = today + dt.timedelta(days=max(kind.lookahead_days, *kind.reminder_days, 0))
    recipients = _Recipients()
    count = 0
    for item in kind.owed(start, end):
        slot = slot_for(kind, item, today)
        if slot is None:
            continue
        people = recipients.of(kind, item, slot)
        if not people:
            continue
        subject, body = _message(kind, item, (item.due_on - today).days)
        count += len(notify(kind.key_for(item, slot), people, subject, body, url=item.url))
    return count


def remind(today: dt.date | None = None, only: Iterable[str] | None = None) -> dict[str, int]:
    """Send every due reminder of every registered kind; how many notifications each kind made.

    Before the due date: one reminder per window of ``reminder_days``. After it: one "overdue"
    reminder, as long as the item is at most ``MISSED_LOOKBACK_DAYS`` late (older ones are on
    the dashboards, not in anyone's inbox every day). Each kind runs in its own transaction: a
    kind that fails is logged and the others still go out (its reminders come the next run).
    Messages are in the site's language whatever the job's locale.
    """
    day = today or timezone.localdate()
    wanted = set(only) if only is not None else None
    sent: dict[str, int] = {}
    with translation.override(settings.LANGUAGE_CODE):
        for kind in kinds():
            if wanted is not None and kind.key not in wanted:
                continue
            try:
                with transaction.atomic():
                    sent[kind.key] = remind_kind(kind, day)
            except Exception:  # noqa: BLE001  (one broken kind must not silence the others)
                log.exception("reminders of %s failed", kind.key)
                sent[kind.key] = 0
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
