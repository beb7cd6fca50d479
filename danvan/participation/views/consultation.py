"""Consultations on drafts: the draft, publication, moderation, answers, synthesis."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from danvan.core.errors import UserError, http_status
from danvan.core.lists import listing, render_list
from danvan.core.params import int_param
from danvan.core.scoping import (
    Action,
    get_object_for_user,
    user_can,
)
from danvan.core.uploads import download

from .. import forms
from .. import synthesis as synthesis_mod
from ..filters import ConsultationFilter
from ..models import (
    Comment,
    Consultation,
    Moderation,
)
from ..services import consultation as consult
from .common import PAGE_SIZE, _fail, _units


@login_required
def consultations(request: HttpRequest) -> HttpResponse:
    """Consultations the official can see; ``open=1`` those open for comments today (the
    dashboard tile's count)."""
    rows = Consultation.objects.visible_to(request.user).select_related("owner")
    found = listing(request, ConsultationFilter, rows, per_page=PAGE_SIZE)
    context = found.context(
        today=timezone.localdate(), can_add=_units(request.user, Consultation).exists()
    )
    return render_list(
        request,
        "participation/consultations.html",
        "participation/_consultation_rows.html",
        context,
    )


@login_required
@require_http_methods(["GET", "POST"])
def consultation_new(request: HttpRequest) -> HttpResponse:
    units = _units(request.user, Consultation)
    if not units.exists():
        raise PermissionDenied
    form = forms.ConsultationForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            consultation = consult.create_consultation(
                actor=request.user,
                owner=d["owner"],
                matter=d["matter"],
                title=d["title"],
                plan=d["plan"],
                draft=d["draft"],
            )
        except UserError as exc:
            _fail(request, form, exc)
        else:
            return redirect("participation:consultation", pk=consultation.pk)
    return render(
        request,
        "participation/form.html",
        {"form": form, "title": _("Put a draft to the people")},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def consultation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = get_object_for_user(
        Consultation.objects.select_related("owner"), request.user, pk=pk
    )
    can_change = user_can(request.user, Consultation, Action.CHANGE, consultation)
    publish_form = forms.PublishForm(
        request.POST if request.POST.get("op") == "publish" else None,
        initial={
            "version": consultation.version,
            "opens_on": consultation.opens_on,
            "closes_on": consultation.closes_on,
        },
    )
    note_form = forms.DecisionNoteForm(
        request.POST if request.POST.get("op") == "note" else None,
        initial={"version": consultation.version, "note": consultation.decision_note},
    )
    status = 200
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        try:
            if request.POST.get("op") == "publish" and publish_form.is_valid():
                d = publish_form.cleaned_data
                consult.publish(
                    actor=request.user,
                    consultation=consultation,
                    opens_on=d["opens_on"],
                    closes_on=d["closes_on"],
                    version=d["version"],
                )
                return redirect("participation:consultation", pk=pk)
            if request.POST.get("op") == "note" and note_form.is_valid():
                consult.record_decision_note(
                    actor=request.user,
                    consultation=consultation,
                    note=note_form.cleaned_data["note"],
                    version=note_form.cleaned_data["version"],
                )
                return redirect("participation:consultation", pk=pk)
        except UserError as exc:
            messages.error(request, exc.message)
            status = http_status(exc)
        else:
            status = 400
    comments = list(
        consultation.comments.select_related("paragraph").order_by(
            "paragraph__position", "created_at", "id"
        )
    )
    return render(
        request,
        "participation/consultation.html",
        {
            "consultation": consultation,
            "paragraphs": consultation.paragraphs.all(),
            "comments": comments,
            "can_change": can_change,
            "publish_form": publish_form,
            "note_form": note_form,
            "closed": consultation.is_closed(),
            "moderations": [c for c in Moderation.choices if c[0] != Moderation.PENDING],
            "answer_kinds": forms.AnswerKind.choices,
        },
        status=status,
    )


@login_required
def synthesis(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = get_object_for_user(
        Consultation.objects.select_related("owner", "owner__parent"), request.user, pk=pk
    )
    try:
        body = synthesis_mod.build(consultation)
    except UserError as exc:
        messages.error(request, exc.message)
        return redirect("participation:consultation", pk=pk)
    return download(
        body,
        filename=f"tong-hop-y-kien-{consultation.pk}.docx",
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )


@login_required
@require_POST
def comment_action(request: HttpRequest, pk: int) -> HttpResponse:
    comment = get_object_for_user(
        Comment.objects.select_related("consultation__owner"), request.user, Action.CHANGE, pk=pk
    )
    op = request.POST.get("op")
    try:
        if op == "moderate":
            form: Any = forms.ModerateForm(request.POST)
            if not form.is_valid():
                raise UserError(_("The moderation result is not valid."))
            consult.moderate(
                actor=request.user,
                comment=comment,
                status=form.cleaned_data["status"],
                reason=form.cleaned_data["reason"],
                version=form.cleaned_data["version"],
            )
        elif op == "answer":
            form = forms.AnswerForm(request.POST)
            if not form.is_valid():
                raise UserError(_("Choose the kind of answer and write the answer."))
            consult.answer(
                actor=request.user,
                comment=comment,
                kind=form.cleaned_data["kind"],
                text=form.cleaned_data["text"],
                version=form.cleaned_data["version"],
            )
        elif op == "merge":
            into_pk = int_param(request, "into", post=True)
            into = comment.consultation.comments.filter(pk=into_pk or 0).first()
            if into is None:
                raise UserError(_("Choose the comment to merge into."))
            consult.merge(actor=request.user, comment=comment, into=into)
        else:
            raise UserError(_("The action is not valid."))
    except UserError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Saved."))
    url = reverse("participation:consultation", args=[comment.consultation_id])
    return redirect(f"{url}#comment-{comment.pk}")
