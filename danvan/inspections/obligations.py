"""Findings a unit must fix by a deadline, as an obligation (reminders before and when late)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from danvan.core.obligations import ObligationKind, Owed, open_items, register

from .models import Finding


def _owed(finding: Finding) -> Owed:
    return Owed(
        item_key=str(finding.pk),
        unit=finding.responsible_unit,
        due_on=finding.due_on,
        title=_("Fix the inspection finding: %(text)s") % {"text": finding.recommendation[:120]},
        url=reverse("inspections:finding", args=[finding.pk]),
    )


def open_findings(start: dt.date, end: dt.date) -> Iterable[Owed]:
    # «Answered» still owes: the inspecting unit has not accepted the fixes yet.
    rows = Finding.objects.open().select_related("responsible_unit")
    return open_items(rows, "due_on", start, end, _owed)


FINDING = register(
    ObligationKind(
        key="inspections.finding",
        model=Finding,
        label=_("inspection finding to fix"),
        permission="inspections.change_finding",
        owed=open_findings,
        reminder_days=(7, 1, 0),
    )
)
