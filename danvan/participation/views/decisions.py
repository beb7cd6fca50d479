"""The people's decisions and their tally."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from danvan.core.errors import UserError
from danvan.core.scoping import (
    get_object_for_user,
)
from danvan.orgs.models import OrgUnitKind

from .. import forms
from ..models import (
    PeopleDecision,
)
from ..services import decisions as decide
from .common import PAGE_SIZE, _fail, _units


@login_required
def decisions(request: HttpRequest) -> HttpResponse:
    rows = PeopleDecision.objects.visible_to(request.user).select_related("village", "matter")
    page = Paginator(rows.order_by("-held_on", "-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "participation/decisions.html",
        {
            "page": page,
            # A decision is taken in a village: the link only where the official has one.
            "can_add": _units(request.user, PeopleDecision)
            .filter(kind=OrgUnitKind.VILLAGE)
            .exists(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def decision_new(request: HttpRequest) -> HttpResponse:
    villages = _units(request.user, PeopleDecision).filter(kind=OrgUnitKind.VILLAGE)
    if not villages.exists():
        raise PermissionDenied
    form = forms.DecisionForm(request.POST or None, units=villages)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            decision = decide.record_decision(actor=request.user, **d)
        except UserError as exc:
            _fail(request, form, exc)
        else:
            return redirect("participation:decision", pk=decision.pk)
    return render(
        request,
        "participation/form.html",
        {"form": form, "title": _("Record a decision of the people")},
        status=400 if form.errors else 200,
    )


@login_required
def decision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    decision = get_object_for_user(
        PeopleDecision.objects.select_related("village", "matter"), request.user, pk=pk
    )
    return render(
        request,
        "participation/decision.html",
        {
            "decision": decision,
            "tally": decision.tally(),
            "recognition_due": decision.recognition_due(),
        },
    )
