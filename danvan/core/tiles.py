"""The foundation's own dashboard tiles."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from danvan.orgs.models import OrgUnit, OrgUnitKind

from .dashboard import register_tile


@register_tile("orgs.summary", "core/tiles/org_summary.html", order=10)
def org_summary(request: HttpRequest) -> dict[str, Any] | None:
    """Units the official can see, by kind."""
    from django.db.models import Count

    visible = OrgUnit.objects.visible_to(request.user).current()
    counts = dict(visible.values_list("kind").annotate(n=Count("id")).values_list("kind", "n"))
    if not counts:
        return None
    rows = [
        (value, label, counts[value]) for value, label in OrgUnitKind.choices if counts.get(value)
    ]
    return {"rows": rows, "total": sum(counts.values())}
