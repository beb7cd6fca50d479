"""The surveys tile of the official's dashboard: open questionnaires and this year's answers."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from danvan.core.dashboard import register_tile

from .index import by_owner, primary_formula
from .models import Questionnaire, QuestionnaireStatus, Response


@register_tile("surveys.satisfaction", "surveys/tiles/satisfaction.html", order=60)
def satisfaction_tile(request: HttpRequest) -> dict[str, Any] | None:
    year = timezone.localdate().year
    visible = Questionnaire.objects.visible_to(request.user).filter(year=year)
    if not visible.exists():
        return None
    answers = Response.objects.filter(questionnaire__in=visible).count()
    formula = primary_formula()
    figures = [v for v in by_owner(visible, formula).values() if v is not None] if formula else []
    return {
        "year": year,
        "open": visible.filter(status=QuestionnaireStatus.OPEN).count(),
        "answers": answers,
        "units": len(figures),
        "lowest": min(figures) if figures else None,
        "highest": max(figures) if figures else None,
    }
