"""Front supervision rounds, recommendations, and the answers of the units supervised."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from danvan.core.audit import acting_as
from danvan.core.errors import UserError
from danvan.core.scoping import holds_at, permission_name, subtree_upper_bound
from danvan.orgs.models import OrgUnit

from ..models import (
    RecommendationState,
    SupervisionRecommendation,
    SupervisionRound,
    rule_value,
)
from .common import Action, a_date, bounded, require, required


def create_round(
    *,
    actor: Any,
    owner: OrgUnit,
    supervised_unit: OrgUnit,
    topic: str,
    starts_on: dt.date,
    ends_on: dt.date,
) -> SupervisionRound:
    require(actor, SupervisionRound, Action.ADD, owner)
    topic = bounded(required(topic, _("the supervision topic")), _("the supervision topic"), 300)
    a_date(starts_on, _("the first day of the supervision"))
    a_date(ends_on, _("the last day of the supervision"))
    if ends_on < starts_on:
        raise UserError(_("The supervision cannot end before it starts."))
    with transaction.atomic(), acting_as(actor):
        return SupervisionRound.objects.create(
            owner=owner,
            supervised_unit=supervised_unit,
            topic=topic,
            starts_on=starts_on,
            ends_on=ends_on,
            created_by=actor,
        )


def add_recommendation(
    *,
    actor: Any,
    supervision_round: SupervisionRound,
    text: str,
    answering_unit: OrgUnit,
    made_on: dt.date,
) -> SupervisionRecommendation:
    """A recommendation to the supervised unit (or a unit under it), due in the province's days."""
    require(actor, SupervisionRecommendation, Action.ADD, supervision_round.owner)
    text = bounded(
        required(text, _("the text of the recommendation")), _("the text of the recommendation")
    )
    a_date(made_on, _("the date of the recommendation"))
    supervised = supervision_round.supervised_unit
    if not supervised.path <= answering_unit.path < subtree_upper_bound(supervised.path):
        raise UserError(
            _("A recommendation goes only to %(unit)s or a unit under it that was supervised.")
            % {"unit": supervised.name}
        )
    days = rule_value("recommendation.answer_days", answering_unit)
    with transaction.atomic(), acting_as(actor):
        recommendation = SupervisionRecommendation.objects.create(
            supervision_round=supervision_round,
            text=text,
            answering_unit=answering_unit,
            made_on=made_on,
            due_on=made_on + dt.timedelta(days=days),
        )
        from danvan.notifications.services import notify, officials_holding

        notify(
            f"participation.recommendation:{recommendation.pk}:made",
            officials_holding(
                permission_name(SupervisionRecommendation, Action.CHANGE), answering_unit
            ),
            _("New supervision recommendation: %(topic)s")
            % {"topic": supervision_round.topic[:120]},
            _("%(front)s recommends: %(text)s\nAnswer due on %(due)s.")
            % {
                "front": supervision_round.owner.name,
                "text": text[:500],
                "due": f"{recommendation.due_on:%d/%m/%Y}",
            },
            url=reverse("participation:recommendation", args=[recommendation.pk]),
        )
    return recommendation


def answer_recommendation(
    *,
    actor: Any,
    recommendation: SupervisionRecommendation,
    answer: str,
    state: str,
    version: Any,
    on: dt.date,
) -> SupervisionRecommendation:
    """Only officials of the unit that must answer answer it (not the Front that made it)."""
    unit = recommendation.answering_unit
    if actor is not None and not holds_at(
        actor, permission_name(SupervisionRecommendation, Action.CHANGE), unit
    ):
        raise UserError(
            _("Only %(unit)s (the unit it was made to) can answer this recommendation.")
            % {"unit": unit.name}
        )
    recommendation.check_version(version)
    answer = bounded(required(answer, _("the answer")), _("the answer"))
    if state not in RecommendationState.values or state == RecommendationState.NOT_ANSWERED:
        raise UserError(_("The state after the answer is not valid."))
    a_date(on, _("the date of the answer"))
    if on < recommendation.made_on:
        raise UserError(_("The answer cannot be dated before the recommendation."))
    with transaction.atomic(), acting_as(actor):
        recommendation.answer, recommendation.state = answer, state
        if recommendation.answered_on is None:
            recommendation.answered_on = on
        recommendation.answered_by = actor
        recommendation.bump_version()
        recommendation.save()
    return recommendation
