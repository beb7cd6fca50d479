"""The inspections tile: open and overdue findings in the official's scope."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
from django.http import HttpRequest
from django.utils import timezone

from danvan.core.dashboard import register_tile

from .models import Finding, FindingStatus


@register_tile("inspections.findings", "inspections/tiles/findings.html", order=64)
def findings_tile(request: HttpRequest) -> dict[str, Any] | None:
    today = timezone.localdate()
    counts = Finding.objects.visible_to(request.user).aggregate(
        total=Count("pk"),
        open=Count("pk", filter=~Q(status=FindingStatus.CLOSED)),
        overdue=Count("pk", filter=~Q(status=FindingStatus.CLOSED) & Q(due_on__lt=today)),
        closed=Count("pk", filter=Q(status=FindingStatus.CLOSED)),
    )
    if not counts["total"]:
        return None
    return counts
