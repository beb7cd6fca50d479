"""How a computed criterion becomes points, and how points become a total and a band.

A criterion's figure is the source's figure of the unit over the scheme's year **plus** that of
every unit merged into it during the year (a commune merged mid-year: its months before the merge
count for the commune that carries it on). A ratio is the sums' ratio × 100 (numerator and
denominator summed first, never an average of ratios). Thresholds ``[[from, points], …]`` give the
points of the highest ``from`` the figure reaches; nothing reached is zero; with nothing to count
(denominator zero, or no figure) the criterion's ``when_no_data`` points, else zero.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from danvan.orgs.models import OrgUnit, OrgUnitEvent
from danvan.reporting import sources

from .models import Band, BandCap, Criterion, CriterionKind, Method

TWO = Decimal("0.01")


def window(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def merged_into(unit: OrgUnit, start: dt.date, end: dt.date) -> list[OrgUnit]:
    """Units that ended by merging into ``unit`` after the window began (their data counts)."""
    events = OrgUnitEvent.objects.filter(
        successors=unit, effective_on__gt=start, effective_on__lte=end
    )
    return list(
        OrgUnit.objects.filter(events_as_predecessor__in=events).exclude(pk=unit.pk).distinct()
    )


def source_figure(
    code: str, units: Sequence[OrgUnit], start: dt.date, end: dt.date
) -> Decimal | None:
    source = sources.get(code)
    if source is None:
        return None
    values = [source.compute(u, start, end) for u in units]
    present = [v for v in values if v is not None]
    return sum(present, Decimal(0)) if present else None


def by_thresholds(value: Decimal, thresholds: Iterable[Sequence[Any]]) -> Decimal:
    points = Decimal(0)
    for low, pts in sorted(((Decimal(str(a)), Decimal(str(b))) for a, b in thresholds)):
        if value >= low:
            points = pts
    return points


@dataclass
class Computed:
    figure: Decimal | None
    of: Decimal | None
    points: Decimal | None


def compute_criterion(
    criterion: Criterion, units: Sequence[OrgUnit], start: dt.date, end: dt.date
) -> Computed:
    if criterion.method == Method.MANUAL:
        return Computed(None, None, None)
    figure = source_figure(criterion.source, units, start, end)
    of = (
        source_figure(criterion.denominator, units, start, end)
        if criterion.method == Method.RATIO
        else None
    )
    return points_of(criterion, figure, of)


def points_of(criterion: Criterion, figure: Decimal | None, of: Decimal | None) -> Computed:
    """The points of a computed criterion given its figure (and denominator)."""
    if criterion.method == Method.MANUAL:
        return Computed(None, None, None)
    value: Decimal | None = figure
    if criterion.method == Method.RATIO:
        value = (figure or Decimal(0)) * 100 / of if of else None
    if value is None:
        points = criterion.when_no_data if criterion.when_no_data is not None else Decimal(0)
    else:
        points = by_thresholds(value, criterion.thresholds)
    points = min(points, criterion.max_points).quantize(TWO, ROUND_HALF_UP)
    return Computed(figure, of if criterion.method == Method.RATIO else None, points)


def merged_map(units: Sequence[OrgUnit], start: dt.date, end: dt.date) -> dict[int, list[OrgUnit]]:
    """For each of ``units``, the units merged into it during the window (two queries)."""
    ids = {u.pk for u in units}
    through = OrgUnitEvent.successors.through
    events = OrgUnitEvent.objects.filter(effective_on__gt=start, effective_on__lte=end)
    successors: dict[int, set[int]] = {}
    for event_id, unit_id in through.objects.filter(
        orgunitevent__in=events, orgunit_id__in=ids
    ).values_list("orgunitevent_id", "orgunit_id"):
        successors.setdefault(event_id, set()).add(unit_id)
    if not successors:
        return {}
    out: dict[int, list[OrgUnit]] = {}
    predecessors = OrgUnitEvent.predecessors.through.objects.filter(
        orgunitevent_id__in=successors
    ).select_related("orgunit")
    for row in predecessors:
        for unit_id in successors[row.orgunitevent_id]:
            if row.orgunit_id != unit_id and row.orgunit not in out.setdefault(unit_id, []):
                out[unit_id].append(row.orgunit)
    return out


def sum_of(values: Iterable[Decimal | None]) -> Decimal | None:
    present = [v for v in values if v is not None]
    return sum(present, Decimal(0)) if present else None


def ratio(figure: Decimal | None, of: Decimal | None) -> Decimal | None:
    if figure is None or not of:
        return None
    return (figure * 100 / of).quantize(TWO, ROUND_HALF_UP)


@dataclass
class Outcome:
    standard: Decimal
    bonus: Decimal
    penalty: Decimal
    total: Decimal
    band: Band | None
    capped_by: list[BandCap]


def outcome(
    scores: Iterable[Any],
    bands: Sequence[Band],
    caps: Sequence[BandCap],
    points_of: str = "points",
) -> Outcome:
    """Total = standard + bonus − penalty; the band the total reaches, lowered by any cap rule
    whose criterion scored below its threshold."""
    standard = bonus = penalty = Decimal(0)
    by_criterion: dict[int, Decimal] = {}
    for score in scores:
        value = getattr(score, points_of)
        value = Decimal(0) if value is None else value
        by_criterion[score.criterion_id] = value
        kind = score.criterion.kind
        if kind == CriterionKind.BONUS:
            bonus += value
        elif kind == CriterionKind.PENALTY:
            penalty += value
        else:
            standard += value
    total = (standard + bonus - penalty).quantize(TWO, ROUND_HALF_UP)
    ordered = sorted(bands, key=lambda b: b.rank)
    band = next((b for b in ordered if total >= b.min_points), ordered[-1] if ordered else None)
    capped_by = []
    for cap in caps:
        if cap.criterion_id in by_criterion and by_criterion[cap.criterion_id] < cap.below_points:
            if band is not None and band.rank < cap.cap.rank:
                band = cap.cap
                capped_by.append(cap)
    return Outcome(standard, bonus, penalty, total, band, capped_by)
