"""Administrators' edits of the deadline rules, the working calendar and thresholds, audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from danvan.core.audit import acting_as
from danvan.core.errors import UserError

from .models import CalendarDayKind, CalendarEntry, DeadlineRule, Threshold


def _validated(instance: DeadlineRule | CalendarEntry | Threshold) -> None:
    try:
        instance.full_clean()
    except ValidationError as exc:
        messages = "; ".join(str(m) for m in exc.messages)
        raise UserError(_("Invalid data: %(messages)s") % {"messages": messages}) from None


def save_rule(rule: DeadlineRule, *, actor: Any) -> DeadlineRule:
    """Create or change one version of a deadline rule (checks that versions do not overlap)."""
    with transaction.atomic(), acting_as(actor):
        _validated(rule)
        rule.save()
    return rule


def save_calendar_entry(entry: CalendarEntry, *, actor: Any) -> CalendarEntry:
    """Create or change a day off or working day of the official calendar."""
    with transaction.atomic(), acting_as(actor):
        _validated(entry)
        entry.save()
    return entry


def set_calendar_day(
    day: dt.date,
    kind: CalendarDayKind | str,
    *,
    name: str,
    legal_basis: str,
    note: str = "",
    actor: Any,
) -> CalendarEntry:
    """Make ``day`` a day off or a working day, e.g. a swap announced by the government."""
    entry = CalendarEntry.objects.filter(day=day).first() or CalendarEntry(day=day)
    entry.kind = kind
    entry.name = name
    entry.legal_basis = legal_basis
    entry.note = note
    return save_calendar_entry(entry, actor=actor)


def save_threshold(threshold: Threshold, *, actor: Any) -> Threshold:
    """Create or change a legal threshold (e.g. the crowd size after a change of the law)."""
    with transaction.atomic(), acting_as(actor):
        _validated(threshold)
        threshold.save()
    return threshold
