"""Coverage: «100% of officials in citizen-facing positions trained in the year», per unit.

Who must be trained: the active officials of the unit (rolled up with the units merged into it,
so a commune merged mid-year brings its officials and their training along) whose recorded
position is one of the province's citizen-facing positions (or the default list). Trained: those
of them who completed a class that started in the year. Computed when read, never stored.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from danvan.accounts.models import User
from danvan.core.text import fold
from danvan.orgs.models import OrgUnit, OrgUnitKind
from danvan.orgs.paths import SEGMENT_WIDTH
from danvan.outputs import charts
from danvan.reporting.consolidation import paths_q, prime_merged_paths, roll_up_paths

from .models import Attendance, CitizenFacingPosition

_DASHES = re.compile(r"\s*[-\u2010-\u2015]\s*")


def position_key(name: str) -> str:
    """A position title as compared: folded, and any dash (- – —) written one way, since
    records write «Tư pháp - Hộ tịch» and «Tư pháp – Hộ tịch» alike."""
    return _DASHES.sub(" - ", fold(name))


def positions_for(unit: OrgUnit) -> set[str]:
    """Folded names of the positions that must be trained where ``unit`` is."""
    own = CitizenFacingPosition.objects.filter(
        province__path=unit.path[:SEGMENT_WIDTH], active=True
    )
    rows = (
        own
        if own.exists()
        else CitizenFacingPosition.objects.filter(province__isnull=True, active=True)
    )
    return {position_key(name) for name in rows.values_list("name", flat=True)}


def required_officials(unit: OrgUnit, paths: list[str] | None = None) -> list[User]:
    """The active officials under ``paths`` (the unit rolled up with the units merged into it
    unless given) whose position must be trained."""
    wanted = positions_for(unit)
    officials = User.objects.filter(
        paths_q(roll_up_paths(unit) if paths is None else paths, "org_unit__path"),
        is_active=True,
    ).exclude(position="")
    return [u for u in officials.only("pk", "position") if position_key(u.position) in wanted]


def trained_ids(
    official_ids: list[int], year: int, window: tuple[dt.date, dt.date] | None = None
) -> set[int]:
    """Those of ``official_ids`` who completed a class that started in the year (or window)."""
    start, end = window or (dt.date(year, 1, 1), dt.date(year, 12, 31))
    return set(
        Attendance.objects.filter(
            official_id__in=official_ids, completed=True, training__starts_on__range=(start, end)
        ).values_list("official_id", flat=True)
    )


def own_coverage(unit: OrgUnit, start: dt.date, end: dt.date) -> tuple[list[User], set[int]]:
    """The unit's own officials who must be trained (its subtree, not the units merged into
    it: the evaluation adds those itself) and the ids of those trained in the window."""
    required = required_officials(unit, [unit.path])
    return required, trained_ids([u.pk for u in required], start.year, (start, end))


@dataclass
class Coverage:
    unit: OrgUnit
    required: int
    trained: int

    @property
    def percent(self) -> Decimal | None:
        if not self.required:
            return None
        return (Decimal(100) * self.trained / self.required).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )

    @property
    def complete(self) -> bool:
        return self.trained >= self.required


def coverage(unit: OrgUnit, year: int) -> Coverage:
    required = [u.pk for u in required_officials(unit)]
    return Coverage(unit, len(required), len(trained_ids(required, year)))


def children_for_coverage(root: OrgUnit) -> QuerySet[OrgUnit]:
    """The current units directly below ``root`` whose officials deal with citizens."""
    return (
        OrgUnit.objects.filter(parent=root)
        .current()
        .filter(~Q(kind=OrgUnitKind.VILLAGE))
        .order_by("path")
    )


def coverage_table(root: OrgUnit, year: int) -> tuple[Coverage, list[Coverage]]:
    """The root rolled up, and each unit directly below it: the same figures as
    :func:`coverage` of each, with the officials and their attendance read once for all of
    them (the page listed 73 communes with five queries each: 300 queries, 2.7 s at p95).

    An official counts for every listed unit one of whose roll-up paths holds theirs."""
    children = list(children_for_coverage(root))
    units = [root, *children]
    prime_merged_paths(units)  # one query, and one per unit with a unit merged into it
    paths = {unit.pk: roll_up_paths(unit) for unit in units}
    holders: dict[str, list[int]] = {}
    for unit in units:
        for path in paths[unit.pk]:
            holders.setdefault(path, []).append(unit.pk)
    officials = (
        User.objects.filter(paths_q(sorted(holders), "org_unit__path"), is_active=True)
        .exclude(position="")
        .values_list("pk", "position", "org_unit__path")
    )
    # unit pk -> (official pk, folded position) of the officials it holds
    held: dict[int, list[tuple[int, str]]] = {unit.pk: [] for unit in units}
    for pk, position, path in officials:
        key = position_key(position)
        owners = {
            owner
            for end in range(SEGMENT_WIDTH, len(path) + 1, SEGMENT_WIDTH)
            for owner in holders.get(path[:end], ())
        }
        for owner in owners:
            held[owner].append((pk, key))
    wanted_by_province: dict[str, set[str]] = {}
    required: dict[int, list[int]] = {}
    for unit in units:
        province = unit.path[:SEGMENT_WIDTH]
        if province not in wanted_by_province:
            wanted_by_province[province] = positions_for(unit)
        wanted = wanted_by_province[province]
        required[unit.pk] = [pk for pk, key in held[unit.pk] if key in wanted]
    trained = trained_ids(sorted({pk for ids in required.values() for pk in ids}), year)

    def measured(unit: OrgUnit) -> Coverage:
        ids = required[unit.pk]
        return Coverage(unit, len(ids), sum(1 for pk in ids if pk in trained))

    return measured(root), [measured(u) for u in children]


def coverage_chart(rows: list[Coverage]) -> charts.Chart:
    """Per unit below: the share of its citizen-facing officials trained (units owing none
    are left out), with the same figures as a table."""
    shown = [c for c in rows if c.required]
    return charts.bar(
        _("Officials in citizen-facing positions trained (%)"),
        [c.unit.name for c in shown],
        {_("Trained (%)"): [c.percent for c in shown]},
        label_header=_("Unit"),
    )
