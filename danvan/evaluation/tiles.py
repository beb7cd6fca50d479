"""The evaluation tile: this year's round in the viewer's scope, by band."""

from __future__ import annotations

from typing import Any

from django.db.models import Count
from django.http import HttpRequest
from django.utils import timezone

from danvan.core.dashboard import register_tile

from .models import Assessment, AssessmentStatus


@register_tile("evaluation.round", "evaluation/tiles/round.html", order=70)
def round_tile(request: HttpRequest) -> dict[str, Any] | None:
    year = timezone.localdate().year
    visible = Assessment.objects.visible_to(request.user).filter(scheme__year__gte=year - 1)
    if not visible.exists():
        return None
    latest = visible.order_by("-scheme__year").values_list("scheme__year", flat=True).first()
    if latest is None:
        return None
    mine = visible.filter(scheme__year=latest)
    statuses = dict(mine.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    bands = list(
        mine.filter(band__isnull=False)
        .values("band_id", "band__name", "band__rank")
        .annotate(n=Count("pk"))
        .order_by("band__rank")
    )
    return {
        "year": latest,
        "units": mine.count(),
        "self_assessed": statuses.get(AssessmentStatus.SELF_ASSESSED, 0),
        "appraised": statuses.get(AssessmentStatus.APPRAISED, 0),
        "bands": bands,
        "scheme_id": mine.values_list("scheme_id", flat=True).first(),
    }
