"""Real-time consolidation and completeness, straight from the submissions.

Consolidation of a unit is one SQL query over ``DataValue``: approved rows of the form and
period whose copied unit path falls in the unit's subtree — or in the subtree of a unit merged
into it (:meth:`OrgUnit.predecessor_paths`), so data of a commune merged away mid-year still
rolls up to the commune that carries it on. There is no overnight analytics table to rebuild.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Avg, Count, Max, Min, Q, Sum

from danvan.core.scoping import subtree_upper_bound
from danvan.orgs.models import OrgUnit
from danvan.orgs.paths import SEGMENT_WIDTH

from . import expressions
from .models import DataValue, NarrativeText, ReportForm, Submission, SubmissionStatus
from .periods import Period, period_for


def roll_up_paths(unit: OrgUnit) -> list[str]:
    """The unit's path and the paths of the units merged into its subtree."""
    paths = [unit.path]
    for _pk, path in unit.predecessor_paths():
        if not any(path.startswith(p) for p in paths):
            paths.append(path)
    return paths


def paths_q(paths: list[str], field_name: str = "path") -> Q:
    q = Q(pk__in=[])
    for path in paths:
        q |= Q(**{f"{field_name}__gte": path, f"{field_name}__lt": subtree_upper_bound(path)})
    return q


@dataclass
class Figure:
    code: str
    name: str
    group: str
    aggregation: str
    unit_label: str
    value: Decimal | None
    reported_by: int


def consolidate(
    form: ReportForm, period_code: str, unit: OrgUnit | None = None
) -> dict[str, Figure]:
    """Approved values of ``form`` for the period, rolled up over ``unit``'s subtree (or all)."""
    elements = list(form.elements.all())
    qs = DataValue.objects.filter(form=form, period=period_code, approved=True)
    if unit is not None:
        qs = qs.filter(paths_q(roll_up_paths(unit)))
    rows: dict[int, Any] = {
        r["element_id"]: r
        for r in qs.values("element_id").annotate(
            total=Sum("value"), mean=Avg("value"), low=Min("value"), high=Max("value"),
            n=Count("value"),
        ).order_by()
    }  # fmt: skip
    figures = {}
    key = {"sum": "total", "avg": "mean", "min": "low", "max": "high"}
    for element in elements:
        row = rows.get(element.pk)
        value = row[key[element.aggregation]] if row else None
        if value is not None:
            value = Decimal(value).quantize(Decimal("0.01")).normalize()
            if value == value.to_integral_value():
                value = value.quantize(Decimal(1))
        figures[element.code] = Figure(
            element.code, element.name, element.group, element.aggregation,
            element.unit_label, value, row["n"] if row else 0,
        )  # fmt: skip
    return figures


@dataclass
class IndicatorValue:
    code: str
    name: str
    unit_label: str
    value: Decimal | None


def indicators(form: ReportForm, figures: dict[str, Figure]) -> list[IndicatorValue]:
    values = {code: f.value for code, f in figures.items()}
    result = []
    for indicator in form.indicators.all():
        try:
            numerator = expressions.evaluate(indicator.numerator, values)
            denominator = expressions.evaluate(indicator.denominator, values)
            value: Decimal | None = (
                (numerator / denominator * indicator.factor).quantize(Decimal("0.1"))
                if denominator
                else None
            )
        except expressions.MissingValue:
            value = None
        result.append(IndicatorValue(indicator.code, indicator.name, indicator.unit_label, value))
    return result


# --- Completeness and timeliness ----------------------------------------------------------------


@dataclass
class UnitStatus:
    unit: OrgUnit
    submission: Submission | None

    @property
    def state(self) -> str:
        s = self.submission
        if s is None or s.first_submitted_at is None:
            return "missing"
        return "on_time" if s.on_time else "late"


@dataclass
class Counts:
    expected: int = 0
    submitted: int = 0
    on_time: int = 0
    late: int = 0
    approved: int = 0

    @property
    def missing(self) -> int:
        return self.expected - self.submitted

    @property
    def rate(self) -> float:
        return round(100 * self.submitted / self.expected, 1) if self.expected else 0.0

    @property
    def on_time_rate(self) -> float:
        return round(100 * self.on_time / self.expected, 1) if self.expected else 0.0


@dataclass
class Node:
    unit: OrgUnit
    counts: Counts = field(default_factory=Counts)
    children: list[Node] = field(default_factory=list)
    status: UnitStatus | None = None


@dataclass
class Completeness:
    form: ReportForm
    period: Period
    root: Node | None
    units: list[UnitStatus]
    counts: Counts


def completeness(form: ReportForm, period_code: str, unit: OrgUnit | None = None) -> Completeness:
    """Expected, submitted, on time, late and missing units, rolled up at every tree level.

    Three queries whatever the size: the expected units, their submissions, and the units
    above them for the tree.
    """
    period = period_for(form, period_code)
    base = unit or form.assigned_root
    expected_qs = form.assigned_units(period.end)
    if base is not None:
        expected_qs = expected_qs.filter(paths_q(roll_up_paths(base)))
    expected = list(
        expected_qs.only("id", "name", "short_name", "path", "kind", "parent_id").order_by("path")
    )
    ids = [u.pk for u in expected]
    submissions = {
        s.unit_id: s
        for s in Submission.objects.filter(form=form, period=period.code, unit_id__in=ids).only(
            "id", "unit_id", "status", "first_submitted_at", "due_on", "version"
        )
    }
    statuses = [UnitStatus(u, submissions.get(u.pk)) for u in expected]
    total = Counts()
    per_path: dict[str, Counts] = defaultdict(Counts)
    for status in statuses:
        state = status.state
        path = status.unit.path
        prefixes = [path[:i] for i in range(SEGMENT_WIDTH, len(path) + 1, SEGMENT_WIDTH)]
        for counts in [total, *(per_path[p] for p in prefixes)]:
            counts.expected += 1
            if state != "missing":
                counts.submitted += 1
                if state == "on_time":
                    counts.on_time += 1
                else:
                    counts.late += 1
                if status.submission and status.submission.status == SubmissionStatus.APPROVED:
                    counts.approved += 1
    root = _tree(base, per_path, statuses, total) if base is not None else None
    return Completeness(form, period, root, statuses, total)


def _tree(
    base: OrgUnit, per_path: dict[str, Counts], statuses: list[UnitStatus], total: Counts
) -> Node:
    """Nodes for the base unit and every unit between it and the expected units; units merged
    into the base from elsewhere hang directly under it."""
    inside = [p for p in per_path if p.startswith(base.path)]
    units = {u.path: u for u in OrgUnit.objects.filter(path__in=inside)}
    nodes = {p: Node(units[p], per_path[p]) for p in inside if p in units}
    root = nodes.get(base.path) or Node(base)
    root.counts = total
    for path in sorted(nodes):
        if path != base.path:
            parent = nodes.get(path[:-SEGMENT_WIDTH])
            (parent or root).children.append(nodes[path])
    for status in statuses:
        node = nodes.get(status.unit.path)
        if node is not None:
            node.status = status
        else:
            root.children.append(Node(status.unit, per_path[status.unit.path], status=status))
    return root


def narratives_below(form: ReportForm, period_code: str, unit: OrgUnit) -> dict[str, list[Any]]:
    """Approved narrative texts of the units below, per section code, in tree order."""
    texts: dict[str, list[Any]] = defaultdict(list)
    for narrative in (
        NarrativeText.objects.filter(
            submission__form=form,
            submission__period=period_code,
            submission__status=SubmissionStatus.APPROVED,
        )
        .filter(paths_q(roll_up_paths(unit), "submission__unit__path"))
        .exclude(text="")
        .select_related("section", "submission__unit")
        .order_by("section__order", "submission__unit__path")
    ):
        texts[narrative.section.code].append(narrative)
    return texts
