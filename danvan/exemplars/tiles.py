"""The «Dân vận khéo» tile of the dashboard: models in scope, this year, replicated, commended."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from danvan.core.dashboard import register_tile

from .counts import summary
from .models import Exemplar


@register_tile("exemplars.models", "exemplars/tiles/models.html", order=60)
def models_tile(request: HttpRequest) -> dict[str, Any] | None:
    year = timezone.localdate().year
    counts = summary(Exemplar.objects.visible_to(request.user), year)
    if not counts["total"]:
        return None
    return {"year": year, **counts}
