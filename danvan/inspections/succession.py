"""Open findings of a commune merged away go to the unit that carries it on."""

from __future__ import annotations

from django.db.models import Q

from danvan.orgs.models import OrgUnit
from danvan.orgs.succession import register_hand_over

from .models import Finding, FindingStatus


@register_hand_over("inspections.findings")
def hand_over_findings(unit: OrgUnit, successor: OrgUnit) -> int:
    """Findings not closed: ``successor`` becomes responsible (closed ones stay with the unit
    that fixed them). The version moves on, so a form read before the merge is refused."""
    moved = 0
    for finding in Finding.objects.filter(
        Q(responsible_unit=unit) & ~Q(status=FindingStatus.CLOSED)
    ):
        finding.responsible_unit = successor
        finding.bump_version()
        finding.save(update_fields=["responsible_unit", "version", "updated_at"])
        moved += 1
    return moved
