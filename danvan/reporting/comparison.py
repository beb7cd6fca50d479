"""Comparison of units: one data element or indicator of a form and period across the units
directly below a unit, each consolidated exactly as :func:`consolidate` would (its subtree and
the units merged into it), in three queries whatever the number of units."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import connection, transaction

from danvan.orgs.models import OrgUnit, OrgUnitEvent
from danvan.orgs.paths import SEGMENT_WIDTH

from .consolidation import (
    Partials,
    elements_with_totals,
    figures_of,
    indicators,
    merge_partials,
    paths_q,
)
from .models import DataValue, ReportForm


@dataclass
class Measure:
    key: str  # "e:<code>" for a data element, "i:<code>" for an indicator
    name: str
    unit_label: str


@dataclass
class Bar:
    unit: OrgUnit
    value: Decimal | None
    reported_by: int


def measures(form: ReportForm) -> list[Measure]:
    """The form's numeric elements, then its indicators."""
    return [
        *(Measure(f"e:{e.code}", e.name, e.unit_label) for e in form.elements.all()),
        *(Measure(f"i:{i.code}", i.name, i.unit_label) for i in form.indicators.all()),
    ]


def _merged_into_children(parent: OrgUnit) -> dict[int, list[str]]:
    """child id → paths of units outside the child's subtree merged into it (one query)."""
    pred = OrgUnitEvent.predecessors.through._meta.db_table
    succ = OrgUnitEvent.successors.through._meta.db_table
    unit = OrgUnit._meta.db_table
    inside = "SUBSTR({0}.path, 1, LENGTH(c.path)) = c.path"
    sql = (
        "WITH RECURSIVE merged(child_id, id) AS ("
        f"SELECT c.id, p.orgunit_id FROM {succ} s "
        f"JOIN {pred} p ON p.orgunitevent_id = s.orgunitevent_id "
        f"JOIN {unit} t ON t.id = s.orgunit_id "
        f"JOIN {unit} c ON c.parent_id = %s AND {inside.format('t')} "
        f"UNION SELECT m.child_id, p.orgunit_id FROM merged m "
        f"JOIN {succ} s ON s.orgunit_id = m.id "
        f"JOIN {pred} p ON p.orgunitevent_id = s.orgunitevent_id) "
        f"SELECT m.child_id, u.path FROM merged m JOIN {unit} u ON u.id = m.id "
        f"JOIN {unit} c ON c.id = m.child_id WHERE NOT {inside.format('u')}"
    )
    found: dict[int, list[str]] = {}
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # the recursive union is overestimated by orders of magnitude; without this the
            # estimate alone makes PostgreSQL JIT-compile a query that runs in a millisecond
            cursor.execute("SET LOCAL jit = off")
        cursor.execute(sql, [parent.pk])
        for child_id, path in cursor.fetchall():
            found.setdefault(child_id, []).append(path)
    return found


def _disjoint(paths: list[str]) -> list[str]:
    kept: list[str] = []
    for path in sorted(set(paths)):
        if not any(path.startswith(p) for p in kept):
            kept.append(path)
    return kept


def compare(
    form: ReportForm, period_code: str, parent: OrgUnit, children: list[OrgUnit], key: str
) -> list[Bar]:
    """The measure ``key`` for each of ``children`` (units directly below ``parent``)."""
    merged = _merged_into_children(parent)
    ranges = {c.pk: _disjoint([c.path, *merged.get(c.pk, [])]) for c in children}
    owners: dict[str, list[int]] = {}  # range start → children it rolls up to
    for pk, paths in ranges.items():
        for path in paths:
            owners.setdefault(path, []).append(pk)
    partials: dict[int, Partials] = {c.pk: {} for c in children}
    if owners:
        rows = (
            DataValue.objects.filter(form=form, period=period_code, approved=True)
            .filter(paths_q(_disjoint(list(owners))))
            .values_list("path", "element_id", "value")
            .order_by()
        )
        for path, element_id, value in rows:
            targets = {
                pk
                for i in range(SEGMENT_WIDTH, len(path) + 1, SEGMENT_WIDTH)
                for pk in owners.get(path[:i], ())
            }
            n = 0 if value is None else 1
            for pk in targets:
                merge_partials(partials[pk], [(element_id, n, value, value, value)])
    elements = elements_with_totals(form, period_code, [])
    kind, _sep, code = key.partition(":")
    bars = []
    for child in children:
        figures = figures_of(elements, partials[child.pk])
        if kind == "i":
            found = [i for i in indicators(form, figures) if i.code == code]
            value = found[0].value if found else None
            reported = max((f.reported_by for f in figures.values()), default=0)
        else:
            figure = figures.get(code)
            value = figure.value if figure else None
            reported = figure.reported_by if figure else 0
        bars.append(Bar(child, value, reported))
    return bars
