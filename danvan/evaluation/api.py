"""The evaluation over the API: rounds, ranking, a unit's scorecard, self-assessment and
appraisal (same services and Vietnamese messages as the pages).

No ``from __future__ import annotations`` here: django-ninja resolves the annotations of
paginated views in the namespace of its own wrapper, where string annotations are not found.
"""

from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext_lazy
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from danvan.core.api_types import Id, Int32, Year, model_text
from danvan.core.scoping import get_object_for_user

from . import services
from .models import Assessment, Scheme, SchemeStatus, Score
from .reports import ranking
from .scoring import outcome

router = Router(tags=["evaluation"])

_NO_PERMISSION = gettext_lazy("You may not score or review this evaluation form.")


class SchemeOut(Schema):
    id: int
    owner_id: int
    year: int
    title: str
    basis: str
    total_points: Decimal
    status: SchemeStatus
    decision_number: str
    version: int


class RankedOut(Schema):
    rank: int
    assessment_id: int
    unit_id: int
    unit_name: str
    total: Decimal
    band: str


class ScoreOut(Schema):
    criterion_id: int
    code: str
    title: str
    kind: str
    method: str
    max_points: Decimal
    figure: Decimal | None
    figure_of: Decimal | None
    computed_points: Decimal | None
    self_points: Decimal | None
    self_evidence: str
    appraised_points: Decimal | None
    appraisal_reason: str
    points: Decimal | None


class ScorecardOut(Schema):
    id: int
    scheme_id: int
    unit_id: int
    unit_name: str
    status: str
    total: Decimal
    band: str
    merged_units: str
    version: int = Field(description="Send it back when writing; a stale one gets 409.")
    scores: list[ScoreOut]


class SelfEntry(Schema):
    criterion_id: Id
    points: Decimal | None = Field(None, ge=0, le=100000)
    evidence: model_text(Score, "self_evidence") = ""  # type: ignore[valid-type]
    comment: model_text(Score, "self_comment") = ""  # type: ignore[valid-type]


class SelfIn(Schema):
    version: Int32
    entries: list[SelfEntry] = Field([], max_length=500)
    comment: model_text(Assessment, "self_comment") = ""  # type: ignore[valid-type]
    submit: bool = True


class AppraiseIn(Schema):
    version: Int32
    criterion_id: Id
    points: Decimal | None = Field(None, ge=0, le=100000)
    reason: model_text(Score, "appraisal_reason") = ""  # type: ignore[valid-type]


def _scorecard(a: Assessment) -> dict[str, Any]:
    scores = list(
        a.scores.select_related("criterion").order_by(
            "criterion__group__position", "criterion__position"
        )
    )
    result = outcome(scores, list(a.scheme.bands.all()), list(a.scheme.caps.select_related("cap")))
    return {
        "id": a.pk,
        "scheme_id": a.scheme_id,
        "unit_id": a.unit_id,
        "unit_name": a.unit.name,
        "status": a.status,
        "total": result.total,
        "band": result.band.name if result.band else "",
        "merged_units": a.merged_units,
        "version": a.version,
        "scores": [
            {
                "criterion_id": s.criterion_id,
                "code": s.criterion.code,
                "title": s.criterion.title,
                "kind": s.criterion.kind,
                "method": s.criterion.method,
                "max_points": s.criterion.max_points,
                "figure": s.figure,
                "figure_of": s.figure_of,
                "computed_points": s.computed_points,
                "self_points": s.self_points,
                "self_evidence": s.self_evidence,
                "appraised_points": s.appraised_points,
                "appraisal_reason": s.appraisal_reason,
                "points": s.points,
            }
            for s in scores
        ],
    }


@router.get("/schemes", response=list[SchemeOut], summary="Evaluation schemes in scope")
def list_schemes(request: HttpRequest, year: Year | None = None) -> Any:
    qs = Scheme.objects.visible_to(request.user)
    if year:
        qs = qs.filter(year=year)
    return list(qs.order_by("-year", "id")[:200])


@router.get("/schemes/{scheme_id}/ranking", response=list[RankedOut], summary="Ranking of a round")
def scheme_ranking(request: HttpRequest, scheme_id: Id) -> list[dict[str, Any]]:
    scheme = get_object_for_user(Scheme, request.user, pk=scheme_id)
    return [
        {
            "rank": r.position,
            "assessment_id": r.assessment.pk,
            "unit_id": r.assessment.unit_id,
            "unit_name": r.assessment.unit.name,
            "total": r.outcome.total,
            "band": r.outcome.band.name if r.outcome.band else "",
        }
        for r in ranking(scheme, Assessment.objects.visible_to(request.user))
    ]


def _assessment(request: HttpRequest, pk: int) -> Assessment:
    return get_object_for_user(
        Assessment.objects.select_related("scheme", "unit"), request.user, pk=pk
    )


@router.get("/assessments/{assessment_id}", response=ScorecardOut, summary="A unit's scorecard")
def get_scorecard(request: HttpRequest, assessment_id: Id) -> dict[str, Any]:
    return _scorecard(_assessment(request, assessment_id))


@router.post(
    "/assessments/{assessment_id}/self",
    response=ScorecardOut,
    summary="The unit's self-assessment",
    description="400 with a Vietnamese `detail`: points above the maximum, a manual point "
    "without evidence, self-assessment closed.",
)
def post_self(request: HttpRequest, assessment_id: Id, payload: SelfIn) -> dict[str, Any]:
    a = _assessment(request, assessment_id)
    entries = {e.criterion_id: e.dict() for e in payload.entries}
    try:
        services.self_assess(
            a,
            entries,
            comment=payload.comment,
            version=payload.version,
            submit=payload.submit,
            actor=request.user,
        )
    except PermissionDenied:
        raise HttpError(403, str(_NO_PERMISSION)) from None
    return _scorecard(_assessment(request, assessment_id))


@router.post(
    "/assessments/{assessment_id}/appraise",
    response=ScorecardOut,
    summary="The appraisal team's point for one criterion",
    description="A point different from the unit's needs its reason (400 otherwise).",
)
def post_appraise(request: HttpRequest, assessment_id: Id, payload: AppraiseIn) -> dict[str, Any]:
    a = _assessment(request, assessment_id)
    try:
        services.appraise(
            a,
            payload.criterion_id,
            payload.points,
            payload.reason,
            version=payload.version,
            actor=request.user,
        )
    except PermissionDenied:
        raise HttpError(403, str(_NO_PERMISSION)) from None
    return _scorecard(_assessment(request, assessment_id))
