"""Plans over the API: plans, tasks, their updates (with optimistic concurrency), compliance.

No ``from __future__ import annotations`` here: django-ninja resolves the annotations of
paginated views in the namespace of its own wrapper, where string annotations are not found.
"""

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils.translation import gettext_lazy
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from danvan.core.api_types import Built, Id, Int32, Pagination, model_text
from danvan.core.lists import filter_api, filter_schema
from danvan.orgs.models import OrgUnit

from .cascade import compliance
from .filters import ObligationFilter, PlanFilter
from .models import (
    ImplementationObligation,
    Plan,
    PlanKind,
    PlanStatus,
    Task,
    TaskState,
    TaskStatus,
    TaskUpdate,
)
from .services import plan_progress, update_task

router = Router(tags=["plans"])
PlanQuery = filter_schema(PlanFilter)
ObligationQuery = filter_schema(ObligationFilter)

_NO_PERMISSION = gettext_lazy("You may not update this task.")


class UnitRef(Schema):
    id: int
    key: str
    name: str


class PlanOut(Schema):
    id: int
    kind: PlanKind
    number: str
    title: str
    owner: UnitRef
    year_from: int
    year_to: int
    parent_id: int | None
    status: PlanStatus
    issued_on: dt.date | None
    issued_document_id: int | None
    reminder_days: str
    version: int


class PlanDetailOut(PlanOut):
    purpose: str
    requirements: str
    progress: int = Field(..., description="Weighted progress of the top-level tasks (0–100).")


class TaskOut(Schema):
    id: int
    plan_id: int
    parent_id: int | None
    title: str
    description: str
    lead_unit: UnitRef | None
    supporting_unit_ids: list[int]
    due_on: dt.date | None
    recurrence: str
    recur_day: int | None
    recur_month: int | None
    weight: int
    status: TaskStatus
    state: TaskState = Field(..., description="The status, or overdue (derived from the date).")
    percent: int
    evidence: str
    version: int = Field(..., description="Send it back with an update; a stale one is refused.")


class TaskUpdateOut(Schema):
    id: int
    task_id: int
    author_id: int | None
    created_at: dt.datetime
    status_before: str
    status_after: str
    percent_before: int
    percent_after: int
    note: str
    evidence: str


class TaskUpdateIn(Schema):
    version: Int32 = Field(..., description="The task version the change was made from.")
    status: TaskStatus | None = None
    # Not bounded here: the service refuses it with its own Vietnamese 400 (documented).
    percent: int | None = Field(None, description="0–100.")
    evidence: model_text(TaskUpdate, "evidence") | None = None  # type: ignore[valid-type]
    note: model_text(TaskUpdate, "note") = ""  # type: ignore[valid-type]


class ComplianceCountsOut(Schema):
    total: int
    on_time: int
    late: int
    missing: int
    pending: int
    on_time_pct: float
    late_pct: float
    missing_pct: float
    submitted_pct: float


class ComplianceRowOut(Schema):
    unit: UnitRef
    counts: ComplianceCountsOut


class ComplianceOut(Schema):
    plan_id: int
    unit: UnitRef
    total: ComplianceCountsOut
    rows: list[ComplianceRowOut]


class ObligationOut(Schema):
    id: int
    plan_id: int
    holder: UnitRef
    due_on: dt.date
    submitted_on: dt.date | None
    fulfilled_by_id: int | None
    state: str


def _plan(request: HttpRequest, plan_id: Id) -> Plan:
    try:
        return Plan.objects.visible_to(request.user).select_related("owner").get(pk=plan_id)
    except Plan.DoesNotExist:
        raise Http404 from None


def _task(request: HttpRequest, task_id: Id) -> Task:
    try:
        return (
            Task.objects.visible_to(request.user)
            .with_state()
            .select_related("plan", "plan__owner", "lead_unit")
            .prefetch_related("supporting_units")
            .get(pk=task_id)
        )
    except Task.DoesNotExist:
        raise Http404 from None


def _task_out(task: Task) -> dict[str, Any]:
    data = {f: getattr(task, f) for f in TaskOut.model_fields if hasattr(task, f)}
    data["state"] = task.state
    data["lead_unit"] = task.lead_unit
    data["supporting_unit_ids"] = [u.pk for u in task.supporting_units.all()]
    return data


@router.get("", response=list[PlanOut], summary="Plans visible to the caller")
@paginate(Pagination)
def list_plans(request: HttpRequest, filters: Query[PlanQuery]):  # type: ignore[no-untyped-def,valid-type]
    qs = Plan.objects.visible_to(request.user).select_related("owner")
    return filter_api(PlanFilter, filters, qs, request)


@router.get("/obligations", response=list[ObligationOut], summary="Implementing-plan obligations")
@paginate(Pagination)
def list_obligations(request: HttpRequest, filters: Query[ObligationQuery]):  # type: ignore[no-untyped-def,valid-type]
    qs = (
        ImplementationObligation.objects.counted()
        .visible_to(request.user)
        .with_state()
        .select_related("holder")
    )
    return filter_api(ObligationFilter, filters, qs, request)


@router.get("/tasks/{task_id}", response=TaskOut, summary="One task")
def get_task(request: HttpRequest, task_id: Id) -> dict[str, Any]:
    return _task_out(_task(request, task_id))


@router.get("/tasks/{task_id}/updates", response=list[TaskUpdateOut], summary="The task's timeline")
@paginate(Pagination)
def list_updates(request: HttpRequest, task_id: Id) -> Any:
    task = _task(request, task_id)
    return TaskUpdate.objects.filter(task=task).order_by("-created_at", "-id")


@router.post(
    "/tasks/{task_id}/updates",
    response={201: TaskUpdateOut},
    summary="Record progress on a task",
    description=(
        "Send the `version` you read. 409 with a Vietnamese `detail` when it is stale (someone "
        "else updated the task); 400 when `percent` is outside 0–100 or on a task whose progress "
        "comes from its sub-tasks; 403 when the caller's units are not assigned to the task."
    ),
)
def post_update(request: HttpRequest, task_id: Id, payload: TaskUpdateIn) -> Status[Any]:
    task = _task(request, task_id)
    try:
        entry = update_task(
            task,
            version=payload.version,
            actor=request.user,
            status=payload.status,
            percent=payload.percent,
            evidence=payload.evidence,
            note=payload.note,
        )
    except PermissionDenied:
        raise HttpError(403, str(_NO_PERMISSION)) from None
    return Status(201, entry)


@router.get("/{plan_id}", response=PlanDetailOut, summary="One plan")
def get_plan(request: HttpRequest, plan_id: Id) -> dict[str, Any]:
    plan = _plan(request, plan_id)
    data = {f: getattr(plan, f) for f in PlanDetailOut.model_fields if hasattr(plan, f)}
    data["progress"] = plan_progress(plan)
    return data


@router.get("/{plan_id}/tasks", response=list[TaskOut], summary="The plan's tasks, in order")
@paginate(Pagination)
def list_tasks(request: HttpRequest, plan_id: Id) -> Any:
    plan = _plan(request, plan_id)
    tasks = (
        Task.objects.visible_to(request.user)
        .filter(plan=plan)
        .with_state()
        .select_related("lead_unit")
        .prefetch_related("supporting_units")
        .order_by("parent_id", "position", "id")
    )
    return Built(tasks, _task_out)


@router.get(
    "/{plan_id}/compliance",
    response=ComplianceOut,
    summary="Implementing plans of the units below: on time, late, missing",
)
def get_compliance(request: HttpRequest, plan_id: Id, unit_id: Id | None = None) -> dict[str, Any]:
    plan = _plan(request, plan_id)
    visible = OrgUnit.objects.visible_to(request.user)
    root = plan.owner
    if unit_id is not None:
        root = visible.filter(pk=unit_id).first() or root
    if not visible.filter(pk=root.pk).exists():
        home = getattr(request.user, "org_unit", None)
        if home is None:
            raise Http404
        root = home
    result = compliance(plan, root)

    def counts(c: Any) -> dict[str, Any]:
        return {f: getattr(c, f) for f in ComplianceCountsOut.model_fields}

    return {
        "plan_id": plan.pk,
        "unit": root,
        "total": counts(result.total),
        "rows": [{"unit": r.unit, "counts": counts(r.counts)} for r in result.rows],
    }


# The writing endpoints register on the same router (kept apart for length).
from . import api_edit  # noqa: E402, F401
