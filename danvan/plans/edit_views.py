"""Pages where a plan's owners edit its definition without the admin.

Task definitions (edit with optimistic concurrency, add a sub-task, delete a task nobody has
reported on) and, inline with HTMX on the plan page, its quantified targets and budget lines.
Only officials who may change the plan (its owner unit's officers and leaders) get here: others
who can read the task (the assigned units) are refused, and everybody else gets a 404.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from danvan.core.errors import UserError
from danvan.core.params import to_int
from danvan.core.scoping import Action, get_object_for_user

from .forms import BudgetLineForm, NewTaskForm, TargetForm, TaskEditForm
from .models import BudgetLine, Plan, Target, Task
from .services import (
    add_budget_line,
    add_target,
    add_task,
    budget_total,
    can_change_plan,
    delete_budget_line,
    delete_target,
    delete_task,
    edit_task,
    update_budget_line,
    update_target,
)
from .task_views import get_task_for_user
from .views import _units_under, get_plan_for_user


def _is_htmx(request: HttpRequest) -> bool:
    return bool(getattr(request, "htmx", False))


def _owned_task(request: HttpRequest, pk: int) -> Task:
    """The task if the user may change its plan; 404 when unseen, 403 for assigned units."""
    task = get_task_for_user(request.user, pk)
    if not can_change_plan(request.user, task.plan):
        raise PermissionDenied
    return task


def _parent_choices(task: Task) -> QuerySet[Task]:
    """Tasks of the same plan that may become the parent: not the task nor its sub-tasks."""
    rows = list(Task.objects.filter(plan_id=task.plan_id).values_list("pk", "parent_id"))
    below: dict[int, list[int]] = {}
    for pk, parent_id in rows:
        below.setdefault(parent_id, []).append(pk)
    excluded, stack = set(), [task.pk]
    while stack:
        node = stack.pop()
        excluded.add(node)
        stack.extend(below.get(node, []))
    return (
        Task.objects.filter(plan_id=task.plan_id)
        .exclude(pk__in=excluded)
        .order_by("parent_id", "position", "id")
    )


# --- task definitions -----------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def task_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit what a task is; a stale version is refused and nothing is written."""
    task = _owned_task(request, pk)
    initial = {
        "version": task.version,
        "title": task.title,
        "description": task.description,
        "parent": task.parent_id,
        "lead_unit": task.lead_unit_id,
        "supporting_units": list(task.supporting_units.values_list("pk", flat=True)),
        "due_on": task.due_on,
        "recurrence": task.recurrence,
        "recur_day": task.recur_day,
        "recur_month": task.recur_month,
        "weight": task.weight,
    }
    form = TaskEditForm(
        request.POST or None,
        initial=initial,
        units=_units_under(task.plan.owner),
        tasks=_parent_choices(task),
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        data["recurrence"] = data.get("recurrence") or ""
        data["supporting_units"] = list(data.get("supporting_units") or [])
        try:
            edit_task(task, version=version, actor=request.user, **data)
        except UserError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The task is saved."))
            return redirect("plans:task", pk=task.pk)
    context = {
        "task": task,
        "form": form,
        "can_delete": not task.children.exists() and not task.updates.exists(),
    }
    return render(request, "plans/task_edit.html", context)


@login_required
@require_http_methods(["POST"])
def task_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete a task without sub-tasks nor progress updates."""
    task = _owned_task(request, pk)
    try:
        delete_task(task, version=int(request.POST.get("version") or 0), actor=request.user)
    except (UserError, ValueError) as exc:
        messages.error(request, getattr(exc, "message", _("The task could not be deleted.")))
        return redirect("plans:task_edit", pk=task.pk)
    messages.success(request, _("The task is deleted."))
    return redirect("plans:detail", pk=task.plan_id)


@login_required
@require_http_methods(["POST"])
def subtask_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a sub-task under a task; the parent's progress then rolls up from its sub-tasks."""
    parent = _owned_task(request, pk)
    form = NewTaskForm(request.POST, units=_units_under(parent.plan.owner))
    if form.is_valid():
        try:
            add_task(parent.plan, parent=parent, actor=request.user, **form.cleaned_data)
        except UserError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Sub-task added."))
    else:
        messages.error(request, _("Check the task: %(errors)s") % {"errors": form.errors.as_text()})
    return redirect("plans:task", pk=parent.pk)


# --- targets and budget, inline on the plan page --------------------------------------------


def _owned_plan(request: HttpRequest, pk: int) -> Plan:
    plan = get_plan_for_user(request.user, pk)
    if not can_change_plan(request.user, plan):
        raise PermissionDenied
    return plan


def _section(
    request: HttpRequest,
    plan: Plan,
    which: str,
    *,
    form: Any = None,
    editing: int | None = None,
    adding: bool = False,
    error: str = "",
    saved: str = "",
) -> HttpResponse:
    """Render the targets or budget section; without HTMX go back to the plan page."""
    if not _is_htmx(request):
        if error:
            messages.error(request, error)
        elif form is not None and form.errors:
            messages.error(
                request, _("Check the entry: %(errors)s") % {"errors": form.errors.as_text()}
            )
        elif saved:
            messages.success(request, saved)
        return redirect("plans:detail", pk=plan.pk)
    context = section_context(plan, which, can_change=True)
    context.update(
        {"form": form, "editing": editing, "adding": adding, "error": error, "saved": saved}
    )
    return render(request, f"plans/_{which}.html", context)


def section_context(plan: Plan, which: str, *, can_change: bool) -> dict[str, Any]:
    if which == "targets":
        return {"plan": plan, "targets": list(plan.targets.all()), "can_change": can_change}
    return {
        "plan": plan,
        "budget_lines": list(plan.budget_lines.all()),
        "budget": budget_total(plan),
        "can_change": can_change,
    }


def _target_initial(target: Target) -> dict[str, Any]:
    return {
        "text": target.text,
        "value": target.value,
        "unit_label": target.unit_label,
        "achieved": target.achieved,
    }


@login_required
def targets_section(request: HttpRequest, pk: int) -> HttpResponse:
    """The targets section; ``?add=1`` opens a new row, ``?edit=<id>`` opens a row's form."""
    plan = _owned_plan(request, pk)
    edit = to_int(request.GET.get("edit"))
    if edit is not None:
        target = get_object_for_user(Target.objects.filter(plan=plan), request.user, pk=edit)
        form = TargetForm(initial=_target_initial(target))
        return _section(request, plan, "targets", form=form, editing=target.pk)
    if request.GET.get("add"):
        return _section(request, plan, "targets", form=TargetForm(), adding=True)
    return _section(request, plan, "targets")


def _submit(
    request: HttpRequest,
    plan: Plan,
    section: str,
    form: forms.Form,
    write: Callable[..., object],
    saved: str,
    *,
    adding: bool = False,
    editing: int | None = None,
) -> HttpResponse:
    """Validate ``form``, call the service ``write`` with its data and redraw the section.

    ``adding`` / ``editing`` keep the new or edited row's form open when the input is refused.
    """
    if form.is_valid():
        try:
            write(actor=request.user, **form.cleaned_data)
        except UserError as exc:
            return _section(
                request, plan, section, form=form, error=exc.message, adding=adding, editing=editing
            )
        return _section(request, plan, section, saved=saved)
    return _section(request, plan, section, form=form, adding=adding, editing=editing)


def _owned_row(request: HttpRequest, model: type[Target] | type[BudgetLine], pk: int) -> Any:
    """A target or budget line of a plan the user may change (404 outside scope, else 403)."""
    row: Any = get_object_for_user(
        model.objects.select_related("plan", "plan__owner"), request.user, Action.VIEW, pk=pk
    )
    if not can_change_plan(request.user, row.plan):
        raise PermissionDenied
    return row


@login_required
@require_http_methods(["POST"])
def target_add(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _owned_plan(request, pk)
    write = partial(add_target, plan)
    form = TargetForm(request.POST)
    return _submit(request, plan, "targets", form, write, _("Target added."), adding=True)


@login_required
@require_http_methods(["POST"])
def target_save(request: HttpRequest, pk: int) -> HttpResponse:
    target = _owned_row(request, Target, pk)
    write = partial(update_target, target)
    form = TargetForm(request.POST)
    saved = _("Target saved.")
    return _submit(request, target.plan, "targets", form, write, saved, editing=target.pk)


@login_required
@require_http_methods(["POST"])
def target_delete(request: HttpRequest, pk: int) -> HttpResponse:
    target = _owned_row(request, Target, pk)
    plan = target.plan
    delete_target(target, actor=request.user)
    return _section(request, plan, "targets", saved=_("Target deleted."))


@login_required
def budget_section(request: HttpRequest, pk: int) -> HttpResponse:
    """The budget section; ``?add=1`` opens a new line, ``?edit=<id>`` opens a line's form."""
    plan = _owned_plan(request, pk)
    edit = to_int(request.GET.get("edit"))
    if edit is not None:
        line = get_object_for_user(BudgetLine.objects.filter(plan=plan), request.user, pk=edit)
        form = BudgetLineForm(
            initial={"item": line.item, "amount": line.amount_vnd, "source": line.source}
        )
        return _section(request, plan, "budget", form=form, editing=line.pk)
    if request.GET.get("add"):
        return _section(request, plan, "budget", form=BudgetLineForm(), adding=True)
    return _section(request, plan, "budget")


@login_required
@require_http_methods(["POST"])
def budget_add(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _owned_plan(request, pk)
    write = partial(add_budget_line, plan)
    form = BudgetLineForm(request.POST)
    return _submit(request, plan, "budget", form, write, _("Budget line added."), adding=True)


@login_required
@require_http_methods(["POST"])
def budget_save(request: HttpRequest, pk: int) -> HttpResponse:
    line = _owned_row(request, BudgetLine, pk)
    write = partial(update_budget_line, line)
    form = BudgetLineForm(request.POST)
    saved = _("Budget line saved.")
    return _submit(request, line.plan, "budget", form, write, saved, editing=line.pk)


@login_required
@require_http_methods(["POST"])
def budget_delete(request: HttpRequest, pk: int) -> HttpResponse:
    line = _owned_row(request, BudgetLine, pk)
    plan = line.plan
    delete_budget_line(line, actor=request.user)
    return _section(request, plan, "budget", saved=_("Budget line deleted."))
