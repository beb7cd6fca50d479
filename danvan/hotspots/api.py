"""Hotspots over the API: opinion signals, candidate hotspots, confirmed hotspots, rules, volumes.

No ``from __future__ import annotations`` here: django-ninja resolves the annotations of
paginated views in the namespace of its own wrapper, where string annotations are not found.
"""

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from danvan.core.api_types import Id, Pagination, model_int, model_text
from danvan.core.lists import filter_api, filter_schema
from danvan.core.scoping import get_object_for_user
from danvan.orgs.models import OrgUnit
from danvan.petitions.models import Petition, Topic

from .filters import CaseFilter, SignalFilter
from .models import HotspotCase, HotspotRule, HotspotStatus, OpinionSignal, RuleKind, SignalSource
from .services import confirm_hotspot, log_signal, visible_candidates
from .stats import month_start, volumes

router = Router(tags=["hotspots"])
SignalQuery = filter_schema(SignalFilter)
CaseQuery = filter_schema(CaseFilter)

_NO_PERMISSION = gettext_lazy("You may not record public opinion or confirm hotspots in this unit.")


class Ref(Schema):
    id: int
    name: str


class SignalOut(Schema):
    id: int
    owner_id: int
    place: Ref
    topic: Ref
    source: SignalSource
    observed_on: dt.date
    summary: str
    people_involved: int | None


class SignalIn(Schema):
    owner_id: Id
    place_id: Id
    topic_id: Id
    source: SignalSource
    observed_on: dt.date
    summary: model_text(OpinionSignal, "summary")  # type: ignore[valid-type]
    people_involved: model_int(OpinionSignal, "people_involved") | None = None  # type: ignore[valid-type]


class RuleOut(Schema):
    code: str
    name: str
    kind: RuleKind
    threshold: int
    window_days: int
    count_petitions: bool
    count_signals: bool
    description: str
    basis: str
    is_active: bool


class CandidateOut(Schema):
    rule: str
    rule_name: str
    place: Ref
    topic: Ref
    petitions: int
    signals: int
    window_start: dt.date
    window_end: dt.date
    confirmed_case_id: int | None


class ConfirmIn(Schema):
    rule: model_text(HotspotRule, "code")  # type: ignore[valid-type]
    place_id: Id
    topic_id: Id
    note: model_text(HotspotCase, "note")  # type: ignore[valid-type]


class CaseOut(Schema):
    id: int
    owner_id: int
    place: Ref
    topic: Ref
    rule: str | None
    window_start: dt.date
    window_end: dt.date
    petitions_count: int
    signals_count: int
    note: str
    status: HotspotStatus
    confirmed_at: dt.datetime
    resolved_on: dt.date | None

    @staticmethod
    def resolve_rule(obj: Any) -> str | None:
        return obj.rule.code if obj.rule_id else None


class VolumeRow(Schema):
    key: str
    label: str
    petitions: int
    signals: int


class VolumesOut(Schema):
    start: dt.date
    end: dt.date
    by_commune: list[VolumeRow]
    by_topic: list[VolumeRow]
    by_month: list[VolumeRow]


@router.get("/signals", response=list[SignalOut], summary="Opinion signals visible to the caller")
@paginate(Pagination)
def list_signals(request: HttpRequest, filters: Query[SignalQuery]):  # type: ignore[no-untyped-def,valid-type]
    qs = OpinionSignal.objects.visible_to(request.user).select_related("place", "topic")
    return filter_api(SignalFilter, filters, qs, request)


@router.post(
    "/signals",
    response={201: SignalOut},
    summary="Log an opinion signal",
    description="400 with a Vietnamese `detail` for bad input (e.g. a date in the future).",
)
def post_signal(request: HttpRequest, payload: SignalIn) -> Status[OpinionSignal]:
    owner = get_object_for_user(OrgUnit, request.user, pk=payload.owner_id)
    place = OrgUnit.objects.filter(pk=payload.place_id).first()
    topic = Topic.objects.filter(pk=payload.topic_id).first()
    if place is None:
        raise HttpError(400, _("The commune or ward where it arises was not found."))
    if topic is None:
        raise HttpError(400, _("The field was not found."))
    try:
        signal = log_signal(
            owner,
            place=place,
            topic=topic,
            source=payload.source,
            observed_on=payload.observed_on,
            summary=payload.summary,
            people_involved=payload.people_involved,
            actor=request.user,
        )
    except PermissionDenied:
        raise HttpError(403, str(_NO_PERMISSION)) from None
    return Status(201, signal)


# Not paged: the national rule catalogue, a handful of rows edited by superusers (core.lists).
@router.get("/rules", response=list[RuleOut], summary="Hotspot rules (national data)")
def list_rules(request: HttpRequest) -> list[HotspotRule]:
    return list(HotspotRule.objects.all())


@router.get(
    "/candidates",
    response=list[CandidateOut],
    summary="Candidate hotspots flagged now over the caller's petitions and signals",
)
@paginate(Pagination)
def list_candidates(request: HttpRequest) -> Any:
    return [
        {
            "rule": c.rule.code,
            "rule_name": c.rule.name,
            "place": c.place,
            "topic": c.topic,
            "petitions": c.petitions,
            "signals": c.signals,
            "window_start": c.window_start,
            "window_end": c.window_end,
            "confirmed_case_id": c.confirmed.pk if c.confirmed else None,
        }
        for c in visible_candidates(request.user)
    ]


@router.get("/cases", response=list[CaseOut], summary="Confirmed hotspots")
@paginate(Pagination)
def list_cases(request: HttpRequest, filters: Query[CaseQuery]):  # type: ignore[no-untyped-def,valid-type]
    qs = HotspotCase.objects.visible_to(request.user).select_related("place", "topic", "rule")
    return filter_api(CaseFilter, filters, qs, request)


@router.post("/cases", response={201: CaseOut}, summary="Confirm a candidate as a hotspot")
def post_case(request: HttpRequest, payload: ConfirmIn) -> Status[HotspotCase]:
    try:
        case = confirm_hotspot(
            rule_code=payload.rule,
            place_id=payload.place_id,
            topic_id=payload.topic_id,
            note=payload.note,
            actor=request.user,
        )
    except PermissionDenied:
        raise HttpError(403, str(_NO_PERMISSION)) from None
    return Status(201, case)


@router.get(
    "/volumes", response=VolumesOut, summary="Petitions and signals by commune, topic, month"
)
def get_volumes(request: HttpRequest, months: int = Query(12, ge=1, le=36)) -> dict[str, Any]:
    today = timezone.localdate()
    start = month_start(today, months - 1)
    figures = volumes(
        Petition.objects.visible_to(request.user),
        OpinionSignal.objects.visible_to(request.user),
        start,
        today,
    )
    return {
        "start": start,
        "end": today,
        **{
            name: [
                {
                    "key": str(r.key),
                    "label": r.label,
                    "petitions": r.petitions,
                    "signals": r.signals,
                }
                for r in rows
            ]
            for name, rows in figures.items()
        },
    }
