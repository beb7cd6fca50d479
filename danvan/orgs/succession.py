"""One successor hand-over on merges, followed by every kind of obligation.

When a unit is merged away (``record_succession`` ends it), whatever it still owes must reach
the officials of the unit that carries it on, or reminders and notifications keep addressing a
unit nobody works at any more. Each app registers, once, how its open obligations move
(:func:`register_hand_over`): plans move implementation obligations, dialogues the follow-ups a
unit is responsible for, petitions the open cases a unit handles. One ``post_save`` hook on
:class:`OrgUnit` runs them all when a unit ends. What is not stored per unit (the reports a
form expects from the units that existed in a period) asks :func:`carrier_of` who answers for
the unit now.

Closed work stays with the unit that did it: it is history, and the successor's officials read
it anyway (a grant on a unit's subtree covers the subtrees of the units merged into it).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from danvan.core.audit import SYSTEM, acting_as

from .models import OrgUnit
from .services import successors_of

#: ``hand_over(predecessor, successor)`` moves what ``predecessor`` still owes to ``successor``
#: and returns how many records it moved. It must be idempotent: the hook runs on every save of
#: an ended unit.
HandOver = Callable[[OrgUnit, OrgUnit], int]

_HAND_OVERS: dict[str, HandOver] = {}


def register_hand_over(name: str) -> Callable[[HandOver], HandOver]:
    """Register an app's hand-over under ``name`` (``"plans.obligations"``)."""

    def decorator(function: HandOver) -> HandOver:
        _HAND_OVERS[name] = function
        return function

    return decorator


def registered() -> dict[str, HandOver]:
    return dict(_HAND_OVERS)


def carrier_of(unit: OrgUnit) -> OrgUnit:
    """The current unit that answers for ``unit``: itself while it exists, else the first of
    the units that carry it on (the one absorbing it in a merge), else itself."""
    if unit.valid_to is None:
        return unit
    successors = [s for s in successors_of(unit) if s.pk != unit.pk]
    return successors[0] if successors else unit


def hand_over(
    predecessors: Sequence[OrgUnit],
    *,
    actor: Any,
) -> dict[str, int]:
    """Run every registered hand-over for ``predecessors`` that have ended; how many records
    each moved. Idempotent."""
    moved = dict.fromkeys(_HAND_OVERS, 0)
    with transaction.atomic(), acting_as(actor):
        for unit in predecessors:
            successor = carrier_of(unit)
            if successor.pk == unit.pk:
                continue
            for name, function in _HAND_OVERS.items():
                moved[name] += function(unit, successor)
    return moved


@receiver(post_save, sender=OrgUnit, dispatch_uid="orgs.hand_over_on_unit_end")
def hand_over_when_unit_ends(sender: type, instance: OrgUnit, **kwargs: Any) -> None:
    """``record_succession`` ends the predecessors (``valid_to``) once the event is linked."""
    if instance.valid_to is None or kwargs.get("raw") or not _HAND_OVERS:
        return
    hand_over([instance], actor=SYSTEM)


def hand_over_assigned(
    open_rows: Any, *, lead: str, supporting: str, unit: OrgUnit, successor: OrgUnit
) -> int:
    """The one shape of an assignment's hand-over (tasks, follow-ups): rows ``unit`` leads go to
    ``successor`` (which stops merely supporting them), rows it supports are supported by
    ``successor`` instead. ``open_rows`` excludes finished work, which keeps the unit that did
    it. The version moves on, so a form read before the merge is refused."""
    moved = 0
    for row in open_rows.filter(**{lead: unit}):
        setattr(row, lead, successor)
        row.bump_version()
        row.save(update_fields=[lead, "version", "updated_at"])
        getattr(row, supporting).remove(successor)
        moved += 1
    for row in open_rows.filter(**{supporting: unit}):
        getattr(row, supporting).remove(unit)
        if getattr(row, f"{lead}_id") != successor.pk:
            getattr(row, supporting).add(successor)
        moved += 1
    return moved
