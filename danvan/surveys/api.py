"""Surveys over the API: questionnaires in scope and their satisfaction index (read only;
citizens answer on the public page, not through the API).

No ``from __future__ import annotations`` here: django-ninja resolves the annotations of
paginated views in the namespace of its own wrapper, where string annotations are not found.
"""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from danvan.core.api_types import Id, Pagination, Year
from danvan.core.scoping import get_object_for_user
from danvan.orgs.models import OrgUnit

from .index import by_owner, compute, primary_formula
from .models import IndexFormula, Questionnaire, QuestionnaireStatus

router = Router(tags=["surveys"])


class QuestionnaireOut(Schema):
    id: int
    owner_id: int
    owner_name: str
    title: str
    year: int
    edition: int
    status: QuestionnaireStatus
    basis: str
    for_petitions: bool
    phone_verification: bool
    public_path: str
    created_at: dt.datetime


class FormulaOut(Schema):
    code: str
    name: str
    kind: str
    description: str
    basis: str


class QuestionFigureOut(Schema):
    code: str
    text: str
    respondents: int
    value: Decimal | None


class AspectOut(Schema):
    aspect: str
    label: str
    value: Decimal | None
    questions: list[QuestionFigureOut]


class IndexOut(Schema):
    unit_id: int
    year: int
    formula: FormulaOut
    respondents: int
    overall: Decimal | None
    aspects: list[AspectOut]


class UnitIndexOut(Schema):
    unit_id: int
    unit_name: str
    value: Decimal | None


def _formula(code: str | None) -> IndexFormula:
    formula = IndexFormula.objects.filter(code=code).first() if code else primary_formula()
    if formula is None:
        raise Http404
    return formula


def _out(q: Questionnaire) -> dict[str, Any]:
    return {
        "id": q.pk,
        "owner_id": q.owner_id,
        "owner_name": q.owner.name,
        "title": q.title,
        "year": q.year,
        "edition": q.edition,
        "status": q.status,
        "basis": q.basis,
        "for_petitions": q.for_petitions,
        "phone_verification": q.phone_verification,
        "public_path": f"/khao-sat/{q.public_key}/",
        "created_at": q.created_at,
    }


@router.get("/questionnaires", response=list[QuestionnaireOut], summary="Questionnaires in scope")
@paginate(Pagination)
def list_questionnaires(  # type: ignore[no-untyped-def]
    request: HttpRequest, year: Year | None = None, owner_id: Id | None = None
):
    qs = Questionnaire.objects.visible_to(request.user).select_related("owner")
    if year:
        qs = qs.filter(year=year)
    if owner_id:
        qs = qs.filter(owner_id=owner_id)
    return [_out(q) for q in qs.order_by("-year", "owner__path", "-edition")]


@router.get(
    "/questionnaires/{questionnaire_id}/index",
    response=IndexOut,
    summary="Satisfaction index of the questionnaire's unit and year",
    description="By aspect and question; `formula` is a formula code (default: the primary one).",
)
def questionnaire_index(
    request: HttpRequest, questionnaire_id: Id, formula: str | None = None
) -> dict[str, Any]:
    q = get_object_for_user(Questionnaire, request.user, pk=questionnaire_id)
    chosen = _formula((formula or "")[:40] or None)
    result = compute(Questionnaire.objects.filter(owner_id=q.owner_id, year=q.year), chosen)
    return {
        "unit_id": q.owner_id,
        "year": q.year,
        "formula": chosen,
        "respondents": result.respondents,
        "overall": result.overall,
        "aspects": [
            {"aspect": a.aspect, "label": str(a.label), "value": a.value, "questions": a.questions}
            for a in result.aspects
        ],
    }


@router.get("/compare", response=list[UnitIndexOut], summary="Index of every unit in scope")
def compare(request: HttpRequest, year: Year, formula: str | None = None) -> list[dict[str, Any]]:
    chosen = _formula((formula or "")[:40] or None)
    figures = by_owner(Questionnaire.objects.visible_to(request.user).filter(year=year), chosen)
    names = dict(OrgUnit.objects.filter(pk__in=figures).values_list("pk", "name"))
    return [
        {"unit_id": pk, "unit_name": names.get(pk, ""), "value": value}
        for pk, value in sorted(figures.items(), key=lambda kv: -(kv[1] or 0))
    ]
