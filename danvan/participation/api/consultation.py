"""Consultations on drafts over the API: plans, publication, comments, moderation and answers.

No ``from __future__ import annotations``: see the package docstring.
"""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Field, Schema, Status
from ninja.pagination import paginate

from danvan.core.api_types import Id, Int32, Pagination, model_text
from danvan.core.scoping import get_object_for_user
from danvan.orgs.models import OrgUnit

from ..models import (
    AnswerKind,
    Comment,
    Consultation,
    ConsultationMatter,
    Moderation,
)
from ..services import consultation as consult
from .common import UnitRef, router


class ParagraphOut(Schema):
    id: int
    position: int
    is_heading: bool
    text: str


class ConsultationOut(Schema):
    id: int
    owner: UnitRef
    matter: ConsultationMatter
    title: str
    opens_on: dt.date | None
    closes_on: dt.date | None
    version: int


class ConsultationDetailOut(ConsultationOut):
    plan: str
    decision_note: str
    paragraphs: list[ParagraphOut]


class ConsultationIn(Schema):
    owner_id: Id
    matter: ConsultationMatter
    title: model_text(Consultation, "title")  # type: ignore[valid-type]
    plan: model_text(Consultation, "plan") = ""  # type: ignore[valid-type]
    draft: str = Field(max_length=200_000, description="Paragraphs separated by an empty line.")


class PublishIn(Schema):
    opens_on: dt.date
    closes_on: dt.date
    version: Int32


def _consultation_detail(c: Consultation) -> dict[str, Any]:
    return {
        **{f: getattr(c, f) for f in ConsultationOut.model_fields},
        "plan": c.plan,
        "decision_note": c.decision_note,
        "paragraphs": list(c.paragraphs.all()),
    }


@router.get("/consultations", response=list[ConsultationOut], summary="Consultations on drafts")
@paginate(Pagination)
def list_consultations(request: HttpRequest):  # type: ignore[no-untyped-def]
    return Consultation.objects.visible_to(request.user).select_related("owner").order_by("-id")


@router.post(
    "/consultations", response={201: ConsultationDetailOut}, summary="Put a draft to the people"
)
def post_consultation(request: HttpRequest, payload: ConsultationIn) -> Status[dict[str, Any]]:
    owner = get_object_for_user(OrgUnit, request.user, pk=payload.owner_id)
    consultation = consult.create_consultation(
        actor=request.user,
        owner=owner,
        matter=payload.matter,
        title=payload.title,
        plan=payload.plan,
        draft=payload.draft,
    )
    return Status(201, _consultation_detail(consultation))


@router.get(
    "/consultations/{consultation_id}", response=ConsultationDetailOut, summary="One consultation"
)
def get_consultation(request: HttpRequest, consultation_id: Id) -> dict[str, Any]:
    return _consultation_detail(
        get_object_for_user(
            Consultation.objects.select_related("owner"), request.user, pk=consultation_id
        )
    )


@router.post(
    "/consultations/{consultation_id}/publish",
    response=ConsultationDetailOut,
    summary="Publish a draft for comments (at least 20 days)",
)
def publish_consultation(
    request: HttpRequest, consultation_id: Id, payload: PublishIn
) -> dict[str, Any]:
    consultation = get_object_for_user(
        Consultation.objects.select_related("owner"), request.user, pk=consultation_id
    )
    consult.publish(actor=request.user, consultation=consultation, **payload.dict())
    return _consultation_detail(consultation)


class CommentOut(Schema):
    id: int
    paragraph_id: int | None
    author_name: str
    text: str
    status: Moderation
    moderation_reason: str
    merged_into_id: int | None
    answer_kind: str
    answer_text: str
    created_at: dt.datetime
    version: int


class ModerateIn(Schema):
    status: Moderation
    reason: model_text(Comment, "moderation_reason") = ""  # type: ignore[valid-type]
    version: Int32


class AnswerIn(Schema):
    kind: AnswerKind
    text: model_text(Comment, "answer_text")  # type: ignore[valid-type]
    version: Int32


@router.get(
    "/consultations/{consultation_id}/comments",
    response=list[CommentOut],
    summary="Comments on a draft (all states, for the officers)",
)
@paginate(Pagination)
def list_comments(request: HttpRequest, consultation_id: Id):  # type: ignore[no-untyped-def]
    consultation = get_object_for_user(Consultation, request.user, pk=consultation_id)
    return consultation.comments.order_by("created_at", "id")


def _comment(request: HttpRequest, comment_id: Id) -> Comment:
    return get_object_for_user(
        Comment.objects.select_related("consultation__owner"), request.user, pk=comment_id
    )


@router.post("/comments/{comment_id}/moderate", response=CommentOut, summary="Moderate a comment")
def moderate_comment(request: HttpRequest, comment_id: Id, payload: ModerateIn) -> Comment:
    comment = _comment(request, comment_id)
    return consult.moderate(
        actor=request.user,
        comment=comment,
        status=payload.status,
        reason=payload.reason,
        version=payload.version,
    )


@router.post("/comments/{comment_id}/answer", response=CommentOut, summary="Answer a comment")
def answer_comment(request: HttpRequest, comment_id: Id, payload: AnswerIn) -> Comment:
    comment = _comment(request, comment_id)
    return consult.answer(
        actor=request.user,
        comment=comment,
        kind=payload.kind,
        text=payload.text,
        version=payload.version,
    )
