"""Plans over the API, the writing half: what an official does on the plan pages.

Create and edit plans, issue them, add, edit and delete tasks, targets and budget lines, cascade
a plan to the units below, and submit an implementing plan for an obligation. Each endpoint calls
the same service as the page, with the caller as the acting official, so the permission and
scope checks, the version check (409 when stale) and the Vietnamese messages are the pages' own.

No ``from __future__ import annotations`` (see ``api.py``).
"""

import base64
import binascii
import datetime as dt
import io
from decimal import Decimal
from typing import Any

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Schema, Status

from danvan.core.api_types import Id, Int32, Year, model_text, text
from danvan.core.errors import UserError
from danvan.orgs.models import OrgUnit

from .api import PlanDetailOut, PlanOut, TaskOut, _plan, _task, _task_out, router
from .cascade import cascade_plan, submit_implementing_plan
from .models import BudgetLine, ImplementationObligation, Plan, PlanKind, Recurrence, Target, Task
from .services import (
    add_budget_line,
    add_target,
    add_task,
    create_plan,
    delete_budget_line,
    delete_target,
    delete_task,
    edit_task,
    issue_plan,
    plan_progress,
    update_budget_line,
    update_plan,
    update_target,
)

#: An uploaded implementing plan sent as base64 in JSON: at most this many bytes once decoded
#: (the upload check of the document registry applies its own limit after that).
MAX_SUBMISSION_BYTES = 20 * 1024 * 1024


def _unit(unit_id: int | None) -> OrgUnit | None:
    if unit_id is None:
        return None
    unit = OrgUnit.objects.filter(pk=unit_id).first()
    if unit is None:
        raise UserError(_("No unit has the id %(unit_id)s.") % {"unit_id": unit_id})
    return unit


def _units(unit_ids: list[int]) -> list[OrgUnit]:
    return [u for u in (_unit(i) for i in unit_ids) if u is not None]


def _parent_plan(request: HttpRequest, plan_id: int | None) -> Plan | None:
    if plan_id is None:
        return None
    try:
        return _plan(request, plan_id)
    except Http404:
        raise UserError(_("The parent plan was not found in your scope.")) from None


def _plan_detail(plan: Plan) -> dict[str, Any]:
    data = {f: getattr(plan, f) for f in PlanDetailOut.model_fields if hasattr(plan, f)}
    data["owner"] = plan.owner
    data["progress"] = plan_progress(plan)
    return data


class PlanIn(Schema):
    owner_id: Id = Field(..., description="The unit issuing the plan.")
    title: model_text(Plan, "title", min_length=1)  # type: ignore[valid-type]
    year_from: Year
    year_to: Year | None = None
    kind: PlanKind = PlanKind.PLAN
    number: model_text(Plan, "number") = ""  # type: ignore[valid-type]
    parent_id: Id | None = Field(None, description="The plan this one implements.")
    purpose: model_text(Plan, "purpose") = ""  # type: ignore[valid-type]
    requirements: model_text(Plan, "requirements") = ""  # type: ignore[valid-type]
    organisation: model_text(Plan, "organisation") = ""  # type: ignore[valid-type]
    reminder_days: model_text(Plan, "reminder_days") = "7,0"  # type: ignore[valid-type]


class PlanPatch(Schema):
    version: Int32 = Field(..., description="The plan version the change was made from.")
    title: model_text(Plan, "title", min_length=1) | None = None  # type: ignore[valid-type]
    number: model_text(Plan, "number") | None = None  # type: ignore[valid-type]
    kind: PlanKind | None = None
    year_from: Year | None = None
    year_to: Year | None = None
    parent_id: Id | None = None
    purpose: model_text(Plan, "purpose") | None = None  # type: ignore[valid-type]
    requirements: model_text(Plan, "requirements") | None = None  # type: ignore[valid-type]
    organisation: model_text(Plan, "organisation") | None = None  # type: ignore[valid-type]
    reminder_days: model_text(Plan, "reminder_days") | None = None  # type: ignore[valid-type]


class IssueIn(Schema):
    issued_on: dt.date | None = Field(None, description="Defaults to today.")


class TaskIn(Schema):
    title: model_text(Task, "title", min_length=1)  # type: ignore[valid-type]
    parent_id: Id | None = None
    description: model_text(Task, "description") = ""  # type: ignore[valid-type]
    lead_unit_id: Id | None = None
    supporting_unit_ids: list[Id] = Field(default_factory=list, max_length=500)
    due_on: dt.date | None = None
    recurrence: Recurrence = Recurrence.NONE
    recur_day: int | None = Field(None, ge=1, le=31)
    recur_month: int | None = Field(None, ge=1, le=12)
    weight: int = Field(1, ge=1, le=100)


class TaskPatch(Schema):
    version: Int32 = Field(..., description="The task version the change was made from.")
    title: model_text(Task, "title", min_length=1) | None = None  # type: ignore[valid-type]
    parent_id: Id | None = None
    description: model_text(Task, "description") | None = None  # type: ignore[valid-type]
    lead_unit_id: Id | None = None
    supporting_unit_ids: list[Id] | None = Field(None, max_length=500)
    due_on: dt.date | None = None
    recurrence: Recurrence | None = None
    recur_day: int | None = Field(None, ge=1, le=31)
    recur_month: int | None = Field(None, ge=1, le=12)
    weight: int | None = Field(None, ge=1, le=100)


class VersionIn(Schema):
    version: Int32


class TargetIn(Schema):
    text: model_text(Target, "text", min_length=1)  # type: ignore[valid-type]
    value: Decimal | None = Field(None, ge=0, max_digits=14, decimal_places=2)
    unit_label: model_text(Target, "unit_label") = ""  # type: ignore[valid-type]
    achieved: Decimal | None = Field(None, ge=0, max_digits=14, decimal_places=2)


class TargetOut(Schema):
    id: int
    plan_id: int
    position: int
    text: str
    value: Decimal | None
    unit_label: str
    achieved: Decimal


class BudgetLineIn(Schema):
    item: model_text(BudgetLine, "item", min_length=1)  # type: ignore[valid-type]
    amount: int = Field(..., ge=0, le=10**15, description="Đồng (VND).")
    source: model_text(BudgetLine, "source") = ""  # type: ignore[valid-type]


class BudgetLineOut(Schema):
    id: int
    plan_id: int
    position: int
    item: str
    amount: int
    source: str


class CascadeIn(Schema):
    kinds: list[text(40)] = Field(  # type: ignore[valid-type]
        ..., min_length=1, max_length=20, description="Kinds of unit that must implement."
    )
    due_on: dt.date
    root_id: Id | None = Field(None, description="Only units under this one (default: owner).")


class CascadeOut(Schema):
    created: int
    existing: int


class ImplementingPlanIn(Schema):
    filename: text(255, min_length=1)  # type: ignore[valid-type]
    content_base64: str = Field(..., description="The issued plan file (.docx, .pdf, .txt).")
    issued_on: dt.date | None = None


@router.post("", response={201: PlanDetailOut}, summary="Create a plan (draft)")
def post_plan(request: HttpRequest, payload: PlanIn) -> Status[Any]:
    owner = _unit(payload.owner_id)
    plan = create_plan(
        owner=owner,  # type: ignore[arg-type]
        title=payload.title,
        year_from=payload.year_from,
        year_to=payload.year_to,
        kind=payload.kind,
        number=payload.number,
        parent=_parent_plan(request, payload.parent_id),
        purpose=payload.purpose,
        requirements=payload.requirements,
        organisation=payload.organisation,
        reminder_days=payload.reminder_days,
        actor=request.user,
    )
    return Status(201, _plan_detail(plan))


@router.patch("/{plan_id}", response=PlanDetailOut, summary="Change a plan's fields")
def patch_plan(request: HttpRequest, plan_id: Id, payload: PlanPatch) -> dict[str, Any]:
    plan = _plan(request, plan_id)
    fields = payload.model_dump(exclude_unset=True, exclude={"version", "parent_id"})
    if "parent_id" in payload.model_fields_set:
        fields["parent"] = _parent_plan(request, payload.parent_id)
    plan = update_plan(plan, version=payload.version, actor=request.user, **fields)
    return _plan_detail(plan)


@router.post("/{plan_id}/issue", response=PlanOut, summary="Issue a draft plan")
def post_issue(request: HttpRequest, plan_id: Id, payload: IssueIn) -> Any:
    plan = _plan(request, plan_id)
    return issue_plan(plan, issued_on=payload.issued_on, actor=request.user)


@router.post("/{plan_id}/tasks", response={201: TaskOut}, summary="Add a task to a plan")
def post_task(request: HttpRequest, plan_id: Id, payload: TaskIn) -> Status[Any]:
    plan = _plan(request, plan_id)
    parent = None
    if payload.parent_id is not None:
        parent = Task.objects.filter(plan=plan, pk=payload.parent_id).first()
        if parent is None:
            raise UserError(_("The parent task must belong to the same plan."))
    task = add_task(
        plan,
        title=payload.title,
        parent=parent,
        description=payload.description,
        lead_unit=_unit(payload.lead_unit_id),
        supporting_units=_units(payload.supporting_unit_ids),
        due_on=payload.due_on,
        recurrence=payload.recurrence,
        recur_day=payload.recur_day,
        recur_month=payload.recur_month,
        weight=payload.weight,
        actor=request.user,
    )
    return Status(201, _task_out(_task(request, task.pk)))


@router.patch("/tasks/{task_id}", response=TaskOut, summary="Change what a task is")
def patch_task(request: HttpRequest, task_id: Id, payload: TaskPatch) -> dict[str, Any]:
    task = _task(request, task_id)
    fields = payload.model_dump(
        exclude_unset=True,
        exclude={"version", "parent_id", "lead_unit_id", "supporting_unit_ids"},
    )
    given = payload.model_fields_set
    if "parent_id" in given:
        parent = None
        if payload.parent_id is not None:
            parent = Task.objects.filter(plan=task.plan, pk=payload.parent_id).first()
            if parent is None:
                raise UserError(_("The parent task must belong to the same plan."))
        fields["parent"] = parent
    if "lead_unit_id" in given:
        fields["lead_unit"] = _unit(payload.lead_unit_id)
    if "supporting_unit_ids" in given:
        fields["supporting_units"] = _units(payload.supporting_unit_ids or [])
    edit_task(task, version=payload.version, actor=request.user, **fields)
    return _task_out(_task(request, task_id))


@router.delete("/tasks/{task_id}", response={204: None}, summary="Delete a task")
def remove_task(request: HttpRequest, task_id: Id, version: Int32) -> Status[None]:
    task = _task(request, task_id)
    delete_task(task, version=version, actor=request.user)
    return Status(204, None)


def _target(request: HttpRequest, target_id: int) -> Target:
    target = Target.objects.visible_to(request.user).filter(pk=target_id).first()
    if target is None:
        raise Http404
    return target


def _line(request: HttpRequest, line_id: int) -> BudgetLine:
    line = BudgetLine.objects.visible_to(request.user).filter(pk=line_id).first()
    if line is None:
        raise Http404
    return line


@router.get("/{plan_id}/targets", response=list[TargetOut], summary="The plan's targets")
def list_targets(request: HttpRequest, plan_id: Id) -> Any:
    return Target.objects.filter(plan=_plan(request, plan_id)).order_by("position", "pk")


@router.post("/{plan_id}/targets", response={201: TargetOut}, summary="Add a target")
def post_target(request: HttpRequest, plan_id: Id, payload: TargetIn) -> Status[Any]:
    plan = _plan(request, plan_id)
    target = add_target(plan, **payload.model_dump(), actor=request.user)
    return Status(201, target)


@router.put("/targets/{target_id}", response=TargetOut, summary="Change a target")
def put_target(request: HttpRequest, target_id: Id, payload: TargetIn) -> Any:
    return update_target(_target(request, target_id), **payload.model_dump(), actor=request.user)


@router.delete("/targets/{target_id}", response={204: None}, summary="Delete a target")
def remove_target(request: HttpRequest, target_id: Id) -> Status[None]:
    delete_target(_target(request, target_id), actor=request.user)
    return Status(204, None)


@router.get("/{plan_id}/budget-lines", response=list[BudgetLineOut], summary="Budget lines")
def list_budget_lines(request: HttpRequest, plan_id: Id) -> Any:
    return BudgetLine.objects.filter(plan=_plan(request, plan_id)).order_by("position", "pk")


@router.post("/{plan_id}/budget-lines", response={201: BudgetLineOut}, summary="Add a budget line")
def post_budget_line(request: HttpRequest, plan_id: Id, payload: BudgetLineIn) -> Status[Any]:
    plan = _plan(request, plan_id)
    line = add_budget_line(plan, **payload.model_dump(), actor=request.user)
    return Status(201, line)


@router.put("/budget-lines/{line_id}", response=BudgetLineOut, summary="Change a budget line")
def put_budget_line(request: HttpRequest, line_id: Id, payload: BudgetLineIn) -> Any:
    return update_budget_line(_line(request, line_id), **payload.model_dump(), actor=request.user)


@router.delete("/budget-lines/{line_id}", response={204: None}, summary="Delete a budget line")
def remove_budget_line(request: HttpRequest, line_id: Id) -> Status[None]:
    delete_budget_line(_line(request, line_id), actor=request.user)
    return Status(204, None)


@router.post(
    "/{plan_id}/cascade",
    response=CascadeOut,
    summary="Ask the units below to issue implementing plans by a date",
)
def post_cascade(request: HttpRequest, plan_id: Id, payload: CascadeIn) -> dict[str, int]:
    plan = _plan(request, plan_id)
    result = cascade_plan(
        plan,
        kinds=payload.kinds,
        due_on=payload.due_on,
        root=_unit(payload.root_id),
        actor=request.user,
    )
    return {"created": result.created, "existing": result.existing}


@router.post(
    "/obligations/{obligation_id}/submission",
    response={201: PlanOut},
    summary="Submit the issued implementing plan for an obligation",
)
def post_submission(
    request: HttpRequest, obligation_id: Id, payload: ImplementingPlanIn
) -> Status[Any]:
    obligation = (
        ImplementationObligation.objects.visible_to(request.user)
        .select_related("plan", "holder")
        .filter(pk=obligation_id)
        .first()
    )
    if obligation is None:
        raise Http404
    if len(payload.content_base64) > MAX_SUBMISSION_BYTES * 4 // 3 + 4:
        raise UserError(_("The file is too large (at most 20 MB)."))
    try:
        content = base64.b64decode(payload.content_base64, validate=True)
    except (binascii.Error, ValueError):
        raise UserError(_("The file content is not valid base64.")) from None
    if not content:
        raise UserError(_("The file is empty."))
    plan = submit_implementing_plan(
        obligation,
        source=io.BytesIO(content),
        filename=payload.filename,
        issued_on=payload.issued_on,
        actor=request.user,
    )
    return Status(201, plan)
