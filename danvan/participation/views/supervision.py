"""Front supervision rounds and recommendations."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from danvan.core.errors import UserError, http_status
from danvan.core.lists import listing, render_list
from danvan.core.scoping import (
    Action,
    get_object_for_user,
    holds_at,
    permission_name,
    user_can,
)
from danvan.orgs.models import OrgUnit

from .. import forms
from ..filters import RecommendationFilter
from ..models import (
    SupervisionRecommendation,
    SupervisionRound,
)
from ..services import supervision as supervise
from .common import _fail, _units


@login_required
def supervision(request: HttpRequest) -> HttpResponse:
    """Supervision rounds, and the recommendations filtered by ``state`` as the dashboard
    tile counts them (those made by the official's Front and those their units must answer)."""
    today = timezone.localdate()
    rounds = SupervisionRound.objects.visible_to(request.user).select_related(
        "owner", "supervised_unit"
    )
    recommendations = SupervisionRecommendation.objects.visible_to(request.user).select_related(
        "answering_unit", "supervision_round"
    )
    found = listing(request, RecommendationFilter, recommendations)
    context = found.context(
        rounds=rounds[:100],
        today=today,
        can_add=_units(request.user, SupervisionRound).exists(),
    )
    return render_list(
        request,
        "participation/supervision.html",
        "participation/_recommendation_rows.html",
        context,
    )


@login_required
@require_http_methods(["GET", "POST"])
def round_new(request: HttpRequest) -> HttpResponse:
    units = _units(request.user, SupervisionRound)
    if not units.exists():
        raise PermissionDenied
    targets = OrgUnit.objects.current().visible_to(request.user).order_by("path")
    form = forms.RoundForm(request.POST or None, units=units, targets=targets)
    if request.method == "POST" and form.is_valid():
        try:
            round_ = supervise.create_round(actor=request.user, **form.cleaned_data)
        except UserError as exc:
            _fail(request, form, exc)
        else:
            return redirect("participation:round", pk=round_.pk)
    return render(
        request,
        "participation/form.html",
        {"form": form, "title": _("Record a supervision round")},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = get_object_for_user(
        SupervisionRound.objects.select_related("owner", "supervised_unit"), request.user, pk=pk
    )
    can_add = holds_at(
        request.user, permission_name(SupervisionRecommendation, Action.ADD), round_.owner
    )
    from danvan.core.scoping import subtree_upper_bound

    targets = (
        OrgUnit.objects.current()
        .filter(
            path__gte=round_.supervised_unit.path,
            path__lt=subtree_upper_bound(round_.supervised_unit.path),
        )
        .order_by("path")
    )
    form = forms.RecommendationForm(
        request.POST or None,
        units=targets,
        initial={"answering_unit": round_.supervised_unit, "made_on": timezone.localdate()},
    )
    if request.method == "POST":
        if not can_add:
            raise PermissionDenied
        if form.is_valid():
            try:
                supervise.add_recommendation(
                    actor=request.user, supervision_round=round_, **form.cleaned_data
                )
            except UserError as exc:
                _fail(request, form, exc)
            else:
                return redirect("participation:round", pk=pk)
    today = timezone.localdate()
    return render(
        request,
        "participation/round.html",
        {
            "round": round_,
            "recommendations": round_.recommendations.select_related("answering_unit"),
            "form": form,
            "can_add": can_add,
            "today": today,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def recommendation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    recommendation = get_object_for_user(
        SupervisionRecommendation.objects.select_related(
            "answering_unit", "supervision_round__owner"
        ),
        request.user,
        pk=pk,
    )
    can_answer = holds_at(
        request.user,
        permission_name(SupervisionRecommendation, Action.CHANGE),
        recommendation.answering_unit,
    )
    form = forms.RecommendationAnswerForm(
        request.POST or None,
        initial={
            "version": recommendation.version,
            "answer": recommendation.answer,
            "answered_on": recommendation.answered_on or timezone.localdate(),
            "state": recommendation.state if recommendation.answered_on else "answered",
        },
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            d = form.cleaned_data
            try:
                supervise.answer_recommendation(
                    actor=request.user,
                    recommendation=recommendation,
                    answer=d["answer"],
                    state=d["state"],
                    version=d["version"],
                    on=d["answered_on"],
                )
            except UserError as exc:
                _fail(request, form, exc)
                status = http_status(exc)
            else:
                return redirect("participation:recommendation", pk=pk)
        else:
            status = 400
    return render(
        request,
        "participation/recommendation.html",
        {
            "recommendation": recommendation,
            "form": form,
            "can_answer": can_answer,
            "overdue": recommendation.is_overdue(),
            "round_visible": user_can(
                request.user, SupervisionRound, Action.VIEW, recommendation.supervision_round
            ),
        },
        status=status,
    )
