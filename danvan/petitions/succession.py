"""Open cases of a unit merged away are handled by the unit that carries it on.

Registered with :mod:`danvan.orgs.succession`, whose one hook runs it when a unit ends; without
it deadline alerts kept addressing the officials of a unit that no longer exists. A finished
case (answered, closed, transferred, …) keeps the unit that handled it.
"""

from __future__ import annotations

from danvan.orgs.models import OrgUnit
from danvan.orgs.succession import register_hand_over

from .casework.models import FINISHED_STATES, Petition


@register_hand_over("petitions.open_cases")
def hand_over_petitions(unit: OrgUnit, successor: OrgUnit) -> int:
    moved = 0
    for petition in Petition.objects.filter(handling_unit=unit).exclude(state__in=FINISHED_STATES):
        petition.handling_unit = successor
        petition.bump_version()
        petition.save(update_fields=["handling_unit", "version", "updated_at"])
        moved += 1
    return moved
