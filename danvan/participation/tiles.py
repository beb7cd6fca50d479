"""The grassroots democracy tile: open consultations, recommendations awaiting an answer."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from danvan.core.dashboard import register_tile

from .models import Consultation, SupervisionRecommendation


@register_tile("participation.summary", "participation/tiles/summary.html", order=45)
def summary_tile(request: HttpRequest) -> dict[str, Any] | None:
    today = timezone.localdate()
    recommendations = SupervisionRecommendation.objects.visible_to(request.user)
    waiting = recommendations.filter(SupervisionRecommendation.open_q).count()
    overdue = recommendations.overdue(today).count()
    consultations = Consultation.objects.visible_to(request.user).open_on(today).count()
    if not (waiting or consultations):
        return None
    return {"waiting": waiting, "overdue": overdue, "consultations": consultations}
