import datetime as dt

from django.db.models import Q
from django.http import HttpRequest
from ninja import Field, FilterSchema, Query, Router, Schema
from ninja.pagination import paginate

from danvan.core.api_types import Id, Pagination, text
from danvan.core.scoping import get_object_for_user

from .models import OrgUnit, OrgUnitKind, exists_on
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


class OrgUnitFilter(FilterSchema):
    q: text(200) | None = Field(  # type: ignore[valid-type]
        None, description="Accent-insensitive search: 'cao bang' finds 'Cao Bằng'."
    )
    kind: OrgUnitKind | None = None
    parent_id: Id | None = None
    current: bool | None = Field(None, description="Only units that exist today.")

    def filter_q(self, value: str | None) -> Q:
        return Q()  # applied in the view through OrgUnitQuerySet.search

    def filter_current(self, value: bool | None) -> Q:
        if value is None:
            return Q()
        return exists_on() if value else ~exists_on()


@router.get("", response=list[OrgUnitOut], summary="List org units visible to the caller")
@paginate(Pagination)
def list_units(request: HttpRequest, filters: Query[OrgUnitFilter]):  # type: ignore[no-untyped-def]
    qs = OrgUnit.objects.visible_to(request.user)
    if filters.q:
        qs = qs.search(filters.q)
    return filters.filter(qs).order_by("path")


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
