"""Front supervision over the API: rounds, recommendations and the answers of the units; the
Front's social critique of drafts and the drafting units' written answers.

No ``from __future__ import annotations``: see the package docstring.
"""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from danvan.core.api_types import Id, Int32, Pagination, model_text
from danvan.core.scoping import get_object_for_user
from danvan.orgs.models import OrgUnit

from ..models import (
    CritiqueAcceptance,
    RecommendationState,
    SocialCritique,
    SupervisionRecommendation,
    SupervisionRound,
)
from ..services import critique as critique_services
from ..services import supervision as supervise
from .common import UnitRef, router


class RoundOut(Schema):
    id: int
    owner: UnitRef
    supervised_unit: UnitRef
    topic: str
    starts_on: dt.date
    ends_on: dt.date


class RoundIn(Schema):
    owner_id: Id
    supervised_unit_id: Id
    topic: model_text(SupervisionRound, "topic")  # type: ignore[valid-type]
    starts_on: dt.date
    ends_on: dt.date


class RecommendationOut(Schema):
    id: int
    supervision_round_id: int
    text: str
    answering_unit: UnitRef
    made_on: dt.date
    due_on: dt.date
    state: RecommendationState
    answer: str
    answered_on: dt.date | None
    overdue: bool = Field(description="Derived: not answered and the due date passed.")
    version: int

    @staticmethod
    def resolve_overdue(obj: Any) -> bool:
        return bool(obj.is_overdue())


class RecommendationIn(Schema):
    text: model_text(SupervisionRecommendation, "text")  # type: ignore[valid-type]
    answering_unit_id: Id
    made_on: dt.date


class RecommendationAnswerIn(Schema):
    answer: model_text(SupervisionRecommendation, "answer")  # type: ignore[valid-type]
    state: RecommendationState
    answered_on: dt.date
    version: Int32


@router.get("/supervision-rounds", response=list[RoundOut], summary="Supervision rounds")
@paginate(Pagination)
def list_rounds(request: HttpRequest):  # type: ignore[no-untyped-def]
    return (
        SupervisionRound.objects.visible_to(request.user)
        .select_related("owner", "supervised_unit")
        .order_by("-starts_on", "-id")
    )


@router.post("/supervision-rounds", response={201: RoundOut}, summary="Record a supervision round")
def post_round(request: HttpRequest, payload: RoundIn) -> Status[SupervisionRound]:
    owner = get_object_for_user(OrgUnit, request.user, pk=payload.owner_id)
    supervised = OrgUnit.objects.current().filter(pk=payload.supervised_unit_id).first()
    if supervised is None:
        raise HttpError(400, _("The supervised unit was not found."))
    round_ = supervise.create_round(
        actor=request.user,
        owner=owner,
        supervised_unit=supervised,
        topic=payload.topic,
        starts_on=payload.starts_on,
        ends_on=payload.ends_on,
    )
    return Status(201, round_)


@router.post(
    "/supervision-rounds/{round_id}/recommendations",
    response={201: RecommendationOut},
    summary="Add a recommendation (due in the province's days, 15 by default)",
)
def post_recommendation(
    request: HttpRequest, round_id: Id, payload: RecommendationIn
) -> Status[SupervisionRecommendation]:
    round_ = get_object_for_user(
        SupervisionRound.objects.select_related("owner", "supervised_unit"),
        request.user,
        pk=round_id,
    )
    unit = OrgUnit.objects.current().filter(pk=payload.answering_unit_id).first()
    if unit is None:
        raise HttpError(400, _("The unit that must answer was not found."))
    rec = supervise.add_recommendation(
        actor=request.user,
        supervision_round=round_,
        text=payload.text,
        answering_unit=unit,
        made_on=payload.made_on,
    )
    return Status(201, rec)


@router.get("/recommendations", response=list[RecommendationOut], summary="Recommendations")
@paginate(Pagination)
def list_recommendations(request: HttpRequest, overdue: bool = False):  # type: ignore[no-untyped-def]
    qs = SupervisionRecommendation.objects.visible_to(request.user).select_related("answering_unit")
    if overdue:
        qs = qs.overdue(timezone.localdate())
    return qs.order_by("due_on", "id")


@router.post(
    "/recommendations/{recommendation_id}/answer",
    response=RecommendationOut,
    summary="Answer a recommendation (only the unit it was made to)",
    description="Send the `version` you read; 409 when someone updated it meanwhile.",
)
def answer_recommendation(
    request: HttpRequest, recommendation_id: Id, payload: RecommendationAnswerIn
) -> SupervisionRecommendation:
    rec = get_object_for_user(
        SupervisionRecommendation.objects.select_related("answering_unit"),
        request.user,
        pk=recommendation_id,
    )
    return supervise.answer_recommendation(
        actor=request.user,
        recommendation=rec,
        answer=payload.answer,
        state=payload.state,
        version=payload.version,
        on=payload.answered_on,
    )


# --- social critique -----------------------------------------------------------------------


class CritiqueOut(Schema):
    id: int
    owner: UnitRef
    drafting_unit: UnitRef
    draft_title: str
    draft_received_on: dt.date
    submission_on: dt.date
    min_days_before: int = Field(description="Days the draft must reach the Front before.")
    received_in_time: bool = Field(description="Derived: the draft came at least that early.")
    text: str
    sent_on: dt.date
    due_on: dt.date
    acceptance: CritiqueAcceptance | None
    answer: str
    reasons_not_accepted: str
    answered_on: dt.date | None
    overdue: bool = Field(description="Derived: not answered and the due date passed.")
    answered_on_time: bool = Field(description="Derived: answered by the due date.")
    version: int

    @staticmethod
    def resolve_received_in_time(obj: Any) -> bool:
        return bool(obj.received_in_time())

    @staticmethod
    def resolve_acceptance(obj: Any) -> str | None:
        return obj.acceptance or None

    @staticmethod
    def resolve_overdue(obj: Any) -> bool:
        return bool(obj.is_overdue())


class CritiqueIn(Schema):
    owner_id: Id
    drafting_unit_id: Id
    draft_title: model_text(SocialCritique, "draft_title")  # type: ignore[valid-type]
    draft_received_on: dt.date
    submission_on: dt.date
    text: model_text(SocialCritique, "text")  # type: ignore[valid-type]
    sent_on: dt.date
    accept_late_draft: bool = Field(
        False, description="The draft came late and the Front critiqued it anyway."
    )


class CritiqueAnswerIn(Schema):
    acceptance: CritiqueAcceptance
    answer: model_text(SocialCritique, "answer")  # type: ignore[valid-type]
    reasons_not_accepted: model_text(SocialCritique, "reasons_not_accepted") = ""  # type: ignore[valid-type]
    answered_on: dt.date
    version: Int32


@router.get("/critiques", response=list[CritiqueOut], summary="Social critiques of drafts")
@paginate(Pagination)
def list_critiques(request: HttpRequest, overdue: bool = False):  # type: ignore[no-untyped-def]
    qs = SocialCritique.objects.visible_to(request.user).select_related("owner", "drafting_unit")
    if overdue:
        qs = qs.overdue(timezone.localdate())
    return qs.order_by("due_on", "id")


@router.post(
    "/critiques",
    response={201: CritiqueOut},
    summary="Record a social critique (due for an answer in the province's days, 15 by default)",
)
def post_critique(request: HttpRequest, payload: CritiqueIn) -> Status[SocialCritique]:
    owner = get_object_for_user(OrgUnit, request.user, pk=payload.owner_id)
    drafting = OrgUnit.objects.current().filter(pk=payload.drafting_unit_id).first()
    if drafting is None:
        raise HttpError(400, _("The unit whose draft is critiqued was not found."))
    critique = critique_services.record_critique(
        actor=request.user,
        owner=owner,
        drafting_unit=drafting,
        draft_title=payload.draft_title,
        draft_received_on=payload.draft_received_on,
        submission_on=payload.submission_on,
        text=payload.text,
        sent_on=payload.sent_on,
        accept_late_draft=payload.accept_late_draft,
    )
    return Status(201, critique)


@router.get("/critiques/{critique_id}", response=CritiqueOut, summary="One social critique")
def get_critique(request: HttpRequest, critique_id: Id) -> SocialCritique:
    return get_object_for_user(
        SocialCritique.objects.select_related("owner", "drafting_unit"),
        request.user,
        pk=critique_id,
    )


@router.post(
    "/critiques/{critique_id}/answer",
    response=CritiqueOut,
    summary="Answer a social critique in writing (only the unit whose draft it is)",
    description="Send the `version` you read; 409 when someone updated it meanwhile.",
)
def answer_critique(
    request: HttpRequest, critique_id: Id, payload: CritiqueAnswerIn
) -> SocialCritique:
    critique = get_object_for_user(
        SocialCritique.objects.select_related("owner", "drafting_unit"),
        request.user,
        pk=critique_id,
    )
    return critique_services.answer_critique(
        actor=request.user,
        critique=critique,
        acceptance=payload.acceptance,
        answer=payload.answer,
        reasons_not_accepted=payload.reasons_not_accepted,
        on=payload.answered_on,
        version=payload.version,
    )
