import datetime as dt

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from danvan.core.api_types import Id, Pagination
from danvan.core.lists import filter_api, filter_schema
from danvan.core.scoping import get_object_for_user

from .filters import OrgUnitFilter
from .models import OrgUnit, OrgUnitKind
from .services import history_of_unit, successors_of

router = Router(tags=["org-units"])


class OrgUnitOut(Schema):
    id: int
    name: str
    short_name: str
    code: str
    key: str
    kind: OrgUnitKind
    parent_id: int | None
    depth: int
    valid_from: dt.date | None
    valid_to: dt.date | None


class UnitRef(Schema):
    id: int
    name: str
    key: str


class OrgUnitEventOut(Schema):
    id: int
    kind: str
    effective_on: dt.date
    legal_basis: str
    description: str
    old_name: str
    new_name: str
    predecessors: list[UnitRef]
    successors: list[UnitRef]


class OrgUnitHistoryOut(Schema):
    unit: OrgUnitOut
    events: list[OrgUnitEventOut]
    current_successors: list[UnitRef]


OrgUnitQuery = filter_schema(OrgUnitFilter)


@router.get("", response=list[OrgUnitOut], summary="List org units visible to the caller")
@paginate(Pagination)
def list_units(request: HttpRequest, filters: Query[OrgUnitQuery]):  # type: ignore[no-untyped-def,valid-type]
    qs = OrgUnit.objects.visible_to(request.user)
    return filter_api(OrgUnitFilter, filters, qs, request)


@router.get("/{unit_id}", response=OrgUnitOut, summary="One org unit")
def get_unit(request: HttpRequest, unit_id: Id) -> OrgUnit:
    return get_object_for_user(OrgUnit, request.user, pk=unit_id)


@router.get(
    "/{unit_id}/subtree", response=list[OrgUnitOut], summary="The unit and everything under it"
)
@paginate(Pagination)
def subtree(request: HttpRequest, unit_id: Id, current: bool = False):  # type: ignore[no-untyped-def]
    unit = get_object_for_user(OrgUnit, request.user, pk=unit_id)
    qs = OrgUnit.objects.visible_to(request.user).subtree(unit)
    return (qs.current() if current else qs).order_by("path")


@router.get("/{unit_id}/history", response=OrgUnitHistoryOut, summary="Renames, merges and splits")
def history(request: HttpRequest, unit_id: Id) -> dict[str, object]:
    unit = get_object_for_user(OrgUnit, request.user, pk=unit_id)
    return {
        "unit": unit,
        "events": history_of_unit(unit).prefetch_related("predecessors", "successors"),
        "current_successors": successors_of(unit) if unit.valid_to else [],
    }
