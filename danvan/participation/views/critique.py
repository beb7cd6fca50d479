"""The Front's social critique of drafts and the drafting units' written answers."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from danvan.core.errors import UserError, http_status
from danvan.core.scoping import Action, get_object_for_user, holds_at, permission_name
from danvan.orgs.models import OrgUnit

from .. import forms
from ..models import SocialCritique
from ..services import critique as critique_services
from .common import _fail, _units


@login_required
def critiques(request: HttpRequest) -> HttpResponse:
    rows = (
        SocialCritique.objects.visible_to(request.user)
        .select_related("owner", "drafting_unit")
        .order_by("due_on", "id")[:200]
    )
    return render(
        request,
        "participation/critiques.html",
        {
            "rows": rows,
            "today": timezone.localdate(),
            "can_add": _units(request.user, SocialCritique).exists(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def critique_new(request: HttpRequest) -> HttpResponse:
    units = _units(request.user, SocialCritique)
    if not units.exists():
        raise PermissionDenied
    targets = OrgUnit.objects.current().visible_to(request.user).order_by("path")
    form = forms.CritiqueForm(request.POST or None, units=units, targets=targets)
    if request.method == "POST" and form.is_valid():
        try:
            critique = critique_services.record_critique(actor=request.user, **form.cleaned_data)
        except UserError as exc:
            _fail(request, form, exc)
        else:
            return redirect("participation:critique", pk=critique.pk)
    return render(
        request,
        "participation/form.html",
        {"form": form, "title": _("Record a social critique")},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def critique_detail(request: HttpRequest, pk: int) -> HttpResponse:
    critique = get_object_for_user(
        SocialCritique.objects.select_related("owner", "drafting_unit"), request.user, pk=pk
    )
    can_answer = holds_at(
        request.user, permission_name(SocialCritique, Action.CHANGE), critique.drafting_unit
    )
    form = forms.CritiqueAnswerForm(
        request.POST or None,
        initial={
            "version": critique.version,
            "acceptance": critique.acceptance or "accepted",
            "answer": critique.answer,
            "reasons_not_accepted": critique.reasons_not_accepted,
            "answered_on": critique.answered_on or timezone.localdate(),
        },
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            d = form.cleaned_data
            try:
                critique_services.answer_critique(
                    actor=request.user,
                    critique=critique,
                    acceptance=d["acceptance"],
                    answer=d["answer"],
                    reasons_not_accepted=d["reasons_not_accepted"],
                    on=d["answered_on"],
                    version=d["version"],
                )
            except UserError as exc:
                _fail(request, form, exc)
                status = http_status(exc)
            else:
                return redirect("participation:critique", pk=pk)
        else:
            status = 400
    return render(
        request,
        "participation/critique.html",
        {
            "critique": critique,
            "late_warning": critique_services.late_receipt_warning(
                critique.draft_received_on, critique.submission_on, critique.min_days_before
            ),
            "form": form,
            "can_answer": can_answer,
            "overdue": critique.is_overdue(),
        },
        status=status,
    )
