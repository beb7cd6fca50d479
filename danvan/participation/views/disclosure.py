"""Disclosures, their compliance and the quarterly list."""

from __future__ import annotations

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
from danvan.core.params import int_param, year_param
from danvan.core.scoping import (
    Action,
    get_object_for_user,
    user_can,
)
from danvan.core.uploads import check_upload
from danvan.orgs.models import OrgUnitKind

from .. import compliance as compliance_mod
from .. import forms
from ..models import (
    Disclosure,
)
from ..services import disclosure as disclose
from .common import PAGE_SIZE, _fail, _unit_param, _units


@login_required
def disclosures(request: HttpRequest) -> HttpResponse:
    rows = Disclosure.objects.visible_to(request.user).select_related("owner", "item")
    if (year := year_param(request)) is not None:
        rows = rows.filter(decided_on__year=year)
    page = Paginator(rows.order_by("-decided_on", "-id"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "participation/disclosures.html",
        {"page": page, "can_add": _units(request.user, Disclosure).exists()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def disclosure_new(request: HttpRequest) -> HttpResponse:
    units = _units(request.user, Disclosure)
    if not units.exists():
        raise PermissionDenied
    form = forms.DisclosureForm(request.POST or None, request.FILES or None, units=units)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            evidence = None
            if d["evidence"]:
                evidence = check_upload(disclose.EVIDENCE_UPLOAD, d["evidence"].name, d["evidence"])
            disclosure = disclose.record_disclosure(
                actor=request.user,
                owner=d["owner"],
                item=d["item"],
                title=d["title"],
                decided_on=d["decided_on"],
                document_reference=d["document_reference"],
                text=d["text"],
                channels=[
                    disclose.ChannelInput(
                        d["channel"], d["starts_on"], d["ends_on"], d["place"], evidence
                    )
                ],
            )
        except UserError as exc:
            _fail(request, form, exc)
        else:
            messages.success(request, _("The disclosure was recorded."))
            return redirect("participation:disclosure", pk=disclosure.pk)
    status = 400 if form.errors else 200
    return render(
        request,
        "participation/form.html",
        {"form": form, "title": _("Record a disclosure")},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def disclosure_detail(request: HttpRequest, pk: int) -> HttpResponse:
    disclosure = get_object_for_user(
        Disclosure.objects.select_related("owner", "item"), request.user, pk=pk
    )
    can_change = user_can(request.user, Disclosure, Action.CHANGE, disclosure)
    form = forms.ChannelFields(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        if form.is_valid():
            d = form.cleaned_data
            try:
                evidence = None
                if d["evidence"]:
                    evidence = check_upload(
                        disclose.EVIDENCE_UPLOAD, d["evidence"].name, d["evidence"]
                    )
                disclose.add_channel(
                    actor=request.user,
                    disclosure=disclosure,
                    entry=disclose.ChannelInput(
                        d["channel"], d["starts_on"], d["ends_on"], d["place"], evidence
                    ),
                )
            except UserError as exc:
                _fail(request, form, exc)
            else:
                messages.success(request, _("The channel was added."))
                return redirect("participation:disclosure", pk=disclosure.pk)
    return render(
        request,
        "participation/disclosure.html",
        {
            "disclosure": disclosure,
            "check": compliance_mod.check(disclosure),
            "channels": disclosure.channels.all(),
            "form": form,
            "can_change": can_change,
        },
        status=400 if form.errors else 200,
    )


@login_required
def compliance(request: HttpRequest) -> HttpResponse:
    unit = _unit_param(request, Disclosure)
    year = year_param(request) or timezone.localdate().year
    rows = compliance_mod.rollup(unit, year)
    single = rows[0] if unit.kind == OrgUnitKind.COMMUNE and rows else None
    if single is None and unit.kind != OrgUnitKind.COMMUNE:
        own = compliance_mod.unit_year(unit, year)
    else:
        own = None
    return render(
        request,
        "participation/compliance.html",
        {
            "unit": unit,
            "year": year,
            "rows": rows,
            "single": single,
            "own": own,
            "duties": compliance_mod.annual_duties(unit, year)
            if unit.kind == OrgUnitKind.COMMUNE
            else None,
        },
    )


@login_required
def quarter_list(request: HttpRequest) -> HttpResponse:
    unit = _unit_param(request, Disclosure)
    today = timezone.localdate()
    year = year_param(request) or today.year
    quarter = int_param(request, "quarter", 1, 4) or (today.month - 1) // 3 + 1
    return render(
        request,
        "participation/quarter.html",
        {
            "unit": unit,
            "year": year,
            "quarter": quarter,
            "quarters": [1, 2, 3, 4],
            "rows": compliance_mod.quarter_disclosures(unit, year, quarter),
        },
    )
