"""Open findings of a unit's area: for the unit and each unit directly below it, the findings
its units must still act on (not yet due, overdue), counted over the subtree rolled up with the
units merged into it, among the findings the reader may see."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from danvan.core.obligations import overdue_filter
from danvan.orgs.models import OrgUnit, OrgUnitKind
from danvan.orgs.paths import SEGMENT_WIDTH
from danvan.outputs import charts
from danvan.reporting.consolidation import paths_q, prime_merged_paths, roll_up_paths

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
    units = list(below)
    # Counted per responsible unit in one query and summed here per row: the page ran two
    # queries per unit below (153 queries, about 2 s at p95 for a province in the page crawl).
    prime_merged_paths(units)
    holders: dict[str, list[int]] = defaultdict(list)
    for unit in units:
        for path in roll_up_paths(unit):
            holders[path].append(unit.pk)
    open_ = dict.fromkeys((u.pk for u in units), 0)
    overdue = dict.fromkeys((u.pk for u in units), 0)
    if holders:
        counts = (
            findings.open()  # type: ignore[attr-defined]
            .filter(paths_q(sorted(holders), "responsible_unit__path"))
            .values("responsible_unit__path")
            .annotate(open=Count("pk"), overdue=Count("pk", filter=overdue_filter(Finding, today)))
            .order_by()
        )
        for row in counts:
            path = row["responsible_unit__path"]
            # roll_up_paths of one unit never overlap: a finding counts once for each unit
            owners = {
                owner
                for end in range(SEGMENT_WIDTH, len(path) + 1, SEGMENT_WIDTH)
                for owner in holders.get(path[:end], ())
            }
            for owner in owners:
                open_[owner] += row["open"]
                overdue[owner] += row["overdue"]
    rows = [OpenFindings(u, open_[u.pk], overdue[u.pk]) for u in units]
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
