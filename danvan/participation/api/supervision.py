"""Front supervision over the API: rounds, recommendations and the answers of the units.

No ``from __future__ import annotations``: see the package docstring.
"""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from danvan.core.api_types import Id, Int32, Pagination, model_text
from danvan.core.scoping import get_object_for_user
from danvan.orgs.models import OrgUnit

from ..models import (
    RecommendationState,
    SupervisionRecommendation,
    SupervisionRound,
)
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
        raise HttpError(400, "Không tìm thấy đơn vị được giám sát.")
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
        raise HttpError(400, "Không tìm thấy đơn vị phải trả lời.")
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
