"""Figures of the dân vận report computed from inspections (one unit itself over the window)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import F, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from danvan.orgs.models import OrgUnit
from danvan.reporting.sources import register

from .models import Finding, FindingStatus


@register("inspections.findings_closed", _("Inspection findings fixed and closed"))
def findings_closed(unit: OrgUnit, start: dt.date, end: dt.date) -> Decimal:
    return Decimal(
        Finding.objects.filter(
            responsible_unit=unit, status=FindingStatus.CLOSED, closed_on__gte=start,
            closed_on__lte=end,
        ).count()
    )  # fmt: skip


@register("inspections.findings_overdue", _("Inspection findings overdue at the end of the window"))
def findings_overdue(unit: OrgUnit, start: dt.date, end: dt.date) -> Decimal:
    """Not closed by the window's last day and due before it."""
    late = Finding.objects.filter(responsible_unit=unit, due_on__lt=end).exclude(
        status=FindingStatus.CLOSED, closed_on__lte=end
    )
    return Decimal(late.count())


def findings_due_in(unit: OrgUnit, start: dt.date, end: dt.date) -> QuerySet[Finding]:
    """Findings the unit had to fix by a due date in the window (open ones move to the
    successor of a merged unit; fixed ones stay with the unit that fixed them)."""
    return Finding.objects.filter(responsible_unit=unit, due_on__gte=start, due_on__lte=end)


CLOSED_BY_DUE = Q(status=FindingStatus.CLOSED, closed_on__isnull=False, closed_on__lte=F("due_on"))


@register("inspections.findings_due", _("Inspection findings due to be fixed"))
def findings_due(unit: OrgUnit, start: dt.date, end: dt.date) -> Decimal:
    return Decimal(findings_due_in(unit, start, end).count())


@register(
    "inspections.findings_closed_by_due",
    _("Inspection findings fixed and closed by their due date"),
)
def findings_closed_by_due(unit: OrgUnit, start: dt.date, end: dt.date) -> Decimal:
    return Decimal(findings_due_in(unit, start, end).filter(CLOSED_BY_DUE).count())
