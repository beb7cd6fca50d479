"""Disclosures over the API: record one, read them with their derived compliance, and the
compliance of the communes under a unit in a year.

No ``from __future__ import annotations``: see the package docstring.
"""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from danvan.core.api_types import Id, Pagination, Year, model_text
from danvan.core.scoping import get_object_for_user
from danvan.orgs.models import OrgUnit

from .. import compliance as compliance_mod
from ..models import (
    Channel,
    Disclosure,
    DisclosureChannelUse,
    DisclosureItem,
)
from ..services import disclosure as disclose
from .common import UnitRef, router


class ChannelSchema(Schema):
    channel: Channel
    starts_on: dt.date
    ends_on: dt.date | None = None
    place: model_text(DisclosureChannelUse, "place") = ""  # type: ignore[valid-type]


class ComplianceFindingOut(Schema):
    code: str
    message: str


class DisclosureOut(Schema):
    id: int
    owner: UnitRef
    item_code: str
    title: str
    document_reference: str
    decided_on: dt.date
    due_on: dt.date = Field(description="Disclose by: working days after the decision.")
    channels: list[ChannelSchema]
    findings: list[ComplianceFindingOut] = Field(
        description="Derived: late, too short, not on the radio."
    )

    @staticmethod
    def resolve_item_code(obj: Any) -> str:
        return str(obj.item.code)

    @staticmethod
    def resolve_due_on(obj: Any) -> dt.date:
        return _checked(obj).due_on

    @staticmethod
    def resolve_channels(obj: Any) -> list[dict[str, Any]]:
        return [
            {"channel": c.channel, "starts_on": c.starts_on, "ends_on": c.ends_on, "place": c.place}
            for c in obj.channels.all()
        ]

    @staticmethod
    def resolve_findings(obj: Any) -> list[dict[str, str]]:
        return [{"code": f.code, "message": f.message} for f in _checked(obj).findings]


class DisclosureIn(Schema):
    owner_id: Id
    item_code: model_text(DisclosureItem, "code")  # type: ignore[valid-type]
    title: model_text(Disclosure, "title")  # type: ignore[valid-type]
    document_reference: model_text(Disclosure, "document_reference") = ""  # type: ignore[valid-type]
    text: model_text(Disclosure, "text") = ""  # type: ignore[valid-type]
    decided_on: dt.date
    channels: list[ChannelSchema] = Field(max_length=20)


def _checked(d: Disclosure) -> compliance_mod.DisclosureCheck:
    """The compliance of one disclosure, computed once per object and answer."""
    cached = d.__dict__.get("_check")
    if cached is None:
        cached = d.__dict__["_check"] = compliance_mod.check(d)
    return cached  # type: ignore[no-any-return]


@router.get("/disclosures", response=list[DisclosureOut], summary="Disclosures")
@paginate(Pagination)
def list_disclosures(request: HttpRequest, year: Year | None = None):  # type: ignore[no-untyped-def]
    qs = Disclosure.objects.visible_to(request.user).select_related("owner", "item")
    if year:
        qs = qs.filter(decided_on__year=year)
    return qs.prefetch_related("channels").order_by("-decided_on", "-id")


@router.post("/disclosures", response={201: DisclosureOut}, summary="Record a disclosure")
def post_disclosure(request: HttpRequest, payload: DisclosureIn) -> Status[Disclosure]:
    owner = get_object_for_user(OrgUnit, request.user, pk=payload.owner_id)
    item = DisclosureItem.objects.filter(code=payload.item_code).first()
    if item is None:
        raise HttpError(400, _("There is no disclosure item with this code."))
    disclosure = disclose.record_disclosure(
        actor=request.user,
        owner=owner,
        item=item,
        title=payload.title,
        document_reference=payload.document_reference,
        text=payload.text,
        decided_on=payload.decided_on,
        channels=[
            disclose.ChannelInput(c.channel, c.starts_on, c.ends_on, c.place)
            for c in payload.channels
        ],
    )
    return Status(201, disclosure)


@router.get("/disclosures/{disclosure_id}", response=DisclosureOut, summary="One disclosure")
def get_disclosure(request: HttpRequest, disclosure_id: Id) -> Disclosure:
    return get_object_for_user(
        Disclosure.objects.select_related("owner", "item"), request.user, pk=disclosure_id
    )


class DisclosureComplianceOut(Schema):
    unit: UnitRef
    year: int
    made: int
    missing: int
    late: int
    too_short: int
    no_radio: int
    compliant: bool


@router.get(
    "/compliance/{unit_id}",
    response=list[DisclosureComplianceOut],
    summary="Disclosure compliance of the communes under a unit in a year",
)
def get_compliance(request: HttpRequest, unit_id: Id, year: Year) -> list[dict[str, Any]]:
    unit = get_object_for_user(OrgUnit, request.user, pk=unit_id)
    return [
        {
            "unit": r.unit,
            "year": r.year,
            "made": r.made,
            "missing": r.missing,
            "late": r.late,
            "too_short": r.too_short,
            "no_radio": r.no_radio,
            "compliant": r.compliant,
        }
        for r in compliance_mod.rollup(unit, year)
    ]
