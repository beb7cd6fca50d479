"""The plans tile of the official's dashboard."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from danvan.core.dashboard import register_tile
from danvan.orgs.models import OrgUnit


@register_tile("plans.summary", "plans/tiles/summary.html", order=20)
def plans_summary(request: HttpRequest) -> dict[str, Any] | None:
    """Tasks of the official's unit (and below) by state; implementing plans submitted."""
    from .cascade import _state_counts, counts_of
    from .dashboard import _in, task_counts
    from .models import ImplementationObligation

    home = getattr(request.user, "org_unit", None)
    unit = OrgUnit.objects.visible_to(request.user).filter(pk=getattr(home, "pk", 0) or 0).first()
    if unit is None:
        return None
    today = timezone.localdate()
    counts = task_counts(unit, today)
    obligations = counts_of(
        ImplementationObligation.objects.counted()
        .filter(_in("holder__path", unit))
        .exclude(holder_id=unit.pk)
        .aggregate(**_state_counts(today))
    )
    if not counts["total"] and not obligations.total:
        return None
    return {
        "unit": unit,
        "counts": counts,
        "obligations": obligations if obligations.total else None,
    }
