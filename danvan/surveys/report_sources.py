"""Survey figures for report forms and the yearly evaluation (nguồn số liệu).

Each is of one unit itself (the questionnaires it owns) over a date window, both ends included,
by the date each answer was given.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from danvan.orgs.models import OrgUnit
from danvan.reporting.sources import register

from .index import compute, primary_formula
from .models import Questionnaire, Response


@register("surveys.satisfaction_index", _("Satisfaction index of the unit's service (%)"))
def satisfaction_index(unit: OrgUnit, start: dt.date, end: dt.date) -> Decimal | None:
    """The primary index (share «hài lòng» + «rất hài lòng») of answers given in the window."""
    formula = primary_formula()
    if formula is None:
        return None
    return compute(Questionnaire.objects.filter(owner_id=unit.pk), formula, (start, end)).overall


@register("surveys.responses", _("Survey answers received"))
def responses(unit: OrgUnit, start: dt.date, end: dt.date) -> Decimal:
    return Decimal(
        Response.objects.filter(
            questionnaire__owner_id=unit.pk, submitted_at__date__range=(start, end)
        ).count()
    )
