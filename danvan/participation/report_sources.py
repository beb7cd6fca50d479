"""Figures of grassroots democracy for the dân vận report (nguồn số liệu báo cáo).

Each figure is of **one unit itself** over the report's window, both ends included; the reports
of the units below are added up by consolidation. One aggregate query each.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import F
from django.utils.translation import gettext_lazy as _

from danvan.orgs.models import OrgUnit
from danvan.reporting.sources import register

from .models import Consultation, Disclosure, SocialCritique, SupervisionRecommendation


@register("participation.disclosures_made", _("Disclosures made (grassroots democracy)"))
def disclosures_made(unit: OrgUnit, start: dt.date, end: dt.date) -> Decimal:
    """Disclosures the unit recorded whose first channel started in the window."""
    rows = Disclosure.objects.filter(
        owner_id=unit.pk, channels__starts_on__range=(start, end)
    ).distinct()
    return Decimal(rows.count())


@register("participation.consultations_held", _("Consultations on drafts held"))
def consultations_held(unit: OrgUnit, start: dt.date, end: dt.date) -> Decimal:
    """Drafts the unit published for comments in the window."""
    return Decimal(
        Consultation.objects.filter(owner_id=unit.pk, opens_on__range=(start, end)).count()
    )


@register("participation.recommendations_answered", _("Supervision recommendations answered"))
def recommendations_answered(unit: OrgUnit, start: dt.date, end: dt.date) -> Decimal:
    return Decimal(
        SupervisionRecommendation.objects.filter(
            answering_unit_id=unit.pk, answered_on__range=(start, end)
        ).count()
    )


@register(
    "participation.recommendations_on_time",
    _("Supervision recommendations answered on time"),
)
def recommendations_on_time(unit: OrgUnit, start: dt.date, end: dt.date) -> Decimal:
    """Answered in the window, on or before the due date."""
    return Decimal(
        SupervisionRecommendation.objects.filter(
            answering_unit_id=unit.pk,
            answered_on__range=(start, end),
            answered_on__lte=F("due_on"),
        ).count()
    )


@register("participation.critiques_answered", _("Social critiques answered in writing"))
def critiques_answered(unit: OrgUnit, start: dt.date, end: dt.date) -> Decimal:
    """Critiques of the unit's drafts it answered in the window."""
    return Decimal(
        SocialCritique.objects.filter(
            drafting_unit_id=unit.pk, answered_on__range=(start, end)
        ).count()
    )


@register("participation.critiques_on_time", _("Social critiques answered on time"))
def critiques_on_time(unit: OrgUnit, start: dt.date, end: dt.date) -> Decimal:
    """Answered in the window, on or before the due date."""
    return Decimal(
        SocialCritique.objects.filter(drafting_unit_id=unit.pk, answered_on__range=(start, end))
        .answered_on_time()
        .count()
    )
