"""The people's boards and the coordination programmes over the API.

No ``from __future__ import annotations``: see the package docstring.
"""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from danvan.core.api_types import Id, Int32, Pagination, model_text
from danvan.core.scoping import get_object_for_user
from danvan.orgs.models import OrgUnit

from ..models import (
    BoardFinding,
    BoardKind,
    BoardMember,
    CoordinationProgramme,
    InspectionPlan,
    PeopleBoard,
    VillageHeadTerm,
)
from ..services import boards as board_services
from .common import UnitRef, router


class BoardOut(Schema):
    id: int
    owner: UnitRef
    kind: BoardKind
    name: str
    project: str
    term_starts: dt.date
    term_ends: dt.date
    members: int
    problems: list[str] = Field(description="Derived: what the composition lacks by law.")

    @staticmethod
    def resolve_members(obj: Any) -> int:
        return int(obj.members.count())

    @staticmethod
    def resolve_problems(obj: Any) -> list[str]:
        return board_services.composition_problems(obj)


class BoardFindingOut(Schema):
    id: int
    board_id: int
    text: str
    sent_on: dt.date
    inspection_plan_id: int | None
    due_on: dt.date
    answer: str
    answered_on: dt.date | None
    overdue: bool = Field(description="Derived: not answered and the due date passed.")
    version: int

    @staticmethod
    def resolve_overdue(obj: Any) -> bool:
        return bool(obj.is_overdue())


class FindingAnswerIn(Schema):
    answer: model_text(BoardFinding, "answer")  # type: ignore[valid-type]
    answered_on: dt.date
    version: Int32


class ProgrammeOut(Schema):
    id: int
    owner: UnitRef
    title: str
    parties: str
    starts_on: dt.date
    ends_on: dt.date
    signed_on: dt.date | None
    document_reference: str


@router.get("/boards", response=list[BoardOut], summary="People's boards")
@paginate(Pagination)
def list_boards(request: HttpRequest):  # type: ignore[no-untyped-def]
    return PeopleBoard.objects.visible_to(request.user).select_related("owner").order_by("-id")


@router.get("/board-findings", response=list[BoardFindingOut], summary="Findings of the boards")
@paginate(Pagination)
def list_board_findings(request: HttpRequest, overdue: bool = False):  # type: ignore[no-untyped-def]
    qs = BoardFinding.objects.visible_to(request.user)
    if overdue:
        qs = qs.overdue(timezone.localdate())
    return qs.order_by("due_on", "id")


@router.post(
    "/board-findings/{finding_id}/answer",
    response=BoardFindingOut,
    summary="Answer a board's finding (only the unit that formed the board)",
    description="Send the `version` you read; 409 when someone updated it meanwhile.",
)
def answer_board_finding(
    request: HttpRequest, finding_id: Id, payload: FindingAnswerIn
) -> BoardFinding:
    finding = get_object_for_user(
        BoardFinding.objects.select_related("board__owner"), request.user, pk=finding_id
    )
    return board_services.answer_finding(
        actor=request.user,
        finding=finding,
        answer=payload.answer,
        on=payload.answered_on,
        version=payload.version,
    )


@router.get(
    "/coordination-programmes", response=list[ProgrammeOut], summary="Coordination programmes"
)
@paginate(Pagination)
def list_programmes(request: HttpRequest):  # type: ignore[no-untyped-def]
    return (
        CoordinationProgramme.objects.visible_to(request.user)
        .select_related("owner")
        .order_by("-starts_on", "id")
    )


@router.get(
    "/coordination-gaps/{unit_id}",
    response=list[UnitRef],
    summary="People's Committees under a unit without a signed programme in force today",
)
def coordination_gaps(request: HttpRequest, unit_id: Id) -> list[OrgUnit]:
    unit = get_object_for_user(OrgUnit, request.user, pk=unit_id)
    return board_services.coordination_gaps(unit)


# --- members, inspection plans, findings, village heads' terms -----------------------------


def _board(request: HttpRequest, board_id: int) -> PeopleBoard:
    return get_object_for_user(
        PeopleBoard.objects.select_related("owner"), request.user, pk=board_id
    )


def _village(board_owner: OrgUnit, village_id: int | None) -> OrgUnit | None:
    if village_id is None:
        return None
    village = OrgUnit.objects.current().filter(pk=village_id, parent=board_owner).first()
    if village is None:
        raise HttpError(
            400,
            _("The village or residential group is not part of the unit that set up the board."),
        )
    return village


class MemberOut(Schema):
    id: int
    board_id: int
    name: str
    village_id: int | None
    position: str
    term_ends: dt.date | None


class MemberIn(Schema):
    name: model_text(BoardMember, "name")  # type: ignore[valid-type]
    village_id: Id | None = None
    position: model_text(BoardMember, "position") = ""  # type: ignore[valid-type]
    commune_official: bool = False
    term_ends: dt.date | None = Field(
        None, description="Empty: the board's term; never past the village head's term."
    )


@router.post(
    "/boards/{board_id}/members",
    response={201: MemberOut},
    summary="Add a member (a commune's inspection board: within the village head's term)",
)
def post_member(request: HttpRequest, board_id: Id, payload: MemberIn) -> Status[BoardMember]:
    board = _board(request, board_id)
    member = board_services.add_member(
        actor=request.user,
        board=board,
        name=payload.name,
        village=_village(board.owner, payload.village_id),
        position=payload.position,
        commune_official=payload.commune_official,
        term_ends=payload.term_ends,
    )
    return Status(201, member)


class BoardInspectionPlanOut(Schema):
    id: int
    board_id: int
    subject: str
    starts_on: dt.date
    ends_on: dt.date
    sent_on: dt.date


class BoardInspectionPlanIn(Schema):
    subject: model_text(InspectionPlan, "subject")  # type: ignore[valid-type]
    starts_on: dt.date
    ends_on: dt.date
    sent_on: dt.date


@router.get(
    "/inspection-plans", response=list[BoardInspectionPlanOut], summary="Inspection plans of boards"
)
@paginate(Pagination)
def list_inspection_plans(request: HttpRequest):  # type: ignore[no-untyped-def]
    return InspectionPlan.objects.visible_to(request.user).order_by("-starts_on", "id")


@router.post(
    "/boards/{board_id}/inspection-plans",
    response={201: BoardInspectionPlanOut},
    summary="Record an inspection plan (sent to the commune at least 5 working days before)",
)
def post_inspection_plan(
    request: HttpRequest, board_id: Id, payload: BoardInspectionPlanIn
) -> Status[InspectionPlan]:
    plan = board_services.record_inspection_plan(
        actor=request.user, board=_board(request, board_id), **payload.dict()
    )
    return Status(201, plan)


class BoardFindingIn(Schema):
    text: model_text(BoardFinding, "text")  # type: ignore[valid-type]
    sent_on: dt.date
    inspection_plan_id: Id | None = None


@router.post(
    "/boards/{board_id}/findings",
    response={201: BoardFindingOut},
    summary="Record a board's finding (answer due in 15 days), after one of its plans",
)
def post_board_finding(
    request: HttpRequest, board_id: Id, payload: BoardFindingIn
) -> Status[BoardFinding]:
    board = _board(request, board_id)
    plan = None
    if payload.inspection_plan_id is not None:
        plan = board.inspection_plans.filter(pk=payload.inspection_plan_id).first()
        if plan is None:
            raise HttpError(400, _("This board's inspection plan was not found."))
    finding = board_services.record_finding(
        actor=request.user,
        board=board,
        text=payload.text,
        sent_on=payload.sent_on,
        inspection_plan=plan,
    )
    return Status(201, finding)


class VillageHeadTermOut(Schema):
    id: int
    owner: UnitRef
    village: UnitRef
    head_name: str
    starts_on: dt.date
    ends_on: dt.date


class VillageHeadTermIn(Schema):
    owner_id: Id
    village_id: Id
    head_name: model_text(VillageHeadTerm, "head_name")  # type: ignore[valid-type]
    starts_on: dt.date
    ends_on: dt.date


@router.get(
    "/village-head-terms",
    response=list[VillageHeadTermOut],
    summary="Village heads' terms (what a commune's inspection board serves)",
)
@paginate(Pagination)
def list_village_head_terms(request: HttpRequest):  # type: ignore[no-untyped-def]
    return (
        VillageHeadTerm.objects.visible_to(request.user)
        .select_related("owner", "village")
        .order_by("village_id", "-starts_on", "id")
    )


@router.post(
    "/village-head-terms",
    response={201: VillageHeadTermOut},
    summary="Record a village head's term",
)
def post_village_head_term(
    request: HttpRequest, payload: VillageHeadTermIn
) -> Status[VillageHeadTerm]:
    owner = get_object_for_user(OrgUnit, request.user, pk=payload.owner_id)
    village = _village(owner, payload.village_id)
    if village is None:  # the schema requires the id; kept for the type checker
        raise HttpError(400, _("The village or residential group is missing."))
    term = board_services.record_village_head_term(
        actor=request.user,
        owner=owner,
        village=village,
        head_name=payload.head_name,
        starts_on=payload.starts_on,
        ends_on=payload.ends_on,
    )
    return Status(201, term)
