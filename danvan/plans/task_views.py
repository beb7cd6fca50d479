"""Pages of tasks (the assigned units' side) and the unit dashboard."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from danvan.core.errors import UserError
from danvan.core.lists import listing, render_list
from danvan.core.scoping import Action, assignee_q, path_q, permission_name, scope_roots
from danvan.core.uploads import serve_file
from danvan.orgs.models import OrgUnit

from .dashboard import unit_dashboard
from .filters import DashboardTaskFilter, ObligationFilter, TaskFilter
from .forms import NewTaskForm, TaskUpdateForm
from .models import Task, TaskAttachment, TaskStatus
from .services import Upload, can_change_plan, can_update_task, update_task

PAGE_SIZE = 50


def get_task_for_user(user: Any, pk: int) -> Task:
    try:
        return (
            Task.objects.visible_to(user)
            .with_state()
            .select_related("plan", "plan__owner", "lead_unit", "parent")
            .get(pk=pk)
        )
    except (Task.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


@login_required
def my_tasks(request: HttpRequest) -> HttpResponse:
    """Tasks assigned (lead or supporting) to the units the official works for."""
    today = timezone.localdate()
    roots = scope_roots(request.user, permission_name(Task, Action.VIEW))
    tasks = Task.objects.leaves()
    if roots is not None:
        tasks = tasks.filter(assignee_q(Task, roots))
    tasks = tasks.with_state(today).select_related("plan", "plan__owner", "lead_unit")
    found = listing(request, TaskFilter, tasks, per_page=PAGE_SIZE)
    context = found.context(today=today)
    return render_list(request, "plans/tasks.html", "plans/_task_rows.html", context)


def _timeline_context(
    request: HttpRequest, task: Task, form: TaskUpdateForm | None = None
) -> dict[str, Any]:
    can_update = can_update_task(request.user, task)
    has_children = task.children.exists()
    if form is None and can_update and not has_children:
        form = TaskUpdateForm(
            initial={
                "version": task.version,
                "status": task.status,
                "percent": task.percent,
                "evidence": task.evidence,
            }
        )
    owner = can_change_plan(request.user, task.plan)
    subtask_form = None
    if owner:
        from .views import _units_under

        subtask_form = NewTaskForm(units=_units_under(task.plan.owner))
    return {
        "task": task,
        "form": form,
        "can_change_plan": owner,
        "subtask_form": subtask_form,
        "can_update": can_update and not has_children,
        "updates": task.updates.select_related("author", "unit").prefetch_related("attachments"),
        "attachments": task.attachments.all(),
        "supporting": task.supporting_units.all(),
        "children": task.children.with_state().select_related("lead_unit"),  # type: ignore[attr-defined]
        # A sub-task addressed to another unit is listed but not linked (its page is not ours).
        "readable_children": set(
            Task.objects.visible_to(request.user).filter(parent=task).values_list("pk", flat=True)
        ),
    }


@login_required
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    task = get_task_for_user(request.user, pk)
    return render(request, "plans/task_detail.html", _timeline_context(request, task))


@login_required
@require_http_methods(["POST"])
def task_update(request: HttpRequest, pk: int) -> HttpResponse:
    """Record progress; HTMX swaps the update panel and the timeline in place."""
    task = get_task_for_user(request.user, pk)
    if not can_update_task(request.user, task):
        raise PermissionDenied
    form = TaskUpdateForm(request.POST, request.FILES)
    message = ""
    if form.is_valid():
        data = form.cleaned_data
        try:
            update_task(
                task,
                version=data["version"],
                actor=request.user,
                status=data["status"],
                percent=data["percent"],
                evidence=data.get("evidence") or "",
                note=data.get("note") or "",
                files=[Upload(f.name, f) for f in data.get("attachments") or []],
            )
        except UserError as exc:
            form.add_error(None, exc.message)
        else:
            message = _("Progress saved.")
            task = get_task_for_user(request.user, pk)
            form = None  # type: ignore[assignment]
    context = _timeline_context(request, task, form)
    context["saved_message"] = message
    template = "plans/_task_panel.html" if request.htmx else "plans/task_detail.html"  # type: ignore[attr-defined]
    status = 200 if not form or not form.errors else 400
    if request.htmx and status == 400:  # type: ignore[attr-defined]
        status = 200  # HTMX swaps 2xx only; the errors are in the panel
    return render(request, template, context, status=status)


@login_required
def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    try:
        attachment = TaskAttachment.objects.visible_to(request.user).get(pk=pk)
    except (TaskAttachment.DoesNotExist, ValueError):
        raise Http404 from None
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return serve_file(handle, filename=attachment.original_name)


def _dashboard_unit(request: HttpRequest, unit_pk: int | None) -> OrgUnit:
    visible = OrgUnit.objects.visible_to(request.user)
    if unit_pk is not None:
        unit = visible.filter(pk=unit_pk).first()
    else:
        home = getattr(request.user, "org_unit", None)
        unit = (
            visible.filter(pk=getattr(home, "pk", 0) or 0).first()
            or visible.order_by("path").first()
        )
    if unit is None:
        raise Http404
    return unit


@login_required
def dashboard_tasks(request: HttpRequest, unit_pk: int) -> HttpResponse:
    """The whole list behind a count of the dashboard: the leaf tasks led by the unit and the
    units below it, by state (overdue, done, …) or due in the next days, paged and searchable.

    The same query as the dashboard's counts (``dashboard.task_counts``), so a count and its
    list agree."""
    unit = _dashboard_unit(request, unit_pk)
    today = timezone.localdate()
    tasks = (
        Task.objects.led_under(unit)
        .leaves()
        .with_state(today)
        .select_related("plan", "plan__owner", "lead_unit")
    )
    found = listing(request, DashboardTaskFilter, tasks, per_page=PAGE_SIZE)
    context = found.context(unit=unit)
    return render_list(request, "plans/dashboard_tasks.html", "plans/_task_rows.html", context)


@login_required
def dashboard_compliance(request: HttpRequest, unit_pk: int) -> HttpResponse:
    """Every obligation held by the units below ``unit`` (all plans), with its state: the list
    behind the dashboard's compliance counts, paged and filtered by plan and state."""
    from .dashboard import _in
    from .models import ImplementationObligation

    unit = _dashboard_unit(request, unit_pk)
    rows = (
        ImplementationObligation.objects.counted()
        .filter(_in("holder__path", unit))
        .exclude(holder_id=unit.pk)
        .with_state(timezone.localdate())
        .select_related("plan", "holder", "fulfilled_by")
    )
    found = listing(request, ObligationFilter, rows, per_page=PAGE_SIZE)
    context = found.context(unit=unit)
    return render(request, "plans/dashboard_compliance.html", context)


@login_required
def dashboard(request: HttpRequest, unit_pk: int | None = None) -> HttpResponse:
    """A unit's plans at a glance: tasks by status, deadlines, targets, compliance below."""
    unit = _dashboard_unit(request, unit_pk)
    context = unit_dashboard(unit)
    # Plain values and one URL prefix: a province has a few hundred units below it.
    children = unit.children.current().exclude(kind="village")  # type: ignore[attr-defined]
    context["children"] = [
        (pk, short or name)
        for pk, short, name in children.order_by("kind", "name").values_list(
            "pk", "short_name", "name"
        )[:400]
    ]
    # The unit above is linked only when its dashboard is in the reader's scope too.
    context["parent_visible"] = (
        unit.parent_id is not None
        and OrgUnit.objects.visible_to(request.user).filter(pk=unit.parent_id).exists()
    )
    context["dashboard_base"] = reverse("plans:dashboard")
    context["TaskStatus"] = TaskStatus
    return render(request, "plans/dashboard.html", context)


__all__ = ["path_q"]
