"""The people's decisions over the API: record one and read its tally with the rule applied.

No ``from __future__ import annotations``: see the package docstring.
"""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Field, Schema, Status
from ninja.pagination import paginate

from danvan.core.api_types import Id, Int32, Pagination, model_text
from danvan.core.scoping import get_object_for_user
from danvan.orgs.models import OrgUnit

from ..models import (
    DecisionMatter,
    DecisionMethod,
    PeopleDecision,
)
from ..services import decisions as decide
from .common import UnitRef, router


class DecisionOut(Schema):
    id: int
    village: UnitRef
    matter_number: int
    title: str
    method: DecisionMethod
    noticed_on: dt.date
    held_on: dt.date
    households_total: int
    ballots: int
    votes_for: int
    votes_against: int
    passed: bool = Field(description="Derived from the threshold of Điều 21 on all households.")
    needed: int
    rule: str
    recognised_on: dt.date | None

    @staticmethod
    def resolve_matter_number(obj: Any) -> int:
        return int(obj.matter.number)

    @staticmethod
    def resolve_passed(obj: Any) -> bool:
        return obj.tally().passed  # type: ignore[no-any-return]

    @staticmethod
    def resolve_needed(obj: Any) -> int:
        return obj.tally().needed  # type: ignore[no-any-return]

    @staticmethod
    def resolve_rule(obj: Any) -> str:
        return obj.tally().rule  # type: ignore[no-any-return]


class DecisionIn(Schema):
    village_id: Id
    matter_number: int = Field(ge=1, le=6)
    title: model_text(PeopleDecision, "title")  # type: ignore[valid-type]
    method: DecisionMethod
    noticed_on: dt.date
    held_on: dt.date
    households_total: Int32
    households_opted_in: Int32 = 0
    ballots: Int32
    votes_for: Int32
    votes_against: Int32 = 0
    chaired_by: model_text(PeopleDecision, "chaired_by") = ""  # type: ignore[valid-type]
    record: model_text(PeopleDecision, "record") = ""  # type: ignore[valid-type]


@router.get("/decisions", response=list[DecisionOut], summary="Decisions of the people")
@paginate(Pagination)
def list_decisions(request: HttpRequest):  # type: ignore[no-untyped-def]
    qs = PeopleDecision.objects.visible_to(request.user).select_related("village", "matter")
    return qs.order_by("-held_on", "-id")


@router.post("/decisions", response={201: DecisionOut}, summary="Record and tally a decision")
def post_decision(request: HttpRequest, payload: DecisionIn) -> Status[PeopleDecision]:
    village = get_object_for_user(OrgUnit, request.user, pk=payload.village_id)
    data = payload.dict()
    data.pop("village_id")
    matter = DecisionMatter.objects.get(number=data.pop("matter_number"))
    decision = decide.record_decision(actor=request.user, village=village, matter=matter, **data)
    return Status(201, decision)
