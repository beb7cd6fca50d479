"""Reception services: schedules (with the legal minimum check), iCalendar, the register."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from danvan.core.audit import acting_as
from danvan.core.errors import UserError
from danvan.core.scoping import Action, path_q, permission_name, scope_roots
from danvan.orgs.models import OrgUnit

from ..casework import services as petition_services
from .models import (
    Frequency,
    HostRole,
    ReceptionEntry,
    ReceptionHandling,
    ReceptionPlace,
    ReceptionRequirement,
    ReceptionSchedule,
    RefusalGround,
)

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
GROUP_SIZE = 5


def _can(user: Any, model: type, unit: OrgUnit, action: str = Action.ADD) -> bool:
    roots = scope_roots(user, permission_name(model, action))
    if roots is None:
        return True
    if not roots:
        return False
    return OrgUnit.objects.filter(pk=unit.pk).filter(path_q("path", "id", roots)).exists()


# --- schedules ---------------------------------------------------------------------------------


def occurrences(schedule: ReceptionSchedule, start: dt.date, end: dt.date) -> list[dt.date]:
    """Days in [start, end] on which ``schedule`` holds a reception."""
    first = max(start, schedule.valid_from)
    last = min(end, schedule.valid_to) if schedule.valid_to else end
    days: list[dt.date] = []
    if first > last:
        return days
    if schedule.frequency == Frequency.WEEKLY:
        day = first + dt.timedelta(days=(schedule.weekday - first.weekday()) % 7)
        while day <= last:
            days.append(day)
            day += dt.timedelta(days=7)
        return days
    year, month = first.year, first.month
    while dt.date(year, month, 1) <= last:
        weeks = [
            w[schedule.weekday]
            for w in calendar.Calendar().monthdatescalendar(year, month)
            if w[schedule.weekday].month == month
        ]
        n = schedule.week_of_month or 1
        day = weeks[-1] if n == -1 else weeks[min(n, len(weeks)) - 1]
        if first <= day <= last:
            days.append(day)
        month += 1
        if month == 13:
            year, month = year + 1, 1
    return days


def schedule_warnings(unit: OrgUnit, on: dt.date | None = None) -> list[str]:
    """Vietnamese warnings when the leaders' reception days of ``unit`` fall short of the law."""
    day = on or timezone.localdate()
    schedules = [
        s
        for s in ReceptionSchedule.objects.filter(unit=unit)
        if s.valid_from <= day and (s.valid_to is None or s.valid_to >= day)
    ]
    warnings = []
    for req in ReceptionRequirement.objects.all():
        if not _requirement_applies(req.host_role, unit):
            continue
        mine = [s for s in schedules if s.host_role == req.host_role]
        per_week = sum(
            s.days_per_occurrence * (1 if s.frequency == Frequency.WEEKLY else 0) for s in mine
        )
        per_month = sum(
            s.days_per_occurrence * (4 if s.frequency == Frequency.WEEKLY else 1) for s in mine
        )
        have = per_week if req.period == Frequency.WEEKLY else per_month
        if have < req.min_days:
            warnings.append(
                f"{req.get_host_role_display()}: lịch hiện có {have} ngày/"
                f"{'tuần' if req.period == Frequency.WEEKLY else 'tháng'}, ít hơn mức tối thiểu "
                f"{req.min_days} ngày theo {req.legal_basis}."
            )
    return warnings


def _requirement_applies(role: str, unit: OrgUnit) -> bool:
    kind = unit.kind
    if role == HostRole.COMMUNE_CHAIRMAN:
        return kind == "commune"
    if role == HostRole.PROVINCE_CHAIRMAN:
        return kind == "province"
    if role == HostRole.AGENCY_HEAD:
        return kind == "department"
    return False


@dataclass
class ScheduleInput:
    unit: OrgUnit
    place: ReceptionPlace
    host_role: str
    host_name: str
    frequency: str
    weekday: int
    valid_from: dt.date
    week_of_month: int | None = None
    start_time: dt.time = dt.time(7, 30)
    end_time: dt.time = dt.time(17, 0)
    valid_to: dt.date | None = None
    note: str = ""


@transaction.atomic
def save_schedule(actor: Any, data: ScheduleInput) -> tuple[ReceptionSchedule, list[str]]:
    """Create a schedule; returns it and the warnings of its unit (legal minimum)."""
    if actor is not None and not _can(actor, ReceptionSchedule, data.unit):
        raise PermissionDenied
    if data.place.unit_id != data.unit.pk:
        raise UserError("Địa điểm tiếp công dân không thuộc đơn vị này.")
    if not (data.host_name or "").strip():
        raise UserError("Thiếu người chủ trì tiếp công dân.")
    if data.host_role not in HostRole.values or data.frequency not in Frequency.values:
        raise UserError("Người chủ trì hoặc tần suất không hợp lệ.")
    if not 0 <= int(data.weekday) <= 6:
        raise UserError("Thứ trong tuần không hợp lệ.")
    if data.frequency == Frequency.MONTHLY and data.week_of_month not in (1, 2, 3, 4, -1):
        raise UserError("Lịch hằng tháng cần chọn tuần thứ 1–4 hoặc tuần cuối.")
    if data.end_time <= data.start_time:
        raise UserError("Giờ kết thúc phải sau giờ bắt đầu.")
    if data.valid_to and data.valid_to < data.valid_from:
        raise UserError("Ngày hết hiệu lực phải sau ngày bắt đầu.")
    with acting_as(actor):
        schedule = ReceptionSchedule.objects.create(
            unit=data.unit,
            place=data.place,
            host_role=data.host_role,
            host_name=data.host_name.strip(),
            frequency=data.frequency,
            weekday=data.weekday,
            week_of_month=data.week_of_month if data.frequency == Frequency.MONTHLY else None,
            start_time=data.start_time,
            end_time=data.end_time,
            valid_from=data.valid_from,
            valid_to=data.valid_to,
            note=data.note,
        )
    return schedule, schedule_warnings(data.unit)


def icalendar_feed(schedules: list[ReceptionSchedule], start: dt.date, end: dt.date) -> bytes:
    """An iCalendar (RFC 5545) feed of the receptions between ``start`` and ``end``."""
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//Dan Van//Lich tiep cong dan//VI")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "Lịch tiếp công dân")
    cal.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    stamp = timezone.now()
    for schedule in schedules:
        for day in occurrences(schedule, start, end):
            event = Event()
            event.add("uid", f"reception-{schedule.pk}-{day:%Y%m%d}@danvan")
            event.add("dtstamp", stamp)
            event.add("dtstart", dt.datetime.combine(day, schedule.start_time, TZ))
            event.add("dtend", dt.datetime.combine(day, schedule.end_time, TZ))
            event.add("summary", f"Tiếp công dân: {schedule.host_name}")
            event.add("location", f"{schedule.place.name}, {schedule.place.address}")
            event.add("description", f"{schedule.unit.name}. {schedule.note}".strip())
            cal.add_component(event)
    return cal.to_ical()


# --- the register ----------------------------------------------------------------------------


@dataclass
class ReceptionInput:
    unit: OrgUnit
    received_on: dt.date
    person_name: str
    content: str
    handling: str
    place: ReceptionPlace | None = None
    schedule: ReceptionSchedule | None = None
    id_document: str = ""
    address: str = ""
    documents_received: str = ""
    receipt_number: str = ""
    group_size: int = 1
    representatives: str = ""
    handling_note: str = ""
    refusal_ground: str = ""
    create_petition: bool = False
    petition_title: str = ""
    place_unit: OrgUnit | None = None


@transaction.atomic
def register_reception(actor: Any, data: ReceptionInput) -> ReceptionEntry:
    """Write one reception in the register; optionally register the petition received."""
    if not _can(actor, ReceptionEntry, data.unit):
        raise PermissionDenied
    if not (data.person_name or "").strip():
        raise UserError("Thiếu họ tên người được tiếp (bắt buộc).")
    if not (data.content or "").strip():
        raise UserError("Thiếu nội dung trình bày (bắt buộc).")
    if data.received_on is None:
        raise UserError("Thiếu ngày tiếp (bắt buộc).")
    if data.received_on > timezone.localdate():
        raise UserError(f"Ngày tiếp ({data.received_on:%d/%m/%Y}) không được ở sau hôm nay.")
    if data.handling not in ReceptionHandling.values:
        raise UserError("Chọn cách xử lý việc tiếp công dân.")
    if data.group_size < 1:
        raise UserError("Số người phải từ 1 trở lên.")
    if data.group_size >= GROUP_SIZE and not (data.representatives or "").strip():
        raise UserError(
            "Đoàn đông người (từ 5 người trở lên) phải cử người đại diện; ghi họ tên người đại "
            "diện."
        )
    if data.handling == ReceptionHandling.REFUSED:
        if data.refusal_ground not in RefusalGround.values:
            raise UserError(
                "Từ chối tiếp công dân phải nêu căn cứ theo Điều 9 Luật Tiếp công dân 2013."
            )
    elif data.refusal_ground:
        raise UserError("Chỉ ghi căn cứ từ chối khi từ chối tiếp.")
    if data.documents_received.strip() and not data.receipt_number.strip():
        raise UserError("Đã nhận giấy tờ, tài liệu thì phải ghi số giấy biên nhận.")
    petition = None
    if data.create_petition or data.handling == ReceptionHandling.PETITION_RECEIVED:
        petition = petition_services.intake(
            actor,
            petition_services.PetitionInput(
                handling_unit=data.unit,
                title=(data.petition_title or data.content)[:255],
                content=data.content,
                received_on=data.received_on,
                source="reception",
                place=data.place_unit,
                petitioner_name=data.person_name,
                petitioner_id_number=data.id_document.split(":")[-1].strip().replace(" ", ""),
                petitioner_address=data.address,
                crowd_size=data.group_size,
            ),
        )
    with acting_as(actor):
        return ReceptionEntry.objects.create(
            unit=data.unit,
            place=data.place,
            schedule=data.schedule,
            received_on=data.received_on,
            person_name=data.person_name.strip(),
            id_document=data.id_document.strip(),
            address=data.address.strip(),
            content=data.content.strip(),
            documents_received=data.documents_received.strip(),
            receipt_number=data.receipt_number.strip(),
            group_size=data.group_size,
            representatives=data.representatives.strip(),
            handling=data.handling,
            handling_note=data.handling_note.strip(),
            refusal_ground=data.refusal_ground,
            officer=actor,
            petition=petition,
        )


@transaction.atomic
def add_place(
    actor: Any, unit: OrgUnit, name: str, address: str, phone: str = ""
) -> ReceptionPlace:
    if actor is not None and not _can(actor, ReceptionPlace, unit):
        raise PermissionDenied
    if not name.strip() or not address.strip():
        raise UserError("Địa điểm tiếp công dân cần tên và địa chỉ.")
    with acting_as(actor):
        return ReceptionPlace.objects.create(
            unit=unit, name=name.strip(), address=address.strip(), phone=phone.strip()
        )
