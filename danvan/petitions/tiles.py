"""Dashboard tile: open petitions in the official's scope, overdue and due within 3 days."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
from django.http import HttpRequest
from django.utils import timezone

from danvan.core.dashboard import register_tile
from danvan.core.scoping import permission_name, scope_roots

from .models import Petition


@register_tile("petitions", "petitions/tiles/petitions.html", order=30)
def petitions_tile(request: HttpRequest) -> dict[str, Any] | None:
    roots = scope_roots(request.user, permission_name(Petition, "view"))
    if roots == []:
        return None
    today = timezone.localdate()
    qs = Petition.objects.visible_to(request.user).with_timeliness(today).open()
    counts = qs.aggregate(
        open=Count("pk"),
        overdue=Count("pk", filter=Q(timeliness="overdue")),
        due_soon=Count("pk", filter=Q(timeliness="due_soon")),
        crowded=Count("pk", filter=Q(is_crowded=True)),
    )
    return counts
