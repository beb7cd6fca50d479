"""The training tile: classes this year in scope and the coverage of the official's own unit."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from danvan.core.dashboard import register_tile

from .coverage import coverage
from .models import TrainingClass


@register_tile("training.coverage", "training/tiles/coverage.html", order=62)
def coverage_tile(request: HttpRequest) -> dict[str, Any] | None:
    year = timezone.localdate().year
    classes = TrainingClass.objects.visible_to(request.user).filter(starts_on__year=year).count()
    unit = getattr(request.user, "org_unit", None)
    cover = coverage(unit, year) if unit is not None else None
    if not classes and (cover is None or not cover.required):
        return None
    return {"year": year, "classes": classes, "coverage": cover}
