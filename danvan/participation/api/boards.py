"""The people's boards and the coordination programmes over the API.

No ``from __future__ import annotations``: see the package docstring.
"""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Schema
from ninja.pagination import paginate

from danvan.core.api_types import Id, Int32, Pagination, model_text
from danvan.core.scoping import get_object_for_user
from danvan.orgs.models import OrgUnit

from ..models import (
    BoardFinding,
    BoardKind,
    CoordinationProgramme,
    PeopleBoard,
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
