"""Reception services: schedules (with the legal minimum check), iCalendar, the register."""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.audit import acting_as, user_of
from danvan.core.errors import UserError
from danvan.core.scoping import Action, holds_at, permission_name, user_can
from danvan.deadlines.thresholds import CROWD_SIZE, threshold
from danvan.orgs.models import OrgUnit

from ..casework import services as petition_services
from ..casework.models import PetitionKind
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


def _can(user: Any, model: type, unit: OrgUnit, action: str = Action.ADD) -> bool:
    return holds_at(user, permission_name(model, action), unit)


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
    return schedule_warnings_of([unit], on)[unit]


def schedule_warnings_of(
    units: Iterable[OrgUnit], on: dt.date | None = None
) -> dict[OrgUnit, list[str]]:
    """:func:`schedule_warnings` of each unit, with two queries however many units (the
    schedules page lists every unit of a province's schedules and ran two per unit)."""
    day = on or timezone.localdate()
    units = list(units)
    requirements = list(ReceptionRequirement.objects.all())
    in_force: dict[int, list[ReceptionSchedule]] = defaultdict(list)
    for s in ReceptionSchedule.objects.filter(unit__in=units):
        if s.valid_from <= day and (s.valid_to is None or s.valid_to >= day):
            in_force[s.unit_id].append(s)
    return {u: _warnings(u, in_force[u.pk], requirements) for u in units}


def _warnings(
    unit: OrgUnit, schedules: list[ReceptionSchedule], requirements: list[ReceptionRequirement]
) -> list[str]:
    warnings = []
    for req in requirements:
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
            text = (
                _(
                    "%(host)s: the schedule has %(have)s days a week, fewer than the minimum of "
                    "%(min)s days under %(basis)s."
                )
                if req.period == Frequency.WEEKLY
                else _(
                    "%(host)s: the schedule has %(have)s days a month, fewer than the minimum of "
                    "%(min)s days under %(basis)s."
                )
            )
            warnings.append(
                text
                % {
                    "host": req.get_host_role_display(),
                    "have": have,
                    "min": req.min_days,
                    "basis": req.legal_basis,
                }
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


#: Host roles that are a leader's own reception days (tiếp công dân định kỳ của người đứng đầu).
#: From 01/7/2026 (Luật số 136/2025/QH15 amending Luật Tiếp công dân) the head may no longer
#: delegate these days to a deputy; the forms say so, nothing more is enforced.
OWN_RECEPTION_ROLES = frozenset(
    {HostRole.COMMUNE_CHAIRMAN, HostRole.PROVINCE_CHAIRMAN, HostRole.AGENCY_HEAD}
)


@dataclass
class ScheduleInput:
    """A new schedule. ``place`` is an existing place of ``unit``; when it is None the place
    named ``place_name`` in the unit is used, created with ``place_address`` if missing."""

    unit: OrgUnit
    place: ReceptionPlace | None
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
    place_name: str = ""
    place_address: str = ""


def _check_schedule(
    *,
    host_role: str,
    host_name: str,
    frequency: str,
    weekday: int,
    week_of_month: int | None,
    start_time: dt.time,
    end_time: dt.time,
    valid_from: dt.date | None,
    valid_to: dt.date | None,
) -> None:
    """Every rule of a schedule's shape, checked before anything is written."""
    if not (host_name or "").strip():
        raise UserError(_("The person presiding over the citizen reception is missing."))
    if len(host_name.strip()) > 200:
        raise UserError(
            _("The name and title of the presiding person are longer than 200 characters.")
        )
    if host_role not in HostRole.values or frequency not in Frequency.values:
        raise UserError(_("The presiding person or the frequency is not valid."))
    if weekday is None or not 0 <= int(weekday) <= 6:
        raise UserError(_("The day of the week is not valid."))
    if frequency == Frequency.MONTHLY and week_of_month not in (1, 2, 3, 4, -1):
        raise UserError(_("A monthly schedule needs the 1st–4th or the last week."))
    if end_time <= start_time:
        raise UserError(_("The end time must be after the start time."))
    if valid_from is None:
        raise UserError(_("The date the schedule starts to apply is missing."))
    if valid_to is not None and valid_to < valid_from:
        raise UserError(
            _(
                "The schedule's end date (%(valid_to)s) cannot be before the date it "
                "starts to apply (%(valid_from)s)."
            )
            % {
                "valid_to": format(valid_to, "%d/%m/%Y"),
                "valid_from": format(valid_from, "%d/%m/%Y"),
            }
        )


def _place_for(
    actor: Any, unit: OrgUnit, place: ReceptionPlace | None, name: str, address: str
) -> ReceptionPlace:
    """The place a schedule is held at: the one given (it must be the unit's), or the unit's
    place of that name, created when there is none (inside the caller's transaction)."""
    if place is not None:
        if place.unit_id != unit.pk:
            raise UserError(_("The citizen reception place does not belong to this unit."))
        return place
    name = (name or "").strip()
    if not name:
        raise UserError(_("Choose or enter the citizen reception place."))
    existing = ReceptionPlace.objects.filter(unit=unit, name=name).first()
    if existing is not None:
        return existing
    return add_place(unit, name, address or "", actor=actor)


@transaction.atomic
def save_schedule(data: ScheduleInput, *, actor: Any) -> tuple[ReceptionSchedule, list[str]]:
    """Create a schedule; returns it and the warnings of its unit (legal minimum)."""
    if not _can(actor, ReceptionSchedule, data.unit):
        raise PermissionDenied
    _check_schedule(
        host_role=data.host_role,
        host_name=data.host_name,
        frequency=data.frequency,
        weekday=data.weekday,
        week_of_month=data.week_of_month,
        start_time=data.start_time,
        end_time=data.end_time,
        valid_from=data.valid_from,
        valid_to=data.valid_to,
    )
    place = _place_for(actor, data.unit, data.place, data.place_name, data.place_address)
    with acting_as(actor):
        schedule = ReceptionSchedule.objects.create(
            unit=data.unit,
            place=place,
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


@dataclass
class ScheduleChange:
    """The editable part of a schedule. The place is ``place`` (one of the unit's places; None
    keeps the current one) or, when ``new_place_name`` is given, the unit's place of that name,
    created with ``new_place_address`` when there is none."""

    host_role: str
    host_name: str
    frequency: str
    weekday: int
    valid_from: dt.date
    week_of_month: int | None = None
    valid_to: dt.date | None = None
    is_published: bool = True
    place: ReceptionPlace | None = None
    new_place_name: str = ""
    new_place_address: str = ""


def _locked_for_change(actor: Any, schedule: ReceptionSchedule) -> ReceptionSchedule:
    """The schedule's current row, locked; PermissionDenied outside the actor's change scope."""
    locked = (
        ReceptionSchedule.objects.select_for_update(of=("self",))
        .select_related("unit", "place")
        .get(pk=schedule.pk)
    )
    if not user_can(actor, ReceptionSchedule, Action.CHANGE, locked):
        raise PermissionDenied
    return locked


def _warnings_after(schedule: ReceptionSchedule) -> list[str]:
    """The unit's legal-minimum warnings today and, for a schedule ending later, the day after
    its last day (when the shortfall it leaves begins)."""
    today = timezone.localdate()
    found = schedule_warnings(schedule.unit, today)
    if schedule.valid_to is not None and schedule.valid_to >= today:
        after = schedule.valid_to + dt.timedelta(days=1)
        found += [
            _("From %(day)s: %(warning)s") % {"day": f"{after:%d/%m/%Y}", "warning": w}
            for w in schedule_warnings(schedule.unit, after)
            if w not in found
        ]
    return found


_EDITABLE = (
    "place_id",
    "host_role",
    "host_name",
    "frequency",
    "weekday",
    "week_of_month",
    "valid_from",
    "valid_to",
    "is_published",
)


@transaction.atomic
def update_schedule(
    schedule: ReceptionSchedule, data: ScheduleChange, version: int | None, *, actor: Any
) -> tuple[ReceptionSchedule, list[str]]:
    """Change a schedule (host, frequency, day, place, validity, publication).

    Refused with a Vietnamese message when the page was stale (``version``) or the input is
    bad, and nothing is written then. Returns the schedule and its unit's legal-minimum
    warnings as they stand after the change.
    """
    schedule = _locked_for_change(actor, schedule)
    schedule.check_version(version)
    _check_schedule(
        host_role=data.host_role,
        host_name=data.host_name,
        frequency=data.frequency,
        weekday=data.weekday,
        week_of_month=data.week_of_month,
        start_time=schedule.start_time,
        end_time=schedule.end_time,
        valid_from=data.valid_from,
        valid_to=data.valid_to,
    )
    if (data.new_place_name or "").strip():
        if not (data.new_place_address or "").strip():
            raise UserError(_("A new citizen reception place needs both a name and an address."))
        place = _place_for(actor, schedule.unit, None, data.new_place_name, data.new_place_address)
    else:
        place = _place_for(actor, schedule.unit, data.place or schedule.place, "", "")
    before = [getattr(schedule, field) for field in _EDITABLE]
    schedule.place = place
    schedule.host_role = data.host_role
    schedule.host_name = data.host_name.strip()
    schedule.frequency = data.frequency
    schedule.weekday = int(data.weekday)
    schedule.week_of_month = data.week_of_month if data.frequency == Frequency.MONTHLY else None
    schedule.valid_from = data.valid_from
    schedule.valid_to = data.valid_to
    schedule.is_published = data.is_published
    if [getattr(schedule, field) for field in _EDITABLE] != before:
        # A form sent back unchanged is not a new version (nor an audit entry).
        schedule.bump_version()
        with acting_as(actor):
            schedule.save()
    return schedule, _warnings_after(schedule)


@transaction.atomic
def end_schedule(
    schedule: ReceptionSchedule, last_day: dt.date | None, version: int | None, *, actor: Any
) -> tuple[ReceptionSchedule, list[str]]:
    """End a schedule: ``last_day`` is its last day of reception (inclusive).

    The schedule stays in the unit's records (and its register entries keep pointing at it);
    the portal and the iCalendar feed stop showing it after ``last_day``. Returns it with the
    unit's legal-minimum warnings, including those that start the day after ``last_day``.
    """
    schedule = _locked_for_change(actor, schedule)
    schedule.check_version(version)
    if last_day is None:
        raise UserError(_("Enter the last day the schedule applies."))
    today = timezone.localdate()
    if schedule.valid_to is not None and schedule.valid_to < today:
        raise UserError(
            _("This schedule ended on %(valid_to)s; to change it use «Edit».")
            % {"valid_to": format(schedule.valid_to, "%d/%m/%Y")}
        )
    if last_day < schedule.valid_from:
        raise UserError(
            _(
                "The schedule's end date (%(valid_to)s) cannot be before the date it "
                "starts to apply (%(valid_from)s)."
            )
            % {
                "valid_to": format(last_day, "%d/%m/%Y"),
                "valid_from": format(schedule.valid_from, "%d/%m/%Y"),
            }
        )
    schedule.valid_to = last_day
    schedule.bump_version()
    with acting_as(actor):
        schedule.save()
    return schedule, _warnings_after(schedule)


def icalendar_feed(schedules: list[ReceptionSchedule], start: dt.date, end: dt.date) -> bytes:
    """An iCalendar (RFC 5545) feed of the receptions between ``start`` and ``end``.

    The events of one schedule differ only in their day, so each schedule's event is built and
    serialised by the iCalendar library once and its day-dependent lines (start, end, UID)
    rewritten for each later day: building every event through the library cost about 0.1 ms
    an event (160 ms for the demo's 700 events; a country's schedules give a hundred times
    more). The bytes are those the library writes for each event.
    """
    from icalendar import Calendar

    cal = Calendar()
    cal.add("prodid", "-//Dan Van//Lich tiep cong dan//VI")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", _("Citizen reception calendar"))
    cal.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    stamp = timezone.now()
    events: list[bytes] = []
    for schedule in schedules:
        days = occurrences(schedule, start, end)
        if not days:
            continue
        if not events:
            # A VTIMEZONE block for Asia/Ho_Chi_Minh, so calendar programs that do not know the
            # IANA name still place the receptions at the right hour (RFC 5545, 3.6.5).
            cal.add_component(_event(schedule, days[0], stamp))
            cal.add_missing_timezones()
            cal.subcomponents = [c for c in cal.subcomponents if c.name == "VTIMEZONE"]
        lines = _event(schedule, days[0], stamp).to_ical().rstrip(b"\r\n").split(b"\r\n")
        first = f"{days[0]:%Y%m%d}".encode()
        uid_end = first + b"@danvan"
        for day in days:
            this = f"{day:%Y%m%d}".encode()
            for line in lines:
                if line.startswith((b"DTSTART;", b"DTEND;")):
                    line = line.replace(first, this)  # noqa: PLW2901 (a TZID and a time only)
                elif line.startswith(b"UID:") and line.endswith(uid_end):
                    line = line[: -len(uid_end)] + this + b"@danvan"  # noqa: PLW2901
                events.append(line)
    body = cal.to_ical()
    closing = b"END:VCALENDAR\r\n"
    assert body.endswith(closing)
    if not events:
        return body
    return body[: -len(closing)] + b"\r\n".join(events) + b"\r\n" + closing


def _event(schedule: ReceptionSchedule, day: dt.date, stamp: dt.datetime) -> Any:
    from icalendar import Event

    event = Event()
    event.add("uid", f"reception-{schedule.pk}-{day:%Y%m%d}@danvan")
    event.add("dtstamp", stamp)
    event.add("dtstart", dt.datetime.combine(day, schedule.start_time, TZ))
    event.add("dtend", dt.datetime.combine(day, schedule.end_time, TZ))
    event.add("summary", _("Citizen reception: %(host)s") % {"host": schedule.host_name})
    event.add("location", f"{schedule.place.name}, {schedule.place.address}")
    event.add("description", f"{schedule.unit.name}. {schedule.note}".strip())
    return event


# --- the register ----------------------------------------------------------------------------


@dataclass
class ReceptionInput:
    unit: OrgUnit
    received_on: dt.date
    person_name: str
    content: str
    handling: str
    subject_kind: str = ""
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
def register_reception(data: ReceptionInput, *, actor: Any) -> ReceptionEntry:
    """Write one reception in the register; optionally register the petition received."""
    if not _can(actor, ReceptionEntry, data.unit):
        raise PermissionDenied
    if not (data.person_name or "").strip():
        raise UserError(_("The full name of the person received is missing (required)."))
    if not (data.content or "").strip():
        raise UserError(_("The matter presented is missing (required)."))
    if data.received_on is None:
        raise UserError(_("The reception date is missing (required)."))
    if data.received_on > timezone.localdate():
        raise UserError(
            _("The reception date (%(received_on)s) cannot be after today.")
            % {"received_on": format(data.received_on, "%d/%m/%Y")}
        )
    if data.handling not in ReceptionHandling.values:
        raise UserError(_("Choose how the reception was handled."))
    if data.subject_kind and data.subject_kind not in PetitionKind.values:
        raise UserError(_("The kind of matter is not valid."))
    if data.group_size < 1:
        raise UserError(_("The number of people must be 1 or more."))
    if data.group_size > petition_services.MAX_CROWD_SIZE:
        raise UserError(_("The number of people received is too large; check the number entered."))
    crowd = threshold(CROWD_SIZE)  # Điều 30 Luật Tiếp công dân 2013, a data row
    if data.group_size >= crowd and not (data.representatives or "").strip():
        raise UserError(
            _(
                "A crowd (%(crowd)s people or more) must send representatives; write "
                "the representatives' full names."
            )
            % {"crowd": crowd}
        )
    if data.handling == ReceptionHandling.REFUSED:
        if data.refusal_ground not in RefusalGround.values:
            raise UserError(
                _(
                    "A refusal to receive a citizen must state its ground under Article 9 "
                    "of the Law on Citizen Reception 2013."
                )
            )
    elif data.refusal_ground:
        raise UserError(_("A ground for refusal is written only when the reception is refused."))
    if data.documents_received.strip() and not data.receipt_number.strip():
        raise UserError(
            _("When papers or documents were received, the receipt number must be written.")
        )
    petition = None
    if data.create_petition or data.handling == ReceptionHandling.PETITION_RECEIVED:
        petition = petition_services.intake(
            petition_services.PetitionInput(
                handling_unit=data.unit,
                title=(data.petition_title or data.content)[:255],
                content=data.content,
                received_on=data.received_on,
                source="reception",
                kind=data.subject_kind,
                place=data.place_unit,
                petitioner_name=data.person_name,
                petitioner_id_number=data.id_document.split(":")[-1].strip().replace(" ", ""),
                petitioner_address=data.address,
                crowd_size=data.group_size,
            ),
            actor=actor,
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
            subject_kind=data.subject_kind,
            handling_note=data.handling_note.strip(),
            refusal_ground=data.refusal_ground,
            officer=user_of(actor),
            petition=petition,
        )


@transaction.atomic
def add_place(
    unit: OrgUnit, name: str, address: str, phone: str = "", *, actor: Any
) -> ReceptionPlace:
    if not _can(actor, ReceptionPlace, unit):
        raise PermissionDenied
    if not name.strip() or not address.strip():
        raise UserError(_("A citizen reception place needs a name and an address."))
    with acting_as(actor):
        return ReceptionPlace.objects.create(
            unit=unit, name=name.strip(), address=address.strip(), phone=phone.strip()
        )
