"""Training over the API: classes, participants, coverage.

No ``from __future__ import annotations`` (django-ninja pagination, see dialogues.api).
"""

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, File, Router, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile
from ninja.pagination import paginate

from danvan.accounts.models import User
from danvan.core.api_types import Id, Pagination, Year, model_text
from danvan.core.scoping import get_object_for_user
from danvan.orgs.models import OrgUnit

from .coverage import coverage_table
from .models import TrainingClass
from .services import add_participants, create_training, import_attendance, update_training

router = Router(tags=["training"])
_NO_PERMISSION = gettext_lazy("You may not record training courses of this unit.")


class UnitBrief(Schema):
    id: int
    name: str


class TrainingOut(Schema):
    id: int
    organiser: UnitBrief
    topic: str
    starts_on: dt.date
    ends_on: dt.date
    place: str
    trainers: str
    materials: str
    participants: int
    version: int


class TrainingIn(Schema):
    organiser_id: Id
    topic: model_text(TrainingClass, "topic", min_length=1)  # type: ignore[valid-type]
    starts_on: dt.date
    ends_on: dt.date
    place: model_text(TrainingClass, "place", min_length=1)  # type: ignore[valid-type]
    trainers: model_text(TrainingClass, "trainers") = ""  # type: ignore[valid-type]
    materials: model_text(TrainingClass, "materials") = ""  # type: ignore[valid-type]


class TrainingUpdateIn(Schema):
    version: Id = Field(description="The version read; an older one is refused (409).")
    topic: model_text(TrainingClass, "topic", min_length=1)  # type: ignore[valid-type]
    starts_on: dt.date
    ends_on: dt.date
    place: model_text(TrainingClass, "place", min_length=1)  # type: ignore[valid-type]
    trainers: model_text(TrainingClass, "trainers") = ""  # type: ignore[valid-type]
    materials: model_text(TrainingClass, "materials") = ""  # type: ignore[valid-type]


class TrainingParticipantsIn(Schema):
    official_ids: list[Id] = Field(..., min_length=1, max_length=2000)


class CoverageRowOut(Schema):
    unit: UnitBrief
    required: int
    trained: int
    percent: float | None


class TrainingCoverageOut(Schema):
    year: int
    total: CoverageRowOut
    units: list[CoverageRowOut]


def _out(t: TrainingClass) -> dict[str, Any]:
    return {**{f: getattr(t, f) for f in TrainingOut.model_fields if f != "participants"},
            "participants": t.attendances.count()}  # fmt: skip


def _row(c: Any) -> dict[str, Any]:
    return {"unit": c.unit, "required": c.required, "trained": c.trained,
            "percent": float(c.percent) if c.percent is not None else None}  # fmt: skip


@router.get("", response=list[TrainingOut], summary="Training classes visible to the caller")
@paginate(Pagination)
def list_trainings(request: HttpRequest, year: Year | None = None):  # type: ignore[no-untyped-def]
    qs = TrainingClass.objects.visible_to(request.user).select_related("organiser")
    if year:
        qs = qs.filter(starts_on__year=year)
    return [_out(t) for t in qs.order_by("-starts_on", "-id")]


@router.post("", response={201: TrainingOut}, summary="Record a training class")
def post_training(request: HttpRequest, payload: TrainingIn) -> Status[dict[str, Any]]:
    organiser = get_object_for_user(OrgUnit, request.user, pk=payload.organiser_id)
    data = payload.dict()
    data.pop("organiser_id")
    try:
        training = create_training(organiser, **data, actor=request.user)
    except PermissionDenied:
        raise HttpError(403, str(_NO_PERMISSION)) from None
    return Status(201, _out(training))


@router.get("/coverage", response=TrainingCoverageOut, summary="Citizen-facing officials trained")
def get_coverage(request: HttpRequest, unit_id: Id, year: Year | None = None) -> dict[str, Any]:
    root = get_object_for_user(OrgUnit, request.user, pk=unit_id)
    year = year or timezone.localdate().year
    total, rows = coverage_table(root, year)
    return {"year": year, "total": _row(total), "units": [_row(c) for c in rows]}


@router.get("/{training_id}", response=TrainingOut, summary="One training class")
def get_training(request: HttpRequest, training_id: Id) -> dict[str, Any]:
    return _out(get_object_for_user(TrainingClass, request.user, pk=training_id))


@router.put("/{training_id}", response={200: TrainingOut}, summary="Correct a training class")
def put_training(
    request: HttpRequest, training_id: Id, payload: TrainingUpdateIn
) -> dict[str, Any]:
    training = get_object_for_user(
        TrainingClass.objects.select_related("organiser"), request.user, pk=training_id
    )
    data = payload.dict()
    try:
        updated = update_training(training, version=data.pop("version"), **data, actor=request.user)
    except PermissionDenied:
        raise HttpError(403, str(_NO_PERMISSION)) from None
    return _out(updated)


@router.post("/{training_id}/participants", response={201: TrainingOut}, summary="Add participants")
def post_participants(
    request: HttpRequest, training_id: Id, payload: TrainingParticipantsIn
) -> Status[dict[str, Any]]:
    training = get_object_for_user(
        TrainingClass.objects.select_related("organiser"), request.user, pk=training_id
    )
    wanted = set(payload.official_ids)
    officials = list(User.objects.filter(pk__in=wanted, is_active=True).select_related("org_unit"))
    if len(officials) != len(wanted):
        raise HttpError(400, _("An official does not exist in the system."))
    try:
        add_participants(training, officials, actor=request.user)
    except PermissionDenied:
        raise HttpError(403, str(_NO_PERMISSION)) from None
    return Status(201, _out(training))


class AttendanceImportOut(Schema):
    added: int
    already: int
    training: TrainingOut


@router.post(
    "/{training_id}/attendance",
    response={200: AttendanceImportOut},
    summary="Import the attendance list (.xlsx)",
    description="First row headings, first column the officials' user names. One unknown "
    "official refuses the whole file (400, the rows named) and nothing is written.",
)
def post_attendance(
    request: HttpRequest, training_id: Id, file: File[UploadedFile]
) -> dict[str, Any]:
    training = get_object_for_user(
        TrainingClass.objects.select_related("organiser"), request.user, pk=training_id
    )
    try:
        result = import_attendance(request.user, training, file)
    except PermissionDenied:
        raise HttpError(403, str(_NO_PERMISSION)) from None
    return {"added": result.added, "already": result.already, "training": _out(training)}
