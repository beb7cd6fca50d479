"""Officer pages of grassroots democracy: disclosures and their compliance, consultations with
moderation and answers, the people's decisions, Front supervision and recommendations.

Views read through the scoping API and write only through the services; every link shown is
one the reader may follow (flags computed here).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from danvan.core.errors import UserError, http_status
from danvan.core.params import int_param, year_param
from danvan.core.scoping import (
    Action,
    get_object_for_user,
    holds_at,
    permission_name,
    units_where,
    user_can,
)
from danvan.core.uploads import check_upload, download
from danvan.orgs.models import OrgUnit, OrgUnitKind

from . import compliance as compliance_mod
from . import forms
from . import synthesis as synthesis_mod
from .models import (
    Comment,
    Consultation,
    Disclosure,
    Moderation,
    PeopleDecision,
    SupervisionRecommendation,
    SupervisionRound,
)
from .services import consultation as consult
from .services import decisions as decide
from .services import disclosure as disclose
from .services import supervision as supervise

PAGE_SIZE = 50


def _units(user: Any, model: type[Any], action: str = Action.ADD) -> Any:
    return units_where(user, permission_name(model, action)).order_by("path")


def _fail(request: HttpRequest, form: Any, exc: UserError) -> None:
    form.add_error(None, exc.message)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    recommendations = SupervisionRecommendation.objects.visible_to(request.user)
    return render(
        request,
        "participation/home.html",
        {
            "disclosures": Disclosure.objects.visible_to(request.user).count(),
            "open_consultations": Consultation.objects.visible_to(request.user)
            .open_on(today)
            .count(),
            "decisions": PeopleDecision.objects.visible_to(request.user).count(),
            "overdue": recommendations.overdue(today).count(),
            "recommendations": recommendations.count(),
        },
    )


# --- disclosures -----------------------------------------------------------------------------


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


def _unit_param(request: HttpRequest, model: type[Any]) -> OrgUnit:
    """The unit asked for (``?unit=``) if the official may read it, else their own unit."""
    pk = int_param(request, "unit")
    visible = OrgUnit.objects.visible_to(request.user)
    if pk is not None:
        unit = visible.filter(pk=pk).first()
        if unit is None:
            raise Http404
        return unit
    own = getattr(request.user, "org_unit", None)
    if own is not None and visible.filter(pk=own.pk).exists():
        return own  # type: ignore[no-any-return]
    first = _units(request.user, model, Action.VIEW).first()
    if first is None:
        raise Http404
    return first  # type: ignore[no-any-return]


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
        {"unit": unit, "year": year, "rows": rows, "single": single, "own": own},
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


# --- consultations ---------------------------------------------------------------------------


@login_required
def consultations(request: HttpRequest) -> HttpResponse:
    rows = Consultation.objects.visible_to(request.user).select_related("owner")
    page = Paginator(rows.order_by("-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "participation/consultations.html",
        {
            "page": page,
            "today": timezone.localdate(),
            "can_add": _units(request.user, Consultation).exists(),
        },
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
                raise UserError("Kết quả kiểm duyệt không hợp lệ.")
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
                raise UserError("Cần chọn hình thức và ghi nội dung trả lời.")
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
                raise UserError("Chọn ý kiến để gộp vào.")
            consult.merge(actor=request.user, comment=comment, into=into)
        else:
            raise UserError("Thao tác không hợp lệ.")
    except UserError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Saved."))
    url = reverse("participation:consultation", args=[comment.consultation_id])
    return redirect(f"{url}#comment-{comment.pk}")


# --- decisions -------------------------------------------------------------------------------


@login_required
def decisions(request: HttpRequest) -> HttpResponse:
    rows = PeopleDecision.objects.visible_to(request.user).select_related("village", "matter")
    page = Paginator(rows.order_by("-held_on", "-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "participation/decisions.html",
        {"page": page, "can_add": _units(request.user, PeopleDecision).exists()},
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


# --- supervision -----------------------------------------------------------------------------


@login_required
def supervision(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    rounds = SupervisionRound.objects.visible_to(request.user).select_related(
        "owner", "supervised_unit"
    )
    recommendations = (
        SupervisionRecommendation.objects.visible_to(request.user)
        .select_related("answering_unit", "supervision_round")
        .order_by("due_on", "id")
    )
    if request.GET.get("state") == "overdue":
        recommendations = recommendations.overdue(today)
    return render(
        request,
        "participation/supervision.html",
        {
            "rounds": rounds[:100],
            "recommendations": recommendations[:200],
            "today": today,
            "can_add": _units(request.user, SupervisionRound).exists(),
            "state": request.GET.get("state", ""),
        },
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
