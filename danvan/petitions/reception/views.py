"""Officer pages of citizen reception: the register and the schedules."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from danvan.core.errors import UserError
from danvan.core.scoping import Action, path_q, permission_name, scope_roots
from danvan.orgs.models import OrgUnit

from ..forms import ReceptionForm, ScheduleForm
from . import services
from .models import ReceptionEntry, ReceptionPlace, ReceptionSchedule


def _units(user: object, model: type) -> object:
    roots = scope_roots(user, permission_name(model, Action.ADD))  # type: ignore[arg-type]
    units = OrgUnit.objects.current()
    return units if roots is None else units.filter(path_q("path", "id", roots))


@login_required
def register(request: HttpRequest) -> HttpResponse:
    qs = ReceptionEntry.objects.visible_to(request.user).select_related(
        "unit", "officer", "petition"
    )
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "petitions/reception/register.html", {"page": page})


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
                request.user,
                services.ReceptionInput(
                    unit=d["unit"],
                    received_on=d["received_on"],
                    person_name=d["person_name"],
                    content=d["content"],
                    handling=d["handling"],
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
    units = _units(request.user, ReceptionSchedule)
    can_add = units.exists()  # type: ignore[attr-defined]
    form = ScheduleForm(
        request.POST or None, units=units, initial={"valid_from": timezone.localdate()}
    )
    if request.method == "POST":
        if not can_add:
            raise PermissionDenied
        if form.is_valid():
            d = form.cleaned_data
            try:
                place = ReceptionPlace.objects.filter(unit=d["unit"], name=d["place_name"]).first()
                if place is None:
                    place = services.add_place(
                        request.user, d["unit"], d["place_name"], d["place_address"]
                    )
                _schedule, found = services.save_schedule(
                    request.user,
                    services.ScheduleInput(
                        unit=d["unit"],
                        place=place,
                        host_role=d["host_role"],
                        host_name=d["host_name"],
                        frequency=d["frequency"],
                        weekday=d["weekday"],
                        week_of_month=d["week_of_month"],
                        valid_from=d["valid_from"],
                    ),
                )
            except UserError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("Schedule saved."))
                for warning in found:
                    messages.warning(request, warning)
                return redirect("petitions:schedules")
    visible = list(
        ReceptionSchedule.objects.visible_to(request.user).select_related("unit", "place")
    )
    today = timezone.localdate()
    units_with = {s.unit for s in visible}
    warnings = {u: services.schedule_warnings(u, today) for u in units_with}
    upcoming = sorted(
        (day, s)
        for s in visible
        for day in services.occurrences(s, today, today + dt.timedelta(days=31))
    )
    return render(
        request,
        "petitions/reception/schedules.html",
        {
            "schedules": visible,
            "warnings": {u: w for u, w in warnings.items() if w},
            "upcoming": upcoming[:40],
            "form": form if can_add else None,
        },
    )
