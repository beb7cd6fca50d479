"""Domain operations on org units: create, edit, rename, merge, split.

Each public function runs in one transaction and leaves audit entries (django-auditlog).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from danvan.core import stamps
from danvan.core.audit import acting_as
from danvan.core.errors import UserError
from danvan.core.stamps import StampedCache

from .models import OrgUnit, OrgUnitEvent, OrgUnitEventKind, OrgUnitKind
from .paths import child_path, depth_of


def _assign_path(unit: OrgUnit) -> None:
    parent_path = unit.parent.path if unit.parent_id and unit.parent else ""
    unit.path = child_path(parent_path, unit.pk)
    unit.depth = depth_of(unit.path)


def create_unit(
    *,
    name: str,
    kind: str,
    key: str,
    parent: OrgUnit | None = None,
    short_name: str = "",
    code: str = "",
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
    actor: Any,
) -> OrgUnit:
    """Create an org unit under ``parent`` and place it in the tree."""
    if kind not in OrgUnitKind.values:
        raise UserError(_("The unit kind «%(kind)s» is not valid.") % {"kind": kind})
    if not name.strip():
        raise UserError(_("The unit name must not be empty."))
    with transaction.atomic(), acting_as(actor):
        if OrgUnit.objects.filter(key=key).exists():
            raise UserError(_("There is already a unit with the key «%(key)s».") % {"key": key})
        unit = OrgUnit(
            name=name.strip(),
            short_name=short_name.strip(),
            code=code,
            key=key,
            kind=kind,
            parent=parent,
            valid_from=valid_from,
            valid_to=valid_to,
        )
        unit.refresh_search_text()
        # The path contains the unit's own id, so it is known only after the first insert.
        unit.save()
        _assign_path(unit)
        unit.save(update_fields=["path", "depth"])
    return unit


def update_unit(unit: OrgUnit, *, actor: Any, **fields: Any) -> OrgUnit:
    """Change a unit's descriptive fields (not its place in the tree)."""
    allowed = {"name", "short_name", "code", "valid_from", "valid_to"}
    unknown = set(fields) - allowed
    if unknown:
        raise UserError(
            _("These fields cannot be edited: %(fields)s.") % {"fields": ", ".join(sorted(unknown))}
        )
    with transaction.atomic(), acting_as(actor):
        for field, value in fields.items():
            setattr(unit, field, value)
        unit.refresh_search_text()
        unit.save()
    return unit


def rename_unit(
    unit: OrgUnit,
    *,
    new_name: str,
    effective_on: dt.date,
    legal_basis: str = "",
    new_short_name: str | None = None,
    actor: Any,
) -> OrgUnitEvent:
    """Rename a unit, keeping the old name in a rename event (đổi tên)."""
    if not new_name.strip():
        raise UserError(_("The new name must not be empty."))
    with transaction.atomic(), acting_as(actor):
        event = OrgUnitEvent.objects.create(
            kind=OrgUnitEventKind.RENAME,
            effective_on=effective_on,
            legal_basis=legal_basis,
            old_name=unit.name,
            new_name=new_name.strip(),
            subject=unit,
        )
        event.predecessors.add(unit)
        event.successors.add(unit)
        unit.name = new_name.strip()
        if new_short_name is not None:
            unit.short_name = new_short_name
        unit.refresh_search_text()
        unit.save()
    return event


def record_succession(
    *,
    kind: str,
    predecessors: Sequence[OrgUnit],
    successors: Sequence[OrgUnit],
    effective_on: dt.date,
    legal_basis: str = "",
    description: str = "",
    actor: Any,
) -> OrgUnitEvent:
    """Record a merge (sáp nhập) or split (chia tách): predecessors end the day before.

    Data entered under a predecessor then rolls up to the successors (see
    :meth:`OrgUnit.predecessor_paths`).
    """
    if kind not in {OrgUnitEventKind.MERGE, OrgUnitEventKind.SPLIT, OrgUnitEventKind.DISSOLVE}:
        raise UserError(
            _("The event kind «%(kind)s» is neither a merger nor a split.") % {"kind": kind}
        )
    if not predecessors or not successors:
        raise UserError(_("At least one unit before and one unit after the event are needed."))
    overlap = {u.pk for u in predecessors} & {u.pk for u in successors}
    if overlap and kind != OrgUnitEventKind.MERGE:
        raise UserError(_("A unit cannot be both a unit before and a unit after a split."))
    with transaction.atomic(), acting_as(actor):
        event = OrgUnitEvent.objects.create(
            kind=kind,
            effective_on=effective_on,
            legal_basis=legal_basis,
            description=description,
            subject=successors[0],
        )
        event.predecessors.add(*predecessors)
        event.successors.add(*successors)
        last_day = effective_on - dt.timedelta(days=1)
        for unit in predecessors:
            if unit.pk in overlap:
                continue  # the unit that absorbs the others lives on
            if unit.valid_to is None or unit.valid_to > last_day:
                unit.valid_to = last_day
                unit.save(update_fields=["valid_to"])
    return event


def successors_of(unit: OrgUnit) -> list[OrgUnit]:
    """The current units that carry on ``unit`` (itself if it still exists)."""
    if unit.valid_to is None:
        return [unit]
    seen: set[int] = {unit.pk}
    frontier = [unit.pk]
    current: dict[int, OrgUnit] = {}
    while frontier:
        nxt = list(
            OrgUnit.objects.filter(events_as_successor__predecessors__in=frontier)
            .exclude(pk__in=seen)
            .distinct()
        )
        frontier = []
        for successor in nxt:
            seen.add(successor.pk)
            if successor.valid_to is None:
                current[successor.pk] = successor
            else:
                frontier.append(successor.pk)
    return sorted(current.values(), key=lambda u: u.path)


def history_of_unit(unit: OrgUnit) -> QuerySet[OrgUnitEvent]:
    """Every event in which the unit took part, newest first."""
    return (
        OrgUnitEvent.objects.filter(Q(predecessors=unit) | Q(successors=unit))
        .distinct()
        .order_by("-effective_on", "-id")
    )


_units: StampedCache[OrgUnit] = StampedCache(stamps.ACCESS, maxsize=20_000)


def units_by_id(ids: list[int]) -> dict[int, OrgUnit]:
    """Org units by id, kept per process until any unit or merge changes (the change stamp
    ``access``), so intake does not read its handling unit and commune on every request.

    The units returned are shared between requests: read them, never change them in place.
    """
    wanted = [pk for pk in dict.fromkeys(ids) if pk]
    return _units.get_many(wanted, lambda missing: OrgUnit.objects.in_bulk(missing))
