"""«Dân vận khéo» models over the API: registry, register, reviews, commendations, counts.

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
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from danvan.core.api_types import Id, Pagination, Year, model_text
from danvan.core.scoping import get_object_for_user
from danvan.orgs.models import OrgUnit
from danvan.plans.models import Plan, Task

from .counts import YEARLY_TARGET, unit_counts
from .models import (
    Commendation,
    ContestEntry,
    Effectiveness,
    Exemplar,
    ExemplarField,
    ExemplarKind,
    ExemplarLevel,
    Review,
    ReviewCycle,
)
from .services import (
    add_commendation,
    add_contest_entry,
    add_review,
    create_exemplar,
    link_replication,
    update_exemplar,
)

router = Router(tags=["exemplars"])
_NO_PERMISSION = gettext_lazy("You may not record «Dân vận khéo» models of this unit.")


class UnitBrief(Schema):
    id: int
    name: str


class ExemplarReviewOut(Schema):
    id: int
    cycle: str
    reviewed_on: dt.date
    effectiveness: Effectiveness
    assessment: str


class ExemplarCommendationOut(Schema):
    id: int
    awarded_by: str
    form: str
    decision_number: str
    decided_on: dt.date


class ExemplarOut(Schema):
    id: int
    unit: UnitBrief
    title: str
    kind: ExemplarKind
    person_name: str
    field: ExemplarField
    level: ExemplarLevel
    plan_id: int | None = Field(description="The plan the model serves.")
    task_id: int | None = Field(description="The task of that plan it serves.")
    serves: str = Field(description="Note on the plan or task it serves (free text).")
    started_on: dt.date
    registered_with: str
    registered_on: dt.date | None
    replicates_id: int | None
    version: int


class ExemplarDetailOut(ExemplarOut):
    description: str
    evidence: str
    reviews: list[ExemplarReviewOut]
    commendations: list[ExemplarCommendationOut]
    photo_count: int


class ExemplarIn(Schema):
    unit_id: Id
    title: model_text(Exemplar, "title", min_length=1)  # type: ignore[valid-type]
    kind: ExemplarKind = ExemplarKind.COLLECTIVE
    person_name: model_text(Exemplar, "person_name") = ""  # type: ignore[valid-type]
    field: ExemplarField
    level: ExemplarLevel = ExemplarLevel.COMMUNE
    plan_id: Id | None = Field(None, description="A plan of the unit or one addressed to it.")
    task_id: Id | None = Field(None, description="A task of that plan (optional).")
    serves: model_text(Exemplar, "serves") = ""  # type: ignore[valid-type]
    started_on: dt.date
    description: model_text(Exemplar, "description") = ""  # type: ignore[valid-type]
    evidence: model_text(Exemplar, "evidence") = ""  # type: ignore[valid-type]
    registered_with: model_text(Exemplar, "registered_with") = ""  # type: ignore[valid-type]
    registered_on: dt.date | None = None
    replicates_id: Id | None = None


class ExemplarReviewIn(Schema):
    cycle: model_text(ReviewCycle, "code")  # type: ignore[valid-type]
    reviewed_on: dt.date
    effectiveness: Effectiveness
    assessment: model_text(Review, "assessment")  # type: ignore[valid-type]


class ExemplarCommendationIn(Schema):
    awarded_by: model_text(Commendation, "awarded_by")  # type: ignore[valid-type]
    form: model_text(Commendation, "form")  # type: ignore[valid-type]
    decision_number: model_text(Commendation, "decision_number")  # type: ignore[valid-type]
    decided_on: dt.date


class ExemplarContestIn(Schema):
    contest: model_text(ContestEntry, "contest", min_length=1)  # type: ignore[valid-type]
    held_on: dt.date
    result: model_text(ContestEntry, "result") = ""  # type: ignore[valid-type]


class ExemplarReplicatesIn(Schema):
    replicates_id: Id | None = Field(description="The original model; null unlinks.")


class ExemplarUnitCountOut(Schema):
    unit: UnitBrief
    new: int
    meets: bool


class ExemplarCountsOut(Schema):
    year: int
    target: int
    units: list[ExemplarUnitCountOut]


def _found(model: Any, request: HttpRequest, pk: int | None, missing: str) -> Any:
    """The row ``pk`` of ``model`` the caller may see; None for None; 400 when not found."""
    if pk is None:
        return None
    row = model.objects.visible_to(request.user).filter(pk=pk).first()
    if row is None:
        raise HttpError(400, missing)
    return row


def _detail(e: Exemplar) -> dict[str, Any]:
    return {
        **{f: getattr(e, f) for f in ExemplarOut.model_fields},
        "description": e.description,
        "evidence": e.evidence,
        "reviews": [
            {
                "id": r.pk,
                "cycle": r.cycle.name,
                "reviewed_on": r.reviewed_on,
                "effectiveness": r.effectiveness,
                "assessment": r.assessment,
            }
            for r in e.reviews.select_related("cycle")
        ],  # fmt: skip
        "commendations": list(e.commendations.all()),
        "photo_count": e.files.filter(is_photo=True).count(),
    }


@router.get("", response=list[ExemplarOut], summary="«Dân vận khéo» models visible to the caller")
@paginate(Pagination)
def list_exemplars(  # type: ignore[no-untyped-def]
    request: HttpRequest,
    field: ExemplarField | None = None,
    year: Year | None = None,
    unit_id: Id | None = None,
):
    qs = Exemplar.objects.visible_to(request.user).select_related("unit")
    if field:
        qs = qs.filter(field=field)
    if year:
        qs = qs.filter(started_on__year=year)
    if unit_id:
        qs = qs.filter(unit_id=unit_id)
    return qs.order_by("-started_on", "-id")


@router.post("", response={201: ExemplarDetailOut}, summary="Register a model")
def post_exemplar(request: HttpRequest, payload: ExemplarIn) -> Status[dict[str, Any]]:
    unit = get_object_for_user(OrgUnit, request.user, pk=payload.unit_id)
    data = payload.dict()
    data.pop("unit_id")
    replicates_id = data.pop("replicates_id")
    data["plan"] = _found(
        Plan, request, data.pop("plan_id"), _("The plan the model serves was not found.")
    )
    data["task"] = _found(
        Task, request, data.pop("task_id"), _("The task the model serves was not found.")
    )
    original = None
    if replicates_id is not None:
        original = Exemplar.objects.visible_to(request.user).filter(pk=replicates_id).first()
        if original is None:
            raise HttpError(400, _("The original model being replicated was not found."))
    try:
        exemplar = create_exemplar(unit, replicates=original, **data, actor=request.user)
    except PermissionDenied:
        raise HttpError(403, str(_NO_PERMISSION)) from None
    return Status(201, _detail(exemplar))


@router.get("/counts", response=ExemplarCountsOut, summary="New models per unit against one a year")
def get_counts(request: HttpRequest, unit_id: Id, year: Year | None = None) -> dict[str, Any]:
    root = get_object_for_user(OrgUnit, request.user, pk=unit_id)
    year = year or timezone.localdate().year
    rows = unit_counts(root, year)
    return {
        "year": year,
        "target": YEARLY_TARGET,
        "units": [{"unit": r.unit, "new": r.new, "meets": r.meets} for r in rows],
    }


@router.get("/{exemplar_id}", response=ExemplarDetailOut, summary="One model")
def get_exemplar(request: HttpRequest, exemplar_id: Id) -> dict[str, Any]:
    return _detail(
        get_object_for_user(Exemplar.objects.select_related("unit"), request.user, pk=exemplar_id)
    )


@router.post("/{exemplar_id}/reviews", response={201: ExemplarDetailOut}, summary="Review a model")
def post_review(
    request: HttpRequest, exemplar_id: Id, payload: ExemplarReviewIn
) -> Status[dict[str, Any]]:
    exemplar = get_object_for_user(Exemplar, request.user, pk=exemplar_id)
    cycle = ReviewCycle.objects.filter(code=payload.cycle).first()
    if cycle is None:
        raise HttpError(400, _("The review cycle is not valid (hang-nam, so-ket, tong-ket)."))
    data = payload.dict()
    data.pop("cycle")
    try:
        add_review(exemplar, cycle=cycle, **data, actor=request.user)
    except PermissionDenied:
        raise HttpError(403, str(_NO_PERMISSION)) from None
    return Status(201, _detail(exemplar))


@router.post(
    "/{exemplar_id}/commendations",
    response={201: ExemplarDetailOut},
    summary="Record a commendation",
)
def post_commendation(
    request: HttpRequest, exemplar_id: Id, payload: ExemplarCommendationIn
) -> Status[dict[str, Any]]:
    exemplar = get_object_for_user(Exemplar, request.user, pk=exemplar_id)
    try:
        add_commendation(exemplar, **payload.dict(), actor=request.user)
    except PermissionDenied:
        raise HttpError(403, str(_NO_PERMISSION)) from None
    return Status(201, _detail(exemplar))


@router.post(
    "/{exemplar_id}/contests", response={201: ExemplarDetailOut}, summary="Record a contest entry"
)
def post_contest(
    request: HttpRequest, exemplar_id: Id, payload: ExemplarContestIn
) -> Status[dict[str, Any]]:
    exemplar = get_object_for_user(Exemplar, request.user, pk=exemplar_id)
    try:
        add_contest_entry(exemplar, **payload.dict(), actor=request.user)
    except PermissionDenied:
        raise HttpError(403, str(_NO_PERMISSION)) from None
    return Status(201, _detail(exemplar))


@router.put(
    "/{exemplar_id}/replicates",
    response={200: ExemplarDetailOut},
    summary="Record which model this one replicates",
)
def put_replicates(
    request: HttpRequest, exemplar_id: Id, payload: ExemplarReplicatesIn
) -> dict[str, Any]:
    exemplar = get_object_for_user(
        Exemplar.objects.select_related("unit"), request.user, pk=exemplar_id
    )
    original = None
    if payload.replicates_id is not None:
        original = (
            Exemplar.objects.visible_to(request.user).filter(pk=payload.replicates_id).first()
        )
        if original is None:
            raise HttpError(400, _("The original model being replicated was not found."))
    try:
        link_replication(exemplar, original, actor=request.user)
    except PermissionDenied:
        raise HttpError(403, str(_NO_PERMISSION)) from None
    return _detail(exemplar)


class ExemplarServesIn(Schema):
    version: Id = Field(description="The version read; an older one is refused (409).")
    plan_id: Id | None = Field(None, description="A plan of the unit or one addressed to it.")
    task_id: Id | None = Field(None, description="A task of that plan (optional).")
    serves: model_text(Exemplar, "serves") = ""  # type: ignore[valid-type]


@router.put(
    "/{exemplar_id}/serves",
    response={200: ExemplarDetailOut},
    summary="Record the plan (and task) the model serves",
)
def put_serves(request: HttpRequest, exemplar_id: Id, payload: ExemplarServesIn) -> dict[str, Any]:
    exemplar = get_object_for_user(
        Exemplar.objects.select_related("unit"), request.user, pk=exemplar_id
    )
    plan = _found(Plan, request, payload.plan_id, _("The plan the model serves was not found."))
    task = _found(Task, request, payload.task_id, _("The task the model serves was not found."))
    try:
        updated = update_exemplar(
            exemplar, version=payload.version, plan=plan, task=task, serves=payload.serves,
            actor=request.user,
        )  # fmt: skip
    except PermissionDenied:
        raise HttpError(403, str(_NO_PERMISSION)) from None
    return _detail(updated)
