"""Open findings of a unit's area: for the unit and each unit directly below it, the findings
its units must still act on (not yet due, overdue), counted over the subtree rolled up with the
units merged into it, among the findings the reader may see."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from danvan.core.obligations import overdue_filter
from danvan.orgs.models import OrgUnit, OrgUnitKind
from danvan.outputs import charts
from danvan.reporting.consolidation import paths_q, roll_up_paths

from .models import Finding


@dataclass
class OpenFindings:
    unit: OrgUnit
    open: int
    overdue: int

    @property
    def not_due(self) -> int:
        return self.open - self.overdue


def open_findings(unit: OrgUnit, findings: QuerySet[Finding], today: dt.date) -> OpenFindings:
    counts = (
        findings.open()  # type: ignore[attr-defined]
        .filter(paths_q(roll_up_paths(unit), "responsible_unit__path"))
        .aggregate(open=Count("pk"), overdue=Count("pk", filter=overdue_filter(Finding, today)))
    )
    return OpenFindings(unit, counts["open"], counts["overdue"])


def open_findings_table(
    root: OrgUnit, findings: QuerySet[Finding], today: dt.date
) -> tuple[OpenFindings, list[OpenFindings]]:
    """The root's whole area, and each current unit directly below it that has open findings."""
    below = (
        OrgUnit.objects.filter(parent=root)
        .current()
        .filter(~Q(kind=OrgUnitKind.VILLAGE))
        .order_by("path")
    )
    rows = [open_findings(u, findings, today) for u in below]
    return open_findings(root, findings, today), [r for r in rows if r.open]


def open_findings_chart(rows: list[OpenFindings]) -> charts.Chart:
    return charts.bar(
        _("Open findings per responsible unit"),
        [r.unit.name for r in rows],
        {_("Not yet due"): [r.not_due for r in rows], _("Overdue"): [r.overdue for r in rows]},
        stacked=True,
        label_header=_("Unit"),
        total=True,
    )
