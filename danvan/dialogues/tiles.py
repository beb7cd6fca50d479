"""The dialogues tile of the official's dashboard: open and overdue follow-up actions."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
from django.http import HttpRequest
from django.utils import timezone

from danvan.core.dashboard import register_tile

from .models import Dialogue, FollowUpAction, FollowUpStatus, overdue_q


@register_tile("dialogues.follow_ups", "dialogues/tiles/follow_ups.html", order=40)
def follow_ups_tile(request: HttpRequest) -> dict[str, Any] | None:
    """Dialogues this year and follow-ups still open, overdue, or done, in the viewer's scope."""
    today = timezone.localdate()
    counts = FollowUpAction.objects.visible_to(request.user).aggregate(
        total=Count("pk"),
        open=Count("pk", filter=~Q(status=FollowUpStatus.DONE)),
        overdue=Count("pk", filter=overdue_q(today)),
        done=Count("pk", filter=Q(status=FollowUpStatus.DONE)),
    )
    dialogues = Dialogue.objects.visible_to(request.user).filter(held_on__year=today.year).count()
    if not counts["total"] and not dialogues:
        return None
    return {"dialogues": dialogues, "year": today.year, **counts}
