"""Dialogues over the API: list, record, detail; follow-up actions: list, assign, update.

No ``from __future__ import annotations`` here: django-ninja resolves the annotations of
paginated views in the namespace of its own wrapper, where string annotations are not found.
"""

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from danvan.core.api_types import Id, Int32, Pagination, Percent, model_int, model_text
from danvan.core.lists import filter_api, filter_schema
from danvan.core.scoping import get_object_for_user
from danvan.orgs.models import OrgUnit

from .filters import DialogueFilter, FollowUpFilter
from .models import (
    Conclusion,
    Dialogue,
    DialogueKind,
    FollowUpAction,
    FollowUpStatus,
    FollowUpUpdate,
    Participant,
    ParticipantKind,
)
from .services import (
    add_follow_up,
    create_dialogue,
    follow_up_for,
    update_follow_up,
)

router = Router(tags=["dialogues"])
DialogueQuery = filter_schema(DialogueFilter)
FollowUpQuery = filter_schema(FollowUpFilter)

_NO_PERMISSION = gettext_lazy("You may not record dialogues or follow-up actions of this unit.")


class UnitRef(Schema):
    id: int
    key: str
    name: str


class ParticipantSchema(Schema):
    kind: ParticipantKind
    name: model_text(Participant, "name")  # type: ignore[valid-type]
    position: model_text(Participant, "position") = ""  # type: ignore[valid-type]
    note: model_text(Participant, "note") = ""  # type: ignore[valid-type]


class ConclusionOut(Schema):
    id: int
    position: int
    text: str


class FollowUpOut(Schema):
    id: int
    dialogue_id: int
    title: str
    description: str
    responsible_unit: UnitRef
    supporting_unit_ids: list[int]
    conclusion_id: int | None
    due_on: dt.date
    status: FollowUpStatus
    percent: int
    completed_on: dt.date | None
    overdue: bool = Field(description="Derived: due date passed and not done.")
    version: int = Field(description="Send it back when updating; a stale one gets 409.")

    @staticmethod
    def resolve_overdue(obj: Any) -> bool:
        if isinstance(obj, dict):
            return bool(obj["overdue"])
        return bool(obj.is_overdue())

    @staticmethod
    def resolve_supporting_unit_ids(obj: Any) -> list[int]:
        if isinstance(obj, dict):
            return list(obj["supporting_unit_ids"])
        return [u.pk for u in obj.supporting_units.all()]


class UpdateOut(Schema):
    at: dt.datetime
    by: str
    status: FollowUpStatus
    percent: int
    note: str


class FollowUpDetailOut(FollowUpOut):
    updates: list[UpdateOut]


class DialogueOut(Schema):
    id: int
    owner: UnitRef
    held_on: dt.date
    place: str
    topic: str
    chaired_by: str
    kind: DialogueKind
    basis: str
    officials_count: int
    citizens_count: int
    has_minutes: bool

    @staticmethod
    def resolve_has_minutes(obj: Any) -> bool:
        if isinstance(obj, dict):
            return bool(obj["has_minutes"])
        return bool(obj.minutes)


class DialogueDetailOut(DialogueOut):
    record: str
    participants: list[ParticipantSchema]
    conclusions: list[ConclusionOut]
    follow_ups: list[FollowUpOut]


class DialogueIn(Schema):
    owner_id: Id
    held_on: dt.date
    place: model_text(Dialogue, "place")  # type: ignore[valid-type]
    topic: model_text(Dialogue, "topic")  # type: ignore[valid-type]
    chaired_by: model_text(Dialogue, "chaired_by")  # type: ignore[valid-type]
    kind: DialogueKind = DialogueKind.PERIODIC
    basis: model_text(Dialogue, "basis") = ""  # type: ignore[valid-type]
    record: model_text(Dialogue, "record") = ""  # type: ignore[valid-type]
    officials_count: model_int(Dialogue, "officials_count") = 0  # type: ignore[valid-type]
    citizens_count: model_int(Dialogue, "citizens_count") = 0  # type: ignore[valid-type]
    participants: list[ParticipantSchema] = Field([], max_length=1000)
    conclusions: list[model_text(Conclusion, "text")] = Field(  # type: ignore[valid-type]
        [], max_length=1000, description="The chair's conclusions, in order."
    )


class FollowUpIn(Schema):
    title: model_text(FollowUpAction, "title")  # type: ignore[valid-type]
    description: model_text(FollowUpAction, "description") = ""  # type: ignore[valid-type]
    responsible_unit_id: Id
    supporting_unit_ids: list[Id] = Field([], max_length=1000)
    due_on: dt.date
    conclusion_id: Id | None = None


class FollowUpPatch(Schema):
    version: Int32 = Field(description="The version read with the follow-up.")
    status: FollowUpStatus | None = None
    percent: Percent | None = None
    note: model_text(FollowUpUpdate, "note") = ""  # type: ignore[valid-type]
    due_on: dt.date | None = Field(None, description="Only the unit that held the dialogue.")


def _dialogue(d: Dialogue) -> dict[str, Any]:
    return {
        **{f: getattr(d, f) for f in DialogueOut.model_fields if f not in {"has_minutes"}},
        "has_minutes": bool(d.minutes),
    }


def _follow_up(a: FollowUpAction, today: dt.date) -> dict[str, Any]:
    return {
        "id": a.pk,
        "dialogue_id": a.dialogue_id,
        "title": a.title,
        "description": a.description,
        "responsible_unit": a.responsible_unit,
        "supporting_unit_ids": [u.pk for u in a.supporting_units.all()],
        "conclusion_id": a.conclusion_id,
        "due_on": a.due_on,
        "status": a.status,
        "percent": a.percent,
        "completed_on": a.completed_on,
        "overdue": a.is_overdue(today),
        "version": a.version,
    }


def _detail(d: Dialogue) -> dict[str, Any]:
    today = timezone.localdate()
    actions = d.follow_ups.select_related("responsible_unit").prefetch_related("supporting_units")
    return {
        **_dialogue(d),
        "record": d.record,
        "participants": list(d.participants.all()),
        "conclusions": list(d.conclusions.all()),
        "follow_ups": [_follow_up(a, today) for a in actions],
    }


def _follow_up_detail(a: FollowUpAction) -> dict[str, Any]:
    updates = [
        {
            "at": u.at,
            "by": u.by.display_name if u.by else "",
            "status": u.status,
            "percent": u.percent,
            "note": u.note,
        }
        for u in a.updates.select_related("by").order_by("at", "id")
    ]
    return {**_follow_up(a, timezone.localdate()), "updates": updates}


@router.get("", response=list[DialogueOut], summary="Dialogues visible to the caller")
@paginate(Pagination)
def list_dialogues(request: HttpRequest, filters: Query[DialogueQuery]):  # type: ignore[no-untyped-def,valid-type]
    qs = Dialogue.objects.visible_to(request.user).select_related("owner")
    return filter_api(DialogueFilter, filters, qs, request)


@router.post(
    "",
    response={201: DialogueDetailOut},
    summary="Record a dialogue",
    description="400 with a Vietnamese `detail` for bad input (e.g. a date in the future).",
)
def post_dialogue(request: HttpRequest, payload: DialogueIn) -> Status[dict[str, Any]]:
    owner = get_object_for_user(OrgUnit, request.user, pk=payload.owner_id)
    data = payload.dict()
    data.pop("owner_id")
    participants = data.pop("participants")
    conclusions = data.pop("conclusions")
    try:
        dialogue = create_dialogue(
            owner, participants=participants, conclusions=conclusions, **data, actor=request.user
        )
    except PermissionDenied:
        raise HttpError(403, str(_NO_PERMISSION)) from None
    return Status(201, _detail(dialogue))


@router.get("/follow-ups", response=list[FollowUpOut], summary="Follow-up actions")
@paginate(Pagination)
def list_follow_ups(request: HttpRequest, filters: Query[FollowUpQuery]):  # type: ignore[no-untyped-def,valid-type]
    qs = (
        FollowUpAction.objects.visible_to(request.user)
        .select_related("responsible_unit")
        .prefetch_related("supporting_units")
    )
    return filter_api(FollowUpFilter, filters, qs, request)


@router.get("/follow-ups/{action_id}", response=FollowUpDetailOut, summary="One follow-up")
def get_follow_up(request: HttpRequest, action_id: Id) -> dict[str, Any]:
    return _follow_up_detail(follow_up_for(request.user, action_id))


@router.patch(
    "/follow-ups/{action_id}",
    response={200: FollowUpDetailOut},
    summary="Report progress on a follow-up",
    description="Send the `version` you read; 409 when someone updated it meanwhile.",
)
def patch_follow_up(request: HttpRequest, action_id: Id, payload: FollowUpPatch) -> dict[str, Any]:
    action = follow_up_for(request.user, action_id)
    try:
        update_follow_up(action, **payload.dict(), actor=request.user)
    except PermissionDenied:
        raise HttpError(403, str(_NO_PERMISSION)) from None
    return _follow_up_detail(action)


@router.get("/{dialogue_id}", response=DialogueDetailOut, summary="One dialogue")
def get_dialogue(request: HttpRequest, dialogue_id: Id) -> dict[str, Any]:
    dialogue = get_object_for_user(
        Dialogue.objects.select_related("owner"), request.user, pk=dialogue_id
    )
    return _detail(dialogue)


@router.post(
    "/{dialogue_id}/follow-ups",
    response={201: FollowUpDetailOut},
    summary="Assign a follow-up action",
)
def post_follow_up(
    request: HttpRequest, dialogue_id: Id, payload: FollowUpIn
) -> Status[dict[str, Any]]:
    dialogue = get_object_for_user(Dialogue, request.user, pk=dialogue_id)
    units = OrgUnit.objects.current()
    responsible = units.filter(pk=payload.responsible_unit_id).first()
    if responsible is None:
        raise HttpError(400, _("The lead unit was not found."))
    supporting = list(units.filter(pk__in=payload.supporting_unit_ids))
    if len(supporting) != len(set(payload.supporting_unit_ids)):
        raise HttpError(400, _("A supporting unit does not exist."))
    conclusion = None
    if payload.conclusion_id is not None:
        conclusion = dialogue.conclusions.filter(pk=payload.conclusion_id).first()
        if conclusion is None:
            raise HttpError(400, _("The chosen conclusion does not belong to this dialogue."))
    try:
        action = add_follow_up(
            dialogue,
            title=payload.title,
            description=payload.description,
            responsible_unit=responsible,
            supporting_units=supporting,
            due_on=payload.due_on,
            conclusion=conclusion,
            actor=request.user,
        )
    except PermissionDenied:
        raise HttpError(403, str(_NO_PERMISSION)) from None
    return Status(201, _follow_up_detail(action))
