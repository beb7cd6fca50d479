"""Figures of grassroots democracy for the dân vận report and the yearly evaluation (nguồn số
liệu).

Each figure is of **one unit itself** over the report's window, both ends included; the reports
of the units below are added up by consolidation. One aggregate query each, except the
disclosures' compliance, which is :mod:`.compliance` read for the unit (three queries).

The evaluation reads shares as two figures, a numerator and its denominator, so that a commune
merged mid-year adds its own counts to its successor's before the share is taken:
disclosures complete of those owed, comments answered of those received, recommendations of the
Front and findings of the people's boards answered by their due date of those due.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import F, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from danvan.orgs.models import OrgUnit
from danvan.reporting.sources import register

from . import compliance
from .models import (
    BoardFinding,
    Comment,
    Consultation,
    Disclosure,
    Moderation,
    SocialCritique,
    SupervisionRecommendation,
)


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


# --- disclosures complete (the compliance of :mod:`.compliance`, never computed twice) ---------


def disclosure_compliance(unit: OrgUnit, start: dt.date, end: dt.date) -> compliance.UnitYear:
    return compliance.units_window([unit], start, end)[unit.pk]


@register("participation.disclosures_required", _("Items the unit had to disclose"))
def disclosures_required(unit: OrgUnit, start: dt.date, end: dt.date) -> Decimal:
    """Every item of the unit's list (commune or agency) but the optional ones, which count
    once the unit disclosed something under them (decisions taken in the window)."""
    return Decimal(len(disclosure_compliance(unit, start, end).required_rows))


@register("participation.disclosures_complete", _("Items disclosed completely and on time"))
def disclosures_complete(unit: OrgUnit, start: dt.date, end: dt.date) -> Decimal:
    """Owed items disclosed, every disclosure of them on time, posted long enough and on the
    radio when the item requires it."""
    return Decimal(len(disclosure_compliance(unit, start, end).complete_rows))


# --- comments on drafts answered ----------------------------------------------------------------


def comments_to_answer(unit: OrgUnit, start: dt.date, end: dt.date) -> QuerySet[Comment]:
    """Comments on the unit's drafts whose consultation closed in the window, except rejected
    ones and those merged into another (answered with it)."""
    return Comment.objects.filter(
        consultation__owner_id=unit.pk,
        consultation__closes_on__range=(start, end),
        merged_into__isnull=True,
    ).exclude(status=Moderation.REJECTED)


ANSWERED = ~Q(answer_kind="")


@register("participation.comments_to_answer", _("Comments on drafts to be answered"))
def comments_received(unit: OrgUnit, start: dt.date, end: dt.date) -> Decimal:
    return Decimal(comments_to_answer(unit, start, end).count())


@register("participation.comments_answered", _("Comments on drafts answered"))
def comments_answered(unit: OrgUnit, start: dt.date, end: dt.date) -> Decimal:
    return Decimal(comments_to_answer(unit, start, end).filter(ANSWERED).count())


# --- recommendations of the Front and findings of the people's boards ---------------------------


def front_due(unit: OrgUnit, start: dt.date, end: dt.date) -> QuerySet[SupervisionRecommendation]:
    return SupervisionRecommendation.objects.filter(
        answering_unit_id=unit.pk, due_on__range=(start, end)
    )


def boards_due(unit: OrgUnit, start: dt.date, end: dt.date) -> QuerySet[BoardFinding]:
    """Findings of the unit's own people's boards (inspection of the community, investment
    supervision), answered by the unit."""
    return BoardFinding.objects.filter(board__owner_id=unit.pk, due_on__range=(start, end))


ANSWERED_ON_TIME = Q(answered_on__isnull=False, answered_on__lte=F("due_on"))


@register(
    "participation.feedback_due",
    _("Recommendations of the Front and the people's boards due for an answer"),
)
def feedback_due(unit: OrgUnit, start: dt.date, end: dt.date) -> Decimal:
    return Decimal(front_due(unit, start, end).count() + boards_due(unit, start, end).count())


@register(
    "participation.feedback_on_time",
    _("Recommendations of the Front and the people's boards answered by their due date"),
)
def feedback_on_time(unit: OrgUnit, start: dt.date, end: dt.date) -> Decimal:
    return Decimal(
        front_due(unit, start, end).filter(ANSWERED_ON_TIME).count()
        + boards_due(unit, start, end).filter(ANSWERED_ON_TIME).count()
    )
