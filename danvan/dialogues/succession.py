"""Follow-ups a unit merged away was responsible for go to the unit that carries it on.

Registered with :mod:`danvan.orgs.succession`, whose one hook runs it when a unit ends; without
it the reminders kept addressing the officials of a unit that no longer exists.
"""

from __future__ import annotations

from danvan.orgs.models import OrgUnit
from danvan.orgs.succession import hand_over_assigned, register_hand_over

from .models import FollowUpAction, FollowUpStatus


@register_hand_over("dialogues.follow_ups")
def hand_over_follow_ups(unit: OrgUnit, successor: OrgUnit) -> int:
    """Follow-ups not yet done: ``successor`` becomes responsible (or supports, where ``unit``
    supported). Done ones keep the unit that did them. The version moves on."""
    open_actions = FollowUpAction.objects.exclude(status=FollowUpStatus.DONE)
    return hand_over_assigned(
        open_actions, lead="responsible_unit", supporting="supporting_units", unit=unit,
        successor=successor,
    )  # fmt: skip
