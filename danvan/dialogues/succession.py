"""Follow-ups a unit merged away was responsible for go to the unit that carries it on.

Registered with :mod:`danvan.orgs.succession`, whose one hook runs it when a unit ends; without
it the reminders kept addressing the officials of a unit that no longer exists.
"""

from __future__ import annotations

from danvan.orgs.models import OrgUnit
from danvan.orgs.succession import register_hand_over

from .models import FollowUpAction, FollowUpStatus


@register_hand_over("dialogues.follow_ups")
def hand_over_follow_ups(unit: OrgUnit, successor: OrgUnit) -> int:
    """Follow-ups not yet done: ``successor`` becomes responsible (or supports, where ``unit``
    supported). Done ones keep the unit that did them. The version moves on."""
    moved = 0
    open_actions = FollowUpAction.objects.exclude(status=FollowUpStatus.DONE)
    for action in open_actions.filter(responsible_unit=unit):
        action.responsible_unit = successor
        action.version += 1
        action.save(update_fields=["responsible_unit", "version", "updated_at"])
        action.supporting_units.remove(successor)
        moved += 1
    for action in open_actions.filter(supporting_units=unit):
        action.supporting_units.remove(unit)
        if action.responsible_unit_id != successor.pk:
            action.supporting_units.add(successor)
        moved += 1
    return moved
