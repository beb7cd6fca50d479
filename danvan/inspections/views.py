"""Officer pages of inspections: plans and rounds, findings (list, page, report, close), the
conclusion as .docx."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from danvan.core.errors import UserError, http_status
from danvan.core.lists import listing, render_list
from danvan.core.scoping import Action, get_object_for_user, user_can
from danvan.core.uploads import download
from danvan.orgs.models import OrgUnit
from danvan.orgs.pages import unit_in_scope

from .dashboard import open_findings_chart, open_findings_table
from .exports import conclusion_docx
from .filters import FindingFilter
from .forms import (
    CloseForm,
    ConcludeForm,
    FindingForm,
    PlanEditForm,
    PlanForm,
    ReportForm,
    RoundForm,
)
from .models import Finding, FindingStatus, InspectionPlan, InspectionRound
from .services import (
    add_finding,
    can_close,
    can_report,
    close_finding,
    conclude_round,
    create_plan,
    create_round,
    finding_for,
    report_on_finding,
    units_where,
    update_plan,
)


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    plans = InspectionPlan.objects.visible_to(request.user).select_related("owner")
    rounds = InspectionRound.objects.visible_to(request.user).select_related("plan__owner")
    shown = list(plans.order_by("-year", "-id")[:100])
    return render(
        request,
        "inspections/list.html",
        {
            "plans": shown,
            "editable": {
                p.pk for p in shown if user_can(request.user, InspectionPlan, Action.CHANGE, p)
            },
            "rounds": rounds.order_by("-starts_on", "-id")[:100],
            "can_add": units_where(request.user).exists(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_create(request: HttpRequest) -> HttpResponse:
    if not units_where(request.user).exists():
        raise PermissionDenied
    form = PlanForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            plan = create_plan(data.pop("owner"), **data, actor=request.user)
        except UserError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect("inspections:plan", pk=plan.pk)
    return render(
        request, "inspections/form.html", {"form": form, "title": _("New inspection plan")}
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct a plan's year, title or basis; a stale page is refused with the reason."""
    plan = get_object_for_user(
        InspectionPlan.objects.select_related("owner"), request.user, Action.CHANGE, pk=pk
    )
    initial = {"version": plan.version, "year": plan.year, "title": plan.title, "basis": plan.basis}
    form = PlanEditForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                update_plan(plan, **data, actor=request.user)
            except UserError as exc:
                form.add_error(None, exc.message)
                status = http_status(exc)
            else:
                messages.success(request, _("The inspection plan is updated."))
                return redirect("inspections:plan", pk=plan.pk)
    return render(
        request,
        "inspections/form.html",
        {"form": form, "title": _("Edit the inspection plan"), "plan": plan},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_for_user(InspectionPlan.objects.select_related("owner"), request.user, pk=pk)
    can_change = user_can(request.user, InspectionPlan, Action.CHANGE, plan)
    form = RoundForm(request.POST or None, user=request.user) if can_change else None
    status = 200
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            data = dict(form.cleaned_data)
            data.pop("team")
            try:
                round_ = create_round(plan, team=form.members(), **data, actor=request.user)
            except UserError as exc:
                form.add_error(None, exc.message)
                status = http_status(exc)
            else:
                messages.success(request, _("The inspection round is recorded."))
                return redirect("inspections:round", pk=round_.pk)
        else:
            status = 400
    return render(
        request,
        "inspections/plan.html",
        {
            "plan": plan,
            "rounds": plan.rounds.order_by("starts_on"),
            "form": form,
            "can_change": can_change,
        },
        status=status,
    )


def _round_context(request: HttpRequest, round_: InspectionRound, **forms: Any) -> dict[str, Any]:
    can_change = user_can(request.user, InspectionRound, Action.CHANGE, round_)
    today = timezone.localdate()
    findings = list(round_.findings.select_related("responsible_unit"))
    visible = set(
        Finding.objects.visible_to(request.user).filter(round=round_).values_list("pk", flat=True)
    )
    return {
        "round": round_,
        "today": today,
        "units": list(round_.units.order_by("path")),
        "team": list(round_.team.all()),
        "findings": [(f, f.pk in visible, f.is_overdue(today)) for f in findings],
        "can_change": can_change,
        "finding_form": forms.get("finding_form")
        or (FindingForm(user=request.user) if can_change else None),
        "conclude_form": forms.get("conclude_form")
        or (
            ConcludeForm(
                initial={
                    "version": round_.version,
                    "conclusion": round_.conclusion,
                    "concluded_on": round_.concluded_on or today,
                }
            )
            if can_change
            else None
        ),
    }


@login_required
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = get_object_for_user(
        InspectionRound.objects.select_related("plan__owner"), request.user, pk=pk
    )
    return render(request, "inspections/round.html", _round_context(request, round_))


@login_required
@require_POST
def finding_add(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = get_object_for_user(
        InspectionRound.objects.select_related("plan__owner"), request.user, Action.CHANGE, pk=pk
    )
    form = FindingForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            add_finding(round_, **form.cleaned_data, actor=request.user)
        except UserError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The finding is recorded."))
            return redirect("inspections:round", pk=round_.pk)
    return render(
        request,
        "inspections/round.html",
        _round_context(request, round_, finding_form=form),
        status=400,
    )


@login_required
@require_POST
def round_conclude(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = get_object_for_user(
        InspectionRound.objects.select_related("plan__owner"), request.user, Action.CHANGE, pk=pk
    )
    form = ConcludeForm(request.POST)
    status = 400
    if form.is_valid():
        try:
            conclude_round(round_, **form.cleaned_data, actor=request.user)
        except UserError as exc:
            form.add_error(None, exc.message)
            status = http_status(exc)
        else:
            messages.success(request, _("The conclusion is recorded."))
            return redirect("inspections:round", pk=round_.pk)
    return render(
        request,
        "inspections/round.html",
        _round_context(request, round_, conclude_form=form),
        status=status,
    )


@login_required
def conclusion_download(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = get_object_for_user(
        InspectionRound.objects.select_related("plan__owner__parent"), request.user, pk=pk
    )
    return download(
        conclusion_docx(round_),
        filename=f"ket-luan-kiem-tra-{round_.pk}.docx",
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """Open findings of a unit's area and of each unit below it: a chart with its table."""
    root = unit_in_scope(request)
    today = timezone.localdate()
    visible = Finding.objects.visible_to(request.user)
    total, rows = open_findings_table(root, visible, today)
    parent = (
        OrgUnit.objects.visible_to(request.user).filter(pk=root.parent_id).first()
        if root.parent_id
        else None
    )
    return render(
        request,
        "inspections/dashboard.html",
        {
            "root": root,
            "total": total,
            "rows": rows,
            "chart": open_findings_chart(rows),
            "parent": parent,
        },
    )


@login_required
def finding_list(request: HttpRequest) -> HttpResponse:
    """Findings the official can see (their rounds', and those their units must act on),
    filtered by ``state`` as the dashboard tile counts them."""
    today = timezone.localdate()
    findings = Finding.objects.visible_to(request.user).select_related("responsible_unit", "round")
    found = listing(request, FindingFilter, findings)
    rows = [(f, f.is_overdue(today)) for f in found.page.object_list]
    return render_list(
        request,
        "inspections/findings.html",
        "inspections/_finding_rows.html",
        found.context(today=today, rows=rows),
    )


def _finding_context(request: HttpRequest, finding: Finding, **forms: Any) -> dict[str, Any]:
    reporting = can_report(request.user, finding) and finding.status != FindingStatus.CLOSED
    closing = can_close(request.user, finding) and finding.status == FindingStatus.ANSWERED
    return {
        "finding": finding,
        "overdue": finding.is_overdue(),
        "round_visible": InspectionRound.objects.visible_to(request.user)
        .filter(pk=finding.round_id)
        .exists(),
        "reports": list(finding.reports.select_related("by")),
        "report_form": forms.get("report_form")
        or (ReportForm(initial={"version": finding.version}) if reporting else None),
        "close_form": forms.get("close_form")
        or (CloseForm(initial={"version": finding.version}) if closing else None),
    }


@login_required
def finding_detail(request: HttpRequest, pk: int) -> HttpResponse:
    finding = finding_for(request.user, pk)
    return render(request, "inspections/finding.html", _finding_context(request, finding))


@login_required
@require_POST
def finding_report(request: HttpRequest, pk: int) -> HttpResponse:
    finding = finding_for(request.user, pk)
    form = ReportForm(request.POST)
    status = 400
    if form.is_valid():
        try:
            report_on_finding(finding, **form.cleaned_data, actor=request.user)
        except UserError as exc:
            form.add_error(None, exc.message)
            status = http_status(exc)
        else:
            messages.success(request, _("Your report is sent to the inspecting unit."))
            return redirect("inspections:finding", pk=finding.pk)
    return render(
        request,
        "inspections/finding.html",
        _finding_context(request, finding, report_form=form),
        status=status,
    )


@login_required
@require_POST
def finding_close(request: HttpRequest, pk: int) -> HttpResponse:
    finding = finding_for(request.user, pk)
    form = CloseForm(request.POST)
    status = 400
    if form.is_valid():
        try:
            close_finding(finding, **form.cleaned_data, actor=request.user)
        except UserError as exc:
            form.add_error(None, exc.message)
            status = http_status(exc)
        else:
            messages.success(request, _("The finding is closed."))
            return redirect("inspections:finding", pk=finding.pk)
    return render(
        request,
        "inspections/finding.html",
        _finding_context(request, finding, close_form=form),
        status=status,
    )
