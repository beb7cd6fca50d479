"""Pages of plans: list, detail, from a document in one step, cascade, compliance, exports."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.forms import formset_factory
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from danvan.core.errors import UserError
from danvan.core.lists import listing
from danvan.core.params import int_param
from danvan.core.scoping import Action, permission_name, scope_roots
from danvan.core.uploads import download
from danvan.documents.models import Document, DocumentStatus
from danvan.documents.services import get_document_for_user
from danvan.orgs.models import OrgUnit, OrgUnitKind
from danvan.outputs.nd30 import DOCX_MIME

from . import exports
from .cascade import (
    cascade_plan,
    compliance,
    compliance_by_kind,
    obligations_under,
    submit_implementing_plan,
)
from .filters import AddressedUnitFilter, PlanFilter
from .forms import (
    BudgetRowForm,
    CascadeForm,
    NewTaskForm,
    PlanEditForm,
    PlanFieldsForm,
    ReportingRowForm,
    SubmitPlanForm,
    TargetRowForm,
    TaskRowForm,
)
from .importing import TaskProposal, create_from_proposal, existing_plan, propose
from .models import (
    ImplementationObligation,
    Plan,
    PlanKind,
    PlanStatus,
    Task,
)
from .services import (
    add_task,
    budget_total,
    can_add_plan,
    can_change_plan,
    plan_progress,
    task_tree,
    units_with,
    update_plan,
)

TaskRows = formset_factory(TaskRowForm, extra=1)
TargetRows = formset_factory(TargetRowForm, extra=1)
BudgetRows = formset_factory(BudgetRowForm, extra=0)
ReportingRows = formset_factory(ReportingRowForm, extra=0)


def get_plan_for_user(user: Any, pk: int, action: str = Action.VIEW) -> Plan:
    try:
        return Plan.objects.visible_to(user, action).select_related("owner", "parent").get(pk=pk)
    except (Plan.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def _today(request: HttpRequest) -> dt.date:
    return timezone.localdate()


def _home_unit(request: HttpRequest) -> OrgUnit | None:
    unit = getattr(request.user, "org_unit", None)
    return unit if isinstance(unit, OrgUnit) else None


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    plans = Plan.objects.visible_to(request.user).select_related("owner", "parent")
    found = listing(request, PlanFilter, plans)
    documents: QuerySet[Document] = (
        Document.objects.visible_to(request.user, Action.CHANGE)
        .filter(doc_type__in=[PlanKind.PLAN, PlanKind.SCHEME, PlanKind.PROGRAMME])
        .exclude(status=DocumentStatus.STUB)
        .exclude(issued_plans__isnull=False)
        .select_related("owner")
        .order_by("-issued_on")[:20]
    )
    context = found.context(candidates=documents, can_add=units_with(request.user, Plan).exists())
    return render(request, "plans/list.html", context)


@login_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, pk)
    today = _today(request)
    can_change = can_change_plan(request.user, plan)
    obligations = ImplementationObligation.objects.counted().visible_to(request.user)
    own_all = obligations.filter(plan=plan)
    own = list(
        own_all.with_state(today)
        .select_related("holder", "fulfilled_by")
        .order_by("holder__path")[:5]
    )
    # The first five here; the count links to every addressed unit, paged (compliance page).
    own_total = len(own) if len(own) < 5 else own_all.count()
    for obligation in own:
        # Readers of the unit (viewers, inspectors) see the obligation; only those who may
        # register the unit's plan are offered the upload, which refuses everyone else.
        obligation.can_submit = can_add_plan(request.user, obligation.holder)  # type: ignore[attr-defined]
    summary = (
        compliance(plan, plan.owner, today) if plan.obligations.exists() and can_change else None
    )
    new_task_form = NewTaskForm(units=_units_under(plan.owner)) if can_change else None
    context = {
        "plan": plan,
        "tree": task_tree(plan, today),
        # A unit reading the plan above it opens the tasks addressed to it; the others are
        # listed (it must know the whole plan) but not linked, as their pages are not its own.
        "readable_tasks": readable_task_ids(request.user, plan),
        "show_parent": plan.parent_id is not None
        and Plan.objects.visible_to(request.user).filter(pk=plan.parent_id).exists(),
        "progress": plan_progress(plan),
        "targets": plan.targets.all(),
        "reporting": plan.reporting.all(),
        "budget_lines": plan.budget_lines.all(),
        "budget": budget_total(plan),
        "legal_basis": plan.legal_basis.visible_to(request.user),  # type: ignore[attr-defined]
        "children": Plan.objects.visible_to(request.user)
        .filter(parent=plan)
        .select_related("owner")[:50],
        "own_obligations": own,
        "own_total": own_total,
        "summary": summary,
        "can_change": can_change,
        "new_task_form": new_task_form,
        "show_document": plan.issued_document_id is not None
        and Document.objects.visible_to(request.user).filter(pk=plan.issued_document_id).exists(),
    }
    return render(request, "plans/detail.html", context)


def readable_task_ids(user: Any, plan: Plan) -> set[int]:
    """The ids of ``plan``'s tasks whose pages ``user`` may open (one query)."""
    return set(Task.objects.visible_to(user).filter(plan=plan).values_list("pk", flat=True))


def _units_under(owner: OrgUnit) -> QuerySet[OrgUnit]:
    return (
        OrgUnit.objects.current().subtree(owner).exclude(kind=OrgUnitKind.VILLAGE).order_by("path")
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit a plan; a parent that would make a cycle and a stale version are refused."""
    plan = get_plan_for_user(request.user, pk, Action.CHANGE)
    candidates = Plan.objects.visible_to(request.user).exclude(pk=plan.pk).select_related("owner")
    initial = {
        "version": plan.version,
        "title": plan.title,
        "number": plan.number,
        "year_from": plan.year_from,
        "year_to": plan.year_to,
        "parent": plan.parent_id,
        "purpose": plan.purpose,
        "requirements": plan.requirements,
        "reminder_days": plan.reminder_days,
    }
    form = PlanEditForm(request.POST or None, initial=initial, plans=candidates)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            update_plan(plan, version=version, actor=request.user, **data)
        except UserError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The plan is saved."))
            return redirect("plans:detail", pk=plan.pk)
    return render(request, "plans/edit.html", {"plan": plan, "form": form})


@login_required
@require_http_methods(["POST"])
def task_add(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, pk, Action.CHANGE)
    form = NewTaskForm(request.POST, units=_units_under(plan.owner))
    if form.is_valid():
        try:
            add_task(plan, actor=request.user, **form.cleaned_data)
        except UserError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Task added."))
    else:
        messages.error(request, _("Check the task: %(errors)s") % {"errors": form.errors.as_text()})
    return redirect("plans:detail", pk=plan.pk)


# --- from document to plan ------------------------------------------------------------------


def _task_initial(rows: list[TaskProposal]) -> list[dict[str, Any]]:
    return [
        {
            "include": r.include,
            "group": r.group,
            "title": r.title,
            "lead_unit": r.lead_unit,
            "lead_text": r.lead_text,
            "supporting_units": ",".join(str(u) for u in r.supporting_units),
            "supporting_text": r.supporting_text,
            "due_on": r.due_on,
            "recurrence": r.recurrence,
            "recur_day": r.recur_day,
            "recur_month": r.recur_month,
            "weight": r.weight,
        }
        for r in rows
    ]


@login_required
@require_http_methods(["GET", "POST"])
def from_document(request: HttpRequest, document_pk: int) -> HttpResponse:
    """The extracted plan on one page; nothing is created until the official confirms."""
    document = get_document_for_user(
        request.user, Action.CHANGE, Document.objects.select_related("owner"), pk=document_pk
    )
    if not can_add_plan(request.user, document.owner):
        raise PermissionDenied
    done = existing_plan(document)
    if done is not None:
        messages.info(request, _("This document is already a plan."))
        return redirect("plans:detail", pk=done.pk)
    units = _units_under(document.owner)
    proposal = propose(document)
    data = request.POST if request.method == "POST" else None
    plan_form = PlanFieldsForm(data, initial=proposal.plan, prefix="plan")
    tasks = TaskRows(
        data, initial=_task_initial(proposal.tasks), prefix="tasks", form_kwargs={"units": units}
    )
    targets = TargetRows(data, initial=proposal.targets, prefix="targets")
    budget = BudgetRows(data, initial=proposal.budget, prefix="budget")
    reporting = ReportingRows(data, initial=proposal.reporting, prefix="reporting")
    cascade = CascadeForm(
        data,
        initial={
            "enabled": proposal.cascade.get("enabled", False),
            "kinds": proposal.cascade.get("kinds", []),
            "due_on": proposal.cascade.get("due_on"),
        },
        prefix="cascade",
    )
    forms_valid = (
        all(f.is_valid() for f in (plan_form, tasks, targets, budget, reporting, cascade))
        if data is not None
        else False
    )
    error = ""
    if forms_valid:
        task_rows = [
            TaskProposal(
                title=f.cleaned_data["title"],
                group=f.cleaned_data.get("group") or "",
                lead_unit=f.cleaned_data["lead_unit"].pk
                if f.cleaned_data.get("lead_unit")
                else None,
                supporting_units=f.supporting_ids(),
                due_on=f.cleaned_data.get("due_on"),
                recurrence=f.cleaned_data.get("recurrence") or "",
                recur_day=f.cleaned_data.get("recur_day"),
                recur_month=f.cleaned_data.get("recur_month"),
                weight=f.cleaned_data.get("weight") or 1,
                include=bool(f.cleaned_data.get("include")),
            )
            for f in tasks
            if f.cleaned_data and f.cleaned_data.get("title")
        ]
        target_rows = [
            f.cleaned_data for f in targets if f.cleaned_data and f.cleaned_data.get("include")
        ]
        reporting_rows = [
            f.cleaned_data for f in reporting if f.cleaned_data and f.cleaned_data.get("include")
        ]
        budget_rows = [
            f.cleaned_data for f in budget if f.cleaned_data and f.cleaned_data.get("include")
        ]
        try:
            plan = create_from_proposal(
                document,
                plan=plan_form.cleaned_data,
                tasks=task_rows,
                targets=target_rows,
                reporting=reporting_rows,
                cascade=cascade.cleaned_data,
                legal_basis=proposal.legal_basis,
                budget=budget_rows,
                actor=request.user,
            )
        except UserError as exc:
            error = exc.message
        else:
            messages.success(request, _("The plan is created with its tasks."))
            return redirect("plans:detail", pk=plan.pk)
    context = {
        "document": document,
        "plan_form": plan_form,
        "tasks": tasks,
        "targets": targets,
        "budget": budget,
        "reporting": reporting,
        "cascade": cascade,
        "error": error,
        "basis": Document.objects.filter(pk__in=proposal.legal_basis),
    }
    return render(request, "plans/review.html", context)


# --- cascade and compliance -----------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def cascade_view(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, pk, Action.CHANGE)
    roots = _units_under(plan.owner).filter(
        kind__in=[OrgUnitKind.PROVINCE, OrgUnitKind.DEPARTMENT, OrgUnitKind.COMMUNE]
    )
    suggestion: dict[str, Any] = {"kinds": [OrgUnitKind.DEPARTMENT, OrgUnitKind.COMMUNE]}
    if plan.issued_document is not None:
        suggestion = propose(plan.issued_document).cascade or suggestion
    form = CascadeForm(
        request.POST or None,
        initial={
            "enabled": True,
            "kinds": suggestion.get("kinds") or [OrgUnitKind.DEPARTMENT, OrgUnitKind.COMMUNE],
            "due_on": suggestion.get("due_on"),
            "root": plan.owner.pk,
        },
        roots=roots,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not data.get("due_on"):
            form.add_error("due_on", _("Give the date by which the units must issue their plan."))
        else:
            try:
                result = cascade_plan(
                    plan,
                    kinds=data["kinds"],
                    due_on=data["due_on"],
                    root=data.get("root") or plan.owner,
                    actor=request.user,
                )
            except UserError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, result.message)
                return redirect("plans:compliance", pk=plan.pk)
    return render(request, "plans/cascade.html", {"plan": plan, "form": form})


@login_required
def compliance_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Per unit: submitted on time / late / missing, counted at each level of the tree."""
    plan = get_plan_for_user(request.user, pk)
    today = _today(request)
    root: OrgUnit | None = plan.owner
    unit_pk = request.GET.get("unit", "")
    visible_units = OrgUnit.objects.visible_to(request.user)
    everywhere = scope_roots(request.user, permission_name(OrgUnit, Action.VIEW)) is None
    if unit_pk == "all" and everywhere:
        root = None  # the whole country, by province
    elif (unit_id := int_param(request, "unit")) is not None:
        root = visible_units.filter(pk=unit_id).first() or root
    if root is not None and not visible_units.filter(pk=root.pk).exists():
        # A unit below reads the plan above but counts only its own subtree.
        home = _home_unit(request)
        if home is None:
            raise Http404
        root = home
    result = compliance(plan, root, today, national=root is None)
    # Every addressed unit, paged and filtered by state.
    addressed = (
        obligations_under(plan, root).with_state(today).select_related("holder", "fulfilled_by")
    )
    found = listing(request, AddressedUnitFilter, addressed, per_page=100, keep=("unit",))
    context = found.context(
        plan=plan,
        result=result,
        by_kind=compliance_by_kind(plan, root, today),
        today=today,
        plans_base=reverse("plans:list"),  # one reverse for up to 100 rows
    )
    return render(request, "plans/compliance.html", context)


# --- the addressed unit's side --------------------------------------------------------------


def _obligation_for_user(request: HttpRequest, pk: int) -> ImplementationObligation:
    try:
        return (
            ImplementationObligation.objects.visible_to(request.user)
            .select_related("plan", "plan__owner", "holder", "holder__parent")
            .get(pk=pk)
        )
    except (ImplementationObligation.DoesNotExist, ValueError):
        raise Http404 from None


@login_required
def draft(request: HttpRequest, pk: int) -> HttpResponse:
    """A .docx draft of the addressed unit's implementing plan."""
    obligation = _obligation_for_user(request, pk)
    try:
        content = exports.implementing_plan_draft(
            obligation.plan, obligation.holder, obligation.due_on
        )
    except UserError as exc:  # a replaced Word template that cannot be used
        messages.error(request, exc.message)
        return redirect("plans:detail", pk=obligation.plan_id)
    name = f"du-thao-ke-hoach-{obligation.holder.key}.docx"
    return download(content, filename=name, content_type=DOCX_MIME)


@login_required
@require_http_methods(["GET", "POST"])
def submit_plan(request: HttpRequest, pk: int) -> HttpResponse:
    """The addressed unit uploads its issued implementing plan."""
    obligation = _obligation_for_user(request, pk)
    if not can_add_plan(request.user, obligation.holder):
        raise PermissionDenied
    form = SubmitPlanForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        uploaded = form.cleaned_data["file"]
        try:
            plan = submit_implementing_plan(
                obligation,
                source=uploaded,
                filename=uploaded.name,
                issued_on=form.cleaned_data.get("issued_on"),
                actor=request.user,
            )
        except UserError as exc:
            form.add_error("file", exc.message)
        else:
            messages.success(
                request, _("Your unit's plan is registered and linked to the plan above.")
            )
            return redirect("plans:detail", pk=plan.pk)
    return render(request, "plans/submit.html", {"obligation": obligation, "form": form})


@login_required
def export_docx(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, pk)
    try:
        body = exports.plan_status_docx(plan, _today(request))
    except UserError as exc:  # a replaced Word template that cannot be used
        messages.error(request, exc.message)
        return redirect("plans:detail", pk=plan.pk)
    return download(body, filename=f"ke-hoach-{plan.pk}.docx", content_type=DOCX_MIME)


@login_required
def export_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_plan_for_user(request.user, pk)
    body = exports.plan_status_xlsx(plan, _today(request))
    return download(body, filename=f"ke-hoach-{plan.pk}.xlsx", content_type=exports.XLSX_MIME)


__all__ = ["PlanStatus", "get_plan_for_user"]
