"""Citizen reception over the API: the schedules and the register (sổ tiếp công dân).

What the reception pages do, through the same services: integrators sync the register with the
national complaints database. A register line is given exactly as the reader may see it on the
page (:func:`~danvan.petitions.casework.confidentiality.register_line`): for a denunciation the
reader may not know of, who came, what about, their papers and the case it became are withheld
together (Luật Tố cáo 2018 Điều 47).

No ``from __future__ import annotations`` (django-ninja resolves annotations at runtime).
"""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from danvan.core.api_types import Id, Int32, Pagination, model_text
from danvan.core.errors import UserError
from danvan.core.scoping import get_object_for_user
from danvan.orgs.api import UnitRef
from danvan.orgs.models import OrgUnit

from ..casework.confidentiality import register_line
from . import services
from .models import (
    Frequency,
    HostRole,
    ReceptionEntry,
    ReceptionHandling,
    ReceptionPlace,
    ReceptionSchedule,
)

router = Router(tags=["reception"])


class ScheduleOut(Schema):
    id: int
    unit: UnitRef
    place_id: int
    place_name: str
    place_address: str
    host_role: HostRole
    host_name: str
    frequency: Frequency
    weekday: int = Field(..., description="0 = Monday … 6 = Sunday.")
    week_of_month: int | None
    # Local wall-clock times «07:30» (Asia/Ho_Chi_Minh); not an RFC 3339 "time", which needs
    # an offset that a reception hour does not have.
    start_time: str = Field(..., pattern=r"^\d{2}:\d{2}$")
    end_time: str = Field(..., pattern=r"^\d{2}:\d{2}$")
    valid_from: dt.date
    valid_to: dt.date | None
    is_published: bool
    note: str
    version: int


class ScheduleSaved(Schema):
    schedule: ScheduleOut
    warnings: list[str] = Field(..., description="The unit's legal-minimum warnings.")


class ScheduleIn(Schema):
    unit_id: Id
    place_id: Id | None = Field(None, description="One of the unit's places.")
    place_name: model_text(ReceptionPlace, "name") = ""  # type: ignore[valid-type]
    place_address: model_text(ReceptionPlace, "address") = ""  # type: ignore[valid-type]
    host_role: HostRole
    host_name: model_text(ReceptionSchedule, "host_name", min_length=1)  # type: ignore[valid-type]
    frequency: Frequency
    weekday: int = Field(..., ge=0, le=6)
    week_of_month: int | None = Field(None, ge=-1, le=5)
    start_time: dt.time = dt.time(7, 30)
    end_time: dt.time = dt.time(17, 0)
    valid_from: dt.date
    valid_to: dt.date | None = None
    note: model_text(ReceptionSchedule, "note") = ""  # type: ignore[valid-type]


class ScheduleChangeIn(Schema):
    version: Int32
    host_role: HostRole
    host_name: model_text(ReceptionSchedule, "host_name", min_length=1)  # type: ignore[valid-type]
    frequency: Frequency
    weekday: int = Field(..., ge=0, le=6)
    week_of_month: int | None = Field(None, ge=-1, le=5)
    valid_from: dt.date
    valid_to: dt.date | None = None
    is_published: bool = True
    place_id: Id | None = None
    new_place_name: model_text(ReceptionPlace, "name") = ""  # type: ignore[valid-type]
    new_place_address: model_text(ReceptionPlace, "address") = ""  # type: ignore[valid-type]


class ScheduleEndIn(Schema):
    version: Int32
    last_day: dt.date


class EntryOut(Schema):
    id: int
    unit: UnitRef
    received_on: dt.date
    masked: bool = Field(..., description="True when the reader may not know who came.")
    person_name: str
    content: str
    representatives: str
    id_document: str
    address: str
    group_size: int
    handling: ReceptionHandling
    petition_id: int | None


class EntryIn(Schema):
    unit_id: Id
    received_on: dt.date
    person_name: model_text(ReceptionEntry, "person_name", min_length=1)  # type: ignore[valid-type]
    content: model_text(ReceptionEntry, "content", min_length=1)  # type: ignore[valid-type]
    handling: ReceptionHandling
    subject_kind: model_text(ReceptionEntry, "subject_kind") = ""  # type: ignore[valid-type]
    id_document: model_text(ReceptionEntry, "id_document") = ""  # type: ignore[valid-type]
    address: model_text(ReceptionEntry, "address") = ""  # type: ignore[valid-type]
    documents_received: model_text(ReceptionEntry, "documents_received") = ""  # type: ignore[valid-type]
    receipt_number: model_text(ReceptionEntry, "receipt_number") = ""  # type: ignore[valid-type]
    group_size: int = Field(1, ge=1, le=10_000)
    representatives: model_text(ReceptionEntry, "representatives") = ""  # type: ignore[valid-type]
    handling_note: model_text(ReceptionEntry, "handling_note") = ""  # type: ignore[valid-type]
    refusal_ground: model_text(ReceptionEntry, "refusal_ground") = ""  # type: ignore[valid-type]
    petition_title: model_text(ReceptionEntry, "content") = ""  # type: ignore[valid-type]


def _unit(unit_id: int) -> OrgUnit:
    unit = OrgUnit.objects.filter(pk=unit_id).first()
    if unit is None:
        raise UserError(_("No unit has the id %(unit_id)s.") % {"unit_id": unit_id})
    return unit


def _place(unit: OrgUnit, place_id: int | None) -> ReceptionPlace | None:
    if place_id is None:
        return None
    place = ReceptionPlace.objects.filter(pk=place_id, unit=unit).first()
    if place is None:
        raise UserError(_("The citizen reception place does not belong to this unit."))
    return place


def _schedule_out(schedule: ReceptionSchedule) -> dict[str, Any]:
    data = {f: getattr(schedule, f) for f in ScheduleOut.model_fields if hasattr(schedule, f)}
    data["unit"] = schedule.unit
    data["place_id"] = schedule.place_id
    data["place_name"] = schedule.place.name
    data["place_address"] = schedule.place.address
    data["start_time"] = schedule.start_time.strftime("%H:%M")
    data["end_time"] = schedule.end_time.strftime("%H:%M")
    return data


def _entry_out(user: Any, entry: ReceptionEntry) -> dict[str, Any]:
    line = register_line(user, entry)
    return {
        "id": entry.pk,
        "unit": entry.unit,
        "received_on": entry.received_on,
        "masked": line.masked,
        "person_name": line.person_name,
        "content": line.content,
        "representatives": line.representatives,
        # Papers and address name the person as surely as the name does.
        "id_document": "" if line.masked else entry.id_document,
        "address": "" if line.masked else entry.address,
        "group_size": entry.group_size,
        "handling": entry.handling,
        "petition_id": line.petition.pk if line.petition is not None else None,
    }


def _schedule(request: HttpRequest, schedule_id: int) -> ReceptionSchedule:
    return get_object_for_user(
        ReceptionSchedule.objects.select_related("unit", "place"), request.user, pk=schedule_id
    )


@router.get("/schedules", response=list[ScheduleOut], summary="Reception schedules")
@paginate(Pagination)
def list_schedules(request: HttpRequest, unit_id: Id | None = None) -> Any:
    schedules = ReceptionSchedule.objects.visible_to(request.user).select_related("unit", "place")
    if unit_id is not None:
        schedules = schedules.filter(unit_id=unit_id)
    return [_schedule_out(s) for s in schedules.order_by("unit__path", "valid_from", "pk")]


@router.post("/schedules", response={201: ScheduleSaved}, summary="Add a reception schedule")
def post_schedule(request: HttpRequest, payload: ScheduleIn) -> Status[Any]:
    unit = _unit(payload.unit_id)
    data = payload.model_dump(exclude={"unit_id", "place_id"})
    schedule, warnings = services.save_schedule(
        services.ScheduleInput(unit=unit, place=_place(unit, payload.place_id), **data),
        actor=request.user,
    )
    schedule = _schedule(request, schedule.pk)
    return Status(201, {"schedule": _schedule_out(schedule), "warnings": warnings})


@router.put("/schedules/{schedule_id}", response=ScheduleSaved, summary="Change a schedule")
def put_schedule(request: HttpRequest, schedule_id: Id, payload: ScheduleChangeIn) -> Any:
    schedule = _schedule(request, schedule_id)
    data = payload.model_dump(exclude={"version", "place_id"})
    change = services.ScheduleChange(place=_place(schedule.unit, payload.place_id), **data)
    schedule, warnings = services.update_schedule(
        schedule, change, payload.version, actor=request.user
    )
    return {"schedule": _schedule_out(_schedule(request, schedule.pk)), "warnings": warnings}


@router.post("/schedules/{schedule_id}/end", response=ScheduleSaved, summary="End a schedule")
def post_schedule_end(request: HttpRequest, schedule_id: Id, payload: ScheduleEndIn) -> Any:
    schedule = _schedule(request, schedule_id)
    schedule, warnings = services.end_schedule(
        schedule, payload.last_day, payload.version, actor=request.user
    )
    return {"schedule": _schedule_out(_schedule(request, schedule.pk)), "warnings": warnings}


@router.get("/entries", response=list[EntryOut], summary="The reception register")
@paginate(Pagination)
def list_entries(
    request: HttpRequest,
    unit_id: Id | None = None,
    received_from: dt.date | None = None,
    received_to: dt.date | None = None,
) -> Any:
    entries = ReceptionEntry.objects.visible_to(request.user).select_related("unit", "petition")
    if unit_id is not None:
        entries = entries.filter(unit_id=unit_id)
    if received_from is not None:
        entries = entries.filter(received_on__gte=received_from)
    if received_to is not None:
        entries = entries.filter(received_on__lte=received_to)
    return [_entry_out(request.user, e) for e in entries.order_by("-received_on", "-pk")]


@router.post(
    "/entries",
    response={201: EntryOut},
    summary="Write a reception in the register",
    description=(
        "With `handling` = `petition_received` the petition received is registered too "
        "(`petition_title`)."
    ),
)
def post_entry(request: HttpRequest, payload: EntryIn) -> Status[Any]:
    unit = _unit(payload.unit_id)
    data = payload.model_dump(exclude={"unit_id"})
    entry = services.register_reception(
        services.ReceptionInput(
            unit=unit, place_unit=unit if unit.kind == "commune" else None, **data
        ),
        actor=request.user,
    )
    return Status(201, _entry_out(request.user, entry))


@router.get("/entries/{entry_id}", response=EntryOut, summary="One register line")
def get_entry(request: HttpRequest, entry_id: Id) -> dict[str, Any]:
    entry = get_object_for_user(
        ReceptionEntry.objects.select_related("unit", "petition"), request.user, pk=entry_id
    )
    return _entry_out(request.user, entry)
