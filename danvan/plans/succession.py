"""What a unit merged away still owes under plans, handed to the unit that carries it on.

Registered with :mod:`danvan.orgs.succession`, whose one hook runs it when a unit ends.
"""

from __future__ import annotations

from danvan.orgs.models import OrgUnit
from danvan.orgs.succession import hand_over_assigned, register_hand_over

from .models import ImplementationObligation, Task, TaskStatus


@register_hand_over("plans.obligations")
def hand_over_plan_obligations(unit: OrgUnit, successor: OrgUnit) -> int:
    """Move ``unit``'s implementation obligations to ``successor``, or absorb each into the
    successor's own obligation under the same plan (carrying a fulfilment over), so a merged
    commune counts once."""
    moved = 0
    for obligation in ImplementationObligation.objects.filter(
        holder=unit, absorbed_into__isnull=True
    ):
        own = (
            ImplementationObligation.objects.filter(
                plan_id=obligation.plan_id, holder=successor, absorbed_into__isnull=True
            )
            .exclude(pk=obligation.pk)
            .first()
        )
        if own is None:
            obligation.holder = successor
            obligation.save(update_fields=["holder"])
        else:
            obligation.absorbed_into = own
            obligation.save(update_fields=["absorbed_into"])
            if obligation.submitted_on and not own.submitted_on:
                own.submitted_on = obligation.submitted_on
                own.fulfilled_by_id = obligation.fulfilled_by_id
                own.save(update_fields=["submitted_on", "fulfilled_by"])
        moved += 1
    return moved


@register_hand_over("plans.tasks")
def hand_over_tasks(unit: OrgUnit, successor: OrgUnit) -> int:
    """Tasks not yet done that ``unit`` leads or supports go to ``successor`` (a finished task
    keeps the unit that did it). The version moves on, so a form read before is refused."""
    open_tasks = Task.objects.exclude(status=TaskStatus.DONE)
    return hand_over_assigned(
        open_tasks, lead="lead_unit", supporting="supporting_units", unit=unit,
        successor=successor,
    )  # fmt: skip
