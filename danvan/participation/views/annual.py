"""The commune's yearly duties to the people, and its year-end community meetings."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from danvan.core.errors import UserError
from danvan.core.params import year_param
from danvan.orgs.models import OrgUnit, OrgUnitKind

from .. import compliance as compliance_mod
from .. import forms
from ..models import YearEndMeeting
from ..services import annual as annual_services
from .common import _fail, _unit_param, _units


@login_required
@require_http_methods(["GET", "POST"])
def annual(request: HttpRequest) -> HttpResponse:
    unit = _unit_param(request, YearEndMeeting)
    year = year_param(request) or timezone.localdate().year
    units = _units(request.user, YearEndMeeting).filter(kind=OrgUnitKind.COMMUNE)
    villages = (
        OrgUnit.objects.current()
        .filter(parent__in=units, kind=OrgUnitKind.VILLAGE)
        .order_by("path")
    )
    form = forms.YearEndMeetingForm(
        request.POST or None,
        units=units,
        villages=villages,
        initial={"owner": unit if unit.kind == OrgUnitKind.COMMUNE else None},
    )
    if request.method == "POST":
        if not units.exists():
            raise PermissionDenied
        if form.is_valid():
            try:
                meeting = annual_services.record_year_end_meeting(
                    actor=request.user, **form.cleaned_data
                )
            except UserError as exc:
                _fail(request, form, exc)
            else:
                return redirect(
                    f"{request.path}?unit={meeting.owner_id}&year={meeting.held_on.year}"
                )
    meetings = (
        YearEndMeeting.objects.visible_to(request.user)
        .filter(held_on__year=year)
        .select_related("owner", "village")
        .order_by("-held_on", "id")[:200]
    )
    return render(
        request,
        "participation/annual.html",
        {
            "unit": unit,
            "year": year,
            "duties": compliance_mod.annual_duties(unit, year)
            if unit.kind == OrgUnitKind.COMMUNE
            else None,
            "meetings": meetings,
            "form": form if units.exists() else None,
        },
        status=400 if form.errors else 200,
    )
