"""Inspections over the API: plans, rounds, findings (report, close with ``version``).

No ``from __future__ import annotations`` (django-ninja pagination, see dialogues.api).
"""

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from danvan.core.api_types import Id, Int32, Pagination, Year, model_text
from danvan.core.scoping import get_object_for_user
from danvan.orgs.models import OrgUnit

from .models import (
    Finding,
    FindingReport,
    FindingStatus,
    InspectionPlan,
    InspectionRound,
    TeamMember,
)
from .services import (
    add_finding,
    close_finding,
    conclude_round,
    create_plan,
    create_round,
    finding_for,
    report_on_finding,
    update_plan,
)

router = Router(tags=["inspections"])
_NO_PERMISSION = gettext_lazy("You may not record the results of this inspection.")


class UnitBrief(Schema):
    id: int
    name: str


class InspectionPlanIn(Schema):
    owner_id: Id
    year: Year
    title: model_text(InspectionPlan, "title", min_length=1)  # type: ignore[valid-type]
    basis: model_text(InspectionPlan, "basis") = ""  # type: ignore[valid-type]


class InspectionPlanOut(Schema):
    id: int
    owner: UnitBrief
    year: int
    title: str
    basis: str
    version: int


class InspectionPlanUpdateIn(Schema):
    version: Id = Field(description="The version read; an older one is refused (409).")
    year: Year
    title: model_text(InspectionPlan, "title", min_length=1)  # type: ignore[valid-type]
    basis: model_text(InspectionPlan, "basis") = ""  # type: ignore[valid-type]


class TeamMemberIn(Schema):
    name: model_text(TeamMember, "name", min_length=1)  # type: ignore[valid-type]
    body: model_text(TeamMember, "body", min_length=1)  # type: ignore[valid-type]
    role: model_text(TeamMember, "role") = ""  # type: ignore[valid-type]


class InspectionRoundIn(Schema):
    title: model_text(InspectionRound, "title", min_length=1)  # type: ignore[valid-type]
    unit_ids: list[Id] = Field(..., min_length=1, max_length=1000)
    starts_on: dt.date
    ends_on: dt.date
    notice_sent_on: dt.date | None = None
    team: list[TeamMemberIn] = Field([], max_length=100)


class InspectionRoundOut(Schema):
    id: int
    plan_id: int
    title: str
    unit_ids: list[int]
    starts_on: dt.date
    ends_on: dt.date
    notice_sent_on: dt.date | None
    concluded_on: dt.date | None
    version: int


class FindingIn(Schema):
    finding: model_text(Finding, "finding", min_length=1)  # type: ignore[valid-type]
    recommendation: model_text(Finding, "recommendation", min_length=1)  # type: ignore[valid-type]
    responsible_unit_id: Id
    due_on: dt.date


class FindingReportOut(Schema):
    at: dt.datetime
    text: str
    closes: bool


class FindingOut(Schema):
    id: int
    round_id: int
    finding: str
    recommendation: str
    responsible_unit: UnitBrief
    due_on: dt.date
    status: FindingStatus
    closed_on: dt.date | None
    overdue: bool = Field(description="Derived: due date passed and not closed.")
    version: int = Field(
        description="Send it back when reporting or closing; a stale one gets 409."
    )
    reports: list[FindingReportOut]


class FindingReportIn(Schema):
    version: Int32
    text: model_text(FindingReport, "text", min_length=1)  # type: ignore[valid-type]


class FindingCloseIn(Schema):
    version: Int32
    note: model_text(FindingReport, "text", min_length=1)  # type: ignore[valid-type]
    closed_on: dt.date | None = None


def _finding(f: Finding) -> dict[str, Any]:
    return {
        "id": f.pk, "round_id": f.round_id, "finding": f.finding,
        "recommendation": f.recommendation, "responsible_unit": f.responsible_unit,
        "due_on": f.due_on, "status": f.status, "closed_on": f.closed_on,
        "overdue": f.is_overdue(), "version": f.version,
        "reports": list(f.reports.order_by("at", "id")),
    }  # fmt: skip


def _round(r: InspectionRound) -> dict[str, Any]:
    return {**{k: getattr(r, k) for k in InspectionRoundOut.model_fields if k != "unit_ids"},
            "unit_ids": [u.pk for u in r.units.order_by("path")]}  # fmt: skip


@router.get("/plans", response=list[InspectionPlanOut], summary="Inspection plans")
@paginate(Pagination)
def list_plans(request: HttpRequest, year: Year | None = None):  # type: ignore[no-untyped-def]
    qs = InspectionPlan.objects.visible_to(request.user).select_related("owner")
    return qs.filter(year=year) if year else qs.order_by("-year", "-id")


@router.post("/plans", response={201: InspectionPlanOut}, summary="Record a yearly inspection plan")
def post_plan(request: HttpRequest, payload: InspectionPlanIn) -> Status[Any]:
    owner = get_object_for_user(OrgUnit, request.user, pk=payload.owner_id)
    data = payload.dict()
    data.pop("owner_id")
    try:
        return Status(201, create_plan(owner, **data, actor=request.user))
    except PermissionDenied:
        raise HttpError(403, str(_NO_PERMISSION)) from None


@router.put("/plans/{plan_id}", response={200: InspectionPlanOut}, summary="Correct a plan")
def put_plan(request: HttpRequest, plan_id: Id, payload: InspectionPlanUpdateIn) -> Any:
    plan = get_object_for_user(
        InspectionPlan.objects.select_related("owner"), request.user, pk=plan_id
    )
    try:
        return update_plan(plan, **payload.dict(), actor=request.user)
    except PermissionDenied:
        raise HttpError(403, str(_NO_PERMISSION)) from None


@router.post("/plans/{plan_id}/rounds", response={201: InspectionRoundOut}, summary="Open a round")
def post_round(
    request: HttpRequest, plan_id: Id, payload: InspectionRoundIn
) -> Status[dict[str, Any]]:
    plan = get_object_for_user(
        InspectionPlan.objects.select_related("owner"), request.user, pk=plan_id
    )
    units = list(OrgUnit.objects.current().filter(pk__in=payload.unit_ids))
    if len(units) != len(set(payload.unit_ids)):
        raise HttpError(400, _("A unit to inspect does not exist."))
    data = payload.dict()
    data.pop("unit_ids")
    try:
        round_ = create_round(plan, units=units, **data, actor=request.user)
    except PermissionDenied:
        raise HttpError(403, str(_NO_PERMISSION)) from None
    return Status(201, _round(round_))


@router.post("/rounds/{round_id}/findings", response={201: FindingOut}, summary="Record a finding")
def post_finding(request: HttpRequest, round_id: Id, payload: FindingIn) -> Status[dict[str, Any]]:
    round_ = get_object_for_user(
        InspectionRound.objects.select_related("plan__owner"), request.user, pk=round_id
    )
    unit = OrgUnit.objects.current().filter(pk=payload.responsible_unit_id).first()
    if unit is None:
        raise HttpError(400, _("The unit responsible for the remedy was not found."))
    data = payload.dict()
    data.pop("responsible_unit_id")
    try:
        finding = add_finding(round_, responsible_unit=unit, **data, actor=request.user)
    except PermissionDenied:
        raise HttpError(403, str(_NO_PERMISSION)) from None
    return Status(201, _finding(finding))


@router.get("/findings", response=list[FindingOut], summary="Findings visible to the caller")
@paginate(Pagination)
def list_findings(  # type: ignore[no-untyped-def]
    request: HttpRequest,
    status: FindingStatus | None = None,
    overdue: bool | None = Query(None, description="Only overdue (true) or only not (false)."),
):
    qs = Finding.objects.visible_to(request.user).select_related("responsible_unit")
    if status:
        qs = qs.filter(status=status)
    today = timezone.localdate()
    if overdue is True:
        qs = qs.overdue(today)
    elif overdue is False:
        qs = qs.exclude(pk__in=Finding.objects.overdue(today).values("pk"))
    return [_finding(f) for f in qs.order_by("due_on", "id")]


@router.get("/findings/{finding_id}", response=FindingOut, summary="One finding")
def get_finding(request: HttpRequest, finding_id: Id) -> dict[str, Any]:
    return _finding(finding_for(request.user, finding_id))


@router.post(
    "/findings/{finding_id}/reports", response={201: FindingOut}, summary="Report what was fixed"
)
def post_report(
    request: HttpRequest, finding_id: Id, payload: FindingReportIn
) -> Status[dict[str, Any]]:
    finding = finding_for(request.user, finding_id)
    try:
        report_on_finding(finding, **payload.dict(), actor=request.user)
    except PermissionDenied:
        raise HttpError(403, str(_NO_PERMISSION)) from None
    return Status(201, _finding(finding))


@router.post("/findings/{finding_id}/close", response={200: FindingOut}, summary="Close a finding")
def post_close(request: HttpRequest, finding_id: Id, payload: FindingCloseIn) -> dict[str, Any]:
    finding = finding_for(request.user, finding_id)
    try:
        close_finding(finding, **payload.dict(), actor=request.user)
    except PermissionDenied:
        raise HttpError(403, str(_NO_PERMISSION)) from None
    return _finding(finding)


class RoundConclusionIn(Schema):
    version: Int32
    conclusion: model_text(InspectionRound, "conclusion", min_length=1)  # type: ignore[valid-type]
    concluded_on: dt.date


@router.post(
    "/rounds/{round_id}/conclusion",
    response={200: InspectionRoundOut},
    summary="Record the conclusion",
)
def post_conclusion(
    request: HttpRequest, round_id: Id, payload: RoundConclusionIn
) -> dict[str, Any]:
    round_ = get_object_for_user(InspectionRound, request.user, pk=round_id)
    try:
        round_ = conclude_round(round_, **payload.dict(), actor=request.user)
    except PermissionDenied:
        raise HttpError(403, str(_NO_PERMISSION)) from None
    return _round(round_)
