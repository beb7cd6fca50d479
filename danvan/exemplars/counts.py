"""Counts of models per unit and year, and the replication graph.

A unit's count covers its own subtree and the subtrees of units merged into it
(:func:`danvan.reporting.consolidation.roll_up_paths`): a commune merged mid-year brings the
models it built before the merge to the commune that carries it on, and is counted once.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from danvan.orgs.models import OrgUnit
from danvan.orgs.paths import SEGMENT_WIDTH
from danvan.outputs import charts
from danvan.reporting.consolidation import paths_q, prime_merged_paths, roll_up_paths

from .models import Exemplar, ExemplarField

#: «At least one new model a year» (Văn kiện Đại hội XIII; each province's plan).
YEARLY_TARGET = 1


def rolled_up(unit: OrgUnit, queryset: QuerySet[Exemplar] | None = None) -> QuerySet[Exemplar]:
    qs = Exemplar.objects.all() if queryset is None else queryset
    return qs.filter(paths_q(roll_up_paths(unit), "unit__path"))


@dataclass
class UnitCount:
    unit: OrgUnit
    new: int
    meets: bool


def owing_units(root: OrgUnit) -> QuerySet[OrgUnit]:
    """Current units under ``root`` (itself included) that owe a new model every year."""
    from .services import OWING_KINDS

    return OrgUnit.objects.subtree(root).current().filter(kind__in=OWING_KINDS).order_by("path")


def unit_counts(root: OrgUnit, year: int) -> list[UnitCount]:
    """Per owing unit: models started in ``year`` (rolled up), and whether it meets the target."""
    units = list(owing_units(root))
    # The year's models under every unit listed, read once and counted here (the page ran two
    # queries per unit: 152 queries, 1 s at p95 for a province's 70 units in the page crawl).
    prime_merged_paths(units)
    paths = {unit.pk: roll_up_paths(unit) for unit in units}
    holders: dict[str, list[int]] = defaultdict(list)
    for unit in units:
        for path in paths[unit.pk]:
            holders[path].append(unit.pk)
    new: dict[int, int] = defaultdict(int)
    if holders:
        started = Exemplar.objects.filter(
            paths_q(sorted(holders), "unit__path"), started_on__year=year
        ).values_list("unit__path", flat=True)
        for path in started:
            # roll_up_paths never overlap: a model counts once for each unit holding it
            owners = {
                owner
                for end in range(SEGMENT_WIDTH, len(path) + 1, SEGMENT_WIDTH)
                for owner in holders.get(path[:end], ())
            }
            for owner in owners:
                new[owner] += 1
    return [UnitCount(unit, new[unit.pk], new[unit.pk] >= YEARLY_TARGET) for unit in units]


@dataclass
class FieldYear:
    years: list[int]
    rows: list[tuple[str, list[int]]] = field(default_factory=list)
    totals: list[int] = field(default_factory=list)


def by_field_and_year(models: QuerySet[Exemplar]) -> FieldYear:
    """Models by field (rows) and year started (columns), with the column totals."""
    counts = models.values("field", "started_on__year").annotate(n=Count("pk")).order_by()
    table: dict[str, dict[int, int]] = defaultdict(dict)
    years: set[int] = set()
    for row in counts:
        table[row["field"]][row["started_on__year"]] = row["n"]
        years.add(row["started_on__year"])
    ordered = sorted(years)
    result = FieldYear(ordered)
    for value, label in ExemplarField.choices:
        result.rows.append((str(label), [table[value].get(y, 0) for y in ordered]))
    result.totals = [sum(table[f].get(y, 0) for f in table) for y in ordered]
    return result


def field_year_chart(data: FieldYear) -> charts.Chart:
    """Models by field (bars) and year started (stacked series), with the same as a table."""
    rows = data.rows if data.years else []
    return charts.bar(
        _("Models by field and year started"),
        [label for label, _values in rows],
        {str(year): [values[i] for _label, values in rows] for i, year in enumerate(data.years)},
        stacked=True,
        label_header=pgettext("activity", "Field"),
        total=True,
    )


def unit_count_chart(rows: list[UnitCount], year: int) -> charts.Chart:
    """New models of each owing unit in ``year`` (the target is one)."""
    return charts.bar(
        _("New models in %(year)s per unit") % {"year": year},
        [r.unit.name for r in rows],
        {_("New models"): [r.new for r in rows]},
        label_header=_("Unit"),
    )


@dataclass
class Node:
    exemplar: Exemplar
    children: list[Node] = field(default_factory=list)


def replication_forest(visible: QuerySet[Exemplar]) -> list[Node]:
    """Trees of models and the models replicating them, among those ``visible``.

    A root is a visible model that replicates no visible model and is replicated at least once;
    a replica whose original is outside the reader's scope starts its own tree.
    """
    rows = list(visible.select_related("unit").order_by("started_on", "pk"))
    by_pk = {e.pk: Node(e) for e in rows}
    roots: list[Node] = []
    for node in by_pk.values():
        parent = by_pk.get(node.exemplar.replicates_id or 0)
        if parent is not None:
            parent.children.append(node)
        else:
            roots.append(node)
    return [r for r in roots if r.children]


def graph_layout(forest: list[Node]) -> dict[str, Any]:
    """Positions for the server-rendered SVG: one column per depth, one row per leaf."""
    boxes: list[dict[str, Any]] = []
    edges: list[dict[str, int]] = []
    width, height, gap_x, gap_y = 220, 44, 60, 16
    row = 0
    placed: dict[int, dict[str, Any]] = {}

    def place(node: Node, depth: int) -> int:
        nonlocal row
        if not node.children:
            y = row * (height + gap_y)
            row += 1
        else:
            ys = [place(child, depth + 1) for child in node.children]
            y = (ys[0] + ys[-1]) // 2
        x = depth * (width + gap_x)
        boxes.append({"x": x, "y": y, "exemplar": node.exemplar})
        placed[node.exemplar.pk] = boxes[-1]
        for child in node.children:
            # Each child was placed just above: found by its id, not by scanning every box
            # (quadratic: 40 s for the country's 12,000 boxes).
            child_box = placed[child.exemplar.pk]
            edges.append({"x1": x + width, "y1": y + height // 2, "x2": child_box["x"],
                          "y2": child_box["y"] + height // 2})  # fmt: skip
        return y

    for tree in forest:
        place(tree, 0)
        row += 1  # a blank row between trees
    max_x = max((b["x"] for b in boxes), default=0) + width
    max_y = max((b["y"] for b in boxes), default=0) + height
    return {"boxes": boxes, "edges": edges, "width": max_x, "height": max_y,
            "box_width": width, "box_height": height}  # fmt: skip


def summary(visible: QuerySet[Exemplar], year: int) -> dict[str, int]:
    # Every count distinct: the join to commendations repeats a model commended twice.
    return visible.aggregate(
        total=Count("pk", distinct=True),
        this_year=Count("pk", filter=Q(started_on__year=year), distinct=True),
        replicated=Count("pk", filter=Q(replicates__isnull=False), distinct=True),
        commended=Count("pk", filter=Q(commendations__isnull=False), distinct=True),
    )
