"""The commune's yearly duties to the people over the API: its year-end community meetings
(Điều 33) and whether each duty of the year is met (Điều 32, 33, 35).

No ``from __future__ import annotations``: see the package docstring.
"""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from danvan.core.api_types import Id, Pagination, Year, model_text
from danvan.core.scoping import get_object_for_user
from danvan.orgs.models import OrgUnit, OrgUnitKind

from .. import compliance as compliance_mod
from ..models import YearEndMeeting
from ..services import annual as annual_services
from .common import UnitRef, router


class YearEndMeetingOut(Schema):
    id: int
    owner: UnitRef
    village_id: int | None
    held_on: dt.date
    minutes: str


class YearEndMeetingIn(Schema):
    owner_id: Id
    village_id: Id | None = None
    held_on: dt.date
    minutes: model_text(YearEndMeeting, "minutes")  # type: ignore[valid-type]


class DutyOut(Schema):
    label: str
    basis: str
    met: bool
    evidence: str


@router.get(
    "/year-end-meetings", response=list[YearEndMeetingOut], summary="Year-end community meetings"
)
@paginate(Pagination)
def list_year_end_meetings(request: HttpRequest, year: Year | None = None):  # type: ignore[no-untyped-def]
    qs = YearEndMeeting.objects.visible_to(request.user).select_related("owner")
    if year:
        qs = qs.filter(held_on__year=year)
    return qs.order_by("-held_on", "id")


@router.post(
    "/year-end-meetings",
    response={201: YearEndMeetingOut},
    summary="Record a year-end community meeting (meets the commune's duty of its year)",
)
def post_year_end_meeting(
    request: HttpRequest, payload: YearEndMeetingIn
) -> Status[YearEndMeeting]:
    owner = get_object_for_user(OrgUnit, request.user, pk=payload.owner_id)
    village = None
    if payload.village_id is not None:
        village = OrgUnit.objects.current().filter(pk=payload.village_id, parent=owner).first()
        if village is None:
            raise HttpError(
                400, _("The village or residential group is not part of this commune or ward.")
            )
    meeting = annual_services.record_year_end_meeting(
        actor=request.user,
        owner=owner,
        village=village,
        held_on=payload.held_on,
        minutes=payload.minutes,
    )
    return Status(201, meeting)


@router.get(
    "/annual-duties/{unit_id}",
    response=list[DutyOut],
    summary="A commune's yearly duties to the people and whether each is met",
)
def get_annual_duties(request: HttpRequest, unit_id: Id, year: Year) -> list[Any]:
    unit = get_object_for_user(OrgUnit, request.user, pk=unit_id)
    if unit.kind != OrgUnitKind.COMMUNE:
        raise HttpError(400, _("These annual duties belong to communes and wards."))
    return compliance_mod.annual_duties(unit, year)
