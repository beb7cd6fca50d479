"""What other apps may read of surveys (read only): which units offer a published
satisfaction survey.

Grassroots democracy (Luật 10/2022/QH15, Điều 35) requires each commune to keep a standing
channel for the people to rate its service; ``participation`` reads it here rather than from
this app's tables.
"""

from __future__ import annotations

from django.db.models import QuerySet

from .models import Questionnaire, QuestionnaireStatus


def published_owner_ids(year: int) -> QuerySet[Questionnaire, int]:
    """The ids of the units with a questionnaire of ``year`` put before the public (open for
    answers, or open and since closed) — a subquery, evaluated by whoever uses it."""
    return (
        Questionnaire.objects.filter(year=year)
        .exclude(status=QuestionnaireStatus.DRAFT)
        .values_list("owner_id", flat=True)
    )
