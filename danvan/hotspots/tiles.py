"""The hotspots tile of the official's dashboard."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from danvan.core.dashboard import register_tile

from .models import HotspotCase, OpinionSignal


@register_tile("hotspots.summary", "hotspots/tiles/hotspots.html", order=45)
def hotspots_tile(request: HttpRequest) -> dict[str, Any] | None:
    """Candidate and confirmed hotspots, and recent signals, in the viewer's scope."""
    from .services import visible_candidates

    today = timezone.localdate()
    candidates = visible_candidates(request.user, today)
    confirmed = HotspotCase.objects.visible_to(request.user).open().count()
    since = today - dt.timedelta(days=29)  # the last 30 days, today included
    signals = OpinionSignal.objects.visible_to(request.user).filter(observed_on__gte=since).count()
    if not candidates and not confirmed and not signals:
        return None
    unconfirmed = sum(1 for c in candidates if c.confirmed is None)
    return {
        "candidates": unconfirmed,
        "confirmed": confirmed,
        "signals": signals,
        "since": since,
    }
