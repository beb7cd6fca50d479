"""Officer pages of citizen reception: the register and the schedules."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from danvan.core.errors import UserError, http_status
from danvan.core.lists import listing
from danvan.core.scoping import (
    Action,
    get_object_for_user,
    permission_name,
    units_where,
    user_can,
)

from ..casework.confidentiality import register_line
from ..forms import (
    WEEKDAY_CHOICES,
    ReceptionForm,
    ScheduleEditForm,
    ScheduleEndForm,
    ScheduleForm,
)
from . import services
from .models import Frequency, ReceptionEntry, ReceptionPlace, ReceptionSchedule

#: How far ahead the schedules page lists the coming receptions.
MONTH = dt.timedelta(days=31)


def _units(user: object, model: type) -> object:
    return units_where(user, permission_name(model, Action.ADD))  # type: ignore[arg-type]


@login_required
def register(request: HttpRequest) -> HttpResponse:
    from danvan.petitions.filters import ReceptionFilter

    qs = ReceptionEntry.objects.visible_to(request.user).select_related(
        "unit", "officer", "petition"
    )
    found = listing(request, ReceptionFilter, qs)
    lines = [register_line(request.user, entry) for entry in found.page.object_list]
    # The button leads to a form refused to those who may register no reception anywhere.
    can_add = _units(request.user, ReceptionEntry).exists()  # type: ignore[attr-defined]
    return render(
        request, "petitions/reception/register.html", found.context(lines=lines, can_add=can_add)
    )


@login_required
@require_http_methods(["GET", "POST"])
def reception_new(request: HttpRequest) -> HttpResponse:
    units = _units(request.user, ReceptionEntry)
    if not units.exists():  # type: ignore[attr-defined]
        raise PermissionDenied
    form = ReceptionForm(
        request.POST or None, units=units, initial={"received_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            entry = services.register_reception(
                services.ReceptionInput(
                    unit=d["unit"],
                    received_on=d["received_on"],
                    person_name=d["person_name"],
                    content=d["content"],
                    handling=d["handling"],
                    subject_kind=d["subject_kind"],
                    id_document=d["id_document"],
                    address=d["address"],
                    documents_received=d["documents_received"],
                    receipt_number=d["receipt_number"],
                    group_size=d["group_size"],
                    representatives=d["representatives"],
                    handling_note=d["handling_note"],
                    refusal_ground=d["refusal_ground"],
                    petition_title=d["petition_title"],
                    place_unit=d["unit"] if d["unit"].kind == "commune" else None,
                ),
                actor=request.user,
            )
        except UserError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Reception registered."))
            if entry.petition_id:
                return redirect("petitions:detail", pk=entry.petition_id)
            return redirect("petitions:reception_register")
    return render(request, "petitions/reception/new.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def schedules(request: HttpRequest) -> HttpResponse:
    """The unit's schedules (current, coming and ended), the next 31 days, and the add form."""
    units = _units(request.user, ReceptionSchedule)
    can_add = units.exists()  # type: ignore[attr-defined]
    form = ScheduleForm(
        request.POST or None, units=units, initial={"valid_from": timezone.localdate()}
    )
    status = 200
    if request.method == "POST":
        if not can_add:
            raise PermissionDenied
        if form.is_valid():
            d = form.cleaned_data
            try:
                _schedule, found = services.save_schedule(
                    services.ScheduleInput(
                        unit=d["unit"],
                        place=None,
                        place_name=d["place_name"],
                        place_address=d["place_address"],
                        host_role=d["host_role"],
                        host_name=d["host_name"],
                        frequency=d["frequency"],
                        weekday=d["weekday"],
                        week_of_month=d["week_of_month"],
                        valid_from=d["valid_from"],
                    ),
                    actor=request.user,
                )
            except UserError as exc:
                form.add_error(None, exc.message)
            else:
                return _back_to_schedules(request, _("Schedule saved."), found)
        status = 400
    visible = list(
        ReceptionSchedule.objects.visible_to(request.user).select_related("unit", "place")
    )
    today = timezone.localdate()
    changeable = set(
        ReceptionSchedule.objects.visible_to(request.user, Action.CHANGE)
        .filter(pk__in=[s.pk for s in visible])
        .values_list("pk", flat=True)
    )
    rows = [_row(s, today, s.pk in changeable) for s in visible]
    # Ended schedules stay listed as history, after those in force or still to come.
    rows.sort(key=lambda row: row["ended"])
    units_with = {s.unit for s in visible}
    warnings = services.schedule_warnings_of(units_with, today)
    upcoming = sorted(
        ((day, s) for s in visible for day in services.occurrences(s, today, today + MONTH)),
        key=lambda pair: (pair[0], pair[1].start_time, pair[1].pk),
    )
    return render(
        request,
        "petitions/reception/schedules.html",
        {
            "rows": rows,
            "warnings": {u: w for u, w in warnings.items() if w},
            "upcoming": upcoming[:40],
            "form": form if can_add else None,
            "today": today,
            **_note_context(form["host_role"].value()),
        },
        status=status,
    )


def _back_to_schedules(request: HttpRequest, done: str, warnings: list[str]) -> HttpResponse:
    """To the schedules page, saying what was done and what the legal minimum now lacks."""
    messages.success(request, done)
    for warning in warnings:
        messages.warning(request, warning)
    return redirect("petitions:schedules")


def _when(schedule: ReceptionSchedule) -> str:
    """The day of a schedule in words: «Monday», «Tuesday of week 2», «Friday of the last week»."""
    weekday = str(dict(WEEKDAY_CHOICES).get(schedule.weekday, schedule.weekday))
    if schedule.frequency != Frequency.MONTHLY:
        return weekday
    if schedule.week_of_month == -1:
        return _("%(weekday)s of the last week") % {"weekday": weekday}
    return _("%(weekday)s of week %(week)s") % {
        "weekday": weekday,
        "week": schedule.week_of_month or 1,
    }


def _row(schedule: ReceptionSchedule, today: dt.date, can_change: bool) -> dict[str, Any]:
    ended = schedule.valid_to is not None and schedule.valid_to < today
    if ended:
        state = _("Ended on %(day)s") % {"day": f"{schedule.valid_to:%d/%m/%Y}"}
    elif schedule.valid_from > today:
        state = _("From %(day)s") % {"day": f"{schedule.valid_from:%d/%m/%Y}"}
    elif schedule.valid_to is not None:
        state = _("In force until %(day)s") % {"day": f"{schedule.valid_to:%d/%m/%Y}"}
    else:
        state = _("In force")
    return {
        "s": schedule,
        "when": _when(schedule),
        "ended": ended,
        "state": state,
        "can_change": can_change,
        "end_form": ScheduleEndForm(
            initial={"version": schedule.version, "valid_to": max(today, schedule.valid_from)},
            auto_id=f"end-{schedule.pk}-%s",
        )
        if can_change and not ended
        else None,
    }


def _note_context(host_role: object) -> dict[str, Any]:
    return {"show_host_note": host_role in services.OWN_RECEPTION_ROLES}


def _schedule_for_change(request: HttpRequest, pk: int) -> ReceptionSchedule:
    """The schedule if the user may read it (404 otherwise) and change it (403 otherwise)."""
    schedule = get_object_for_user(
        ReceptionSchedule.objects.select_related("unit", "place"), request.user, pk=pk
    )
    if not user_can(request.user, ReceptionSchedule, Action.CHANGE, schedule):
        raise PermissionDenied
    return schedule


@login_required
@require_http_methods(["GET", "POST"])
def schedule_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a schedule. HTMX loads the form into the schedules page; without JavaScript it
    is a page of its own. Either way the form posts here and returns to the schedules page."""
    schedule = _schedule_for_change(request, pk)
    places = ReceptionPlace.objects.filter(unit=schedule.unit_id).filter(
        Q(is_active=True) | Q(pk=schedule.place_id)
    )
    initial = {
        "version": schedule.version,
        "host_role": schedule.host_role,
        "host_name": schedule.host_name,
        "frequency": schedule.frequency,
        "weekday": schedule.weekday,
        "week_of_month": schedule.week_of_month,
        "place": schedule.place_id,
        "valid_from": schedule.valid_from,
        "valid_to": schedule.valid_to,
        "is_published": schedule.is_published,
    }
    # Its own ids: HTMX shows it on the schedules page next to the add form.
    form = ScheduleEditForm(request.POST or None, places=places, initial=initial, auto_id="edit-%s")
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            d = form.cleaned_data
            try:
                _schedule, found = services.update_schedule(
                    schedule,
                    services.ScheduleChange(
                        host_role=d["host_role"],
                        host_name=d["host_name"],
                        frequency=d["frequency"],
                        weekday=d["weekday"],
                        week_of_month=d["week_of_month"],
                        valid_from=d["valid_from"],
                        valid_to=d["valid_to"],
                        is_published=d["is_published"],
                        place=d["place"],
                        new_place_name=d["new_place_name"],
                        new_place_address=d["new_place_address"],
                    ),
                    d["version"],
                    actor=request.user,
                )
            except UserError as exc:
                form.add_error(None, exc.message)
                status = http_status(exc)
            else:
                return _back_to_schedules(request, _("Schedule updated."), found)
    context = {"schedule": schedule, "form": form, **_note_context(form["host_role"].value())}
    if getattr(request, "htmx", False) and request.method == "GET":
        return render(request, "petitions/reception/_schedule_edit.html", context)
    return render(request, "petitions/reception/schedule_edit.html", context, status=status)


@login_required
@require_POST
def schedule_end(request: HttpRequest, pk: int) -> HttpResponse:
    """End a schedule on the last day given; back to the schedules page with the outcome."""
    schedule = _schedule_for_change(request, pk)
    form = ScheduleEndForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter the last day of the schedule."))
        return redirect("petitions:schedules")
    d = form.cleaned_data
    try:
        ended, found = services.end_schedule(
            schedule, d["valid_to"], d["version"], actor=request.user
        )
    except UserError as exc:
        messages.error(request, exc.message)
    else:
        done = _("Schedule ended: the portal shows it until %(day)s.") % {
            "day": f"{ended.valid_to:%d/%m/%Y}"
        }
        return _back_to_schedules(request, done, found)
    return redirect("petitions:schedules")


@login_required
def schedule_host_note(request: HttpRequest) -> HttpResponse:
    """HTMX: the note on a leader's own reception, for the host chosen in the form."""
    return render(
        request,
        "petitions/reception/_host_note.html",
        _note_context(request.GET.get("host_role", "")),
    )
