"""Surveys in the permission matrix: leaders and officers run their unit's surveys; others read.

Citizens' responses and answers are read by the same scope (never written by an official)."""

from __future__ import annotations

from collections.abc import Callable
from itertools import count

from django.db import models

from danvan.accounts.models import RoleCode
from danvan.core.audit import SYSTEM
from danvan.orgs.models import OrgUnit
from danvan.surveys import services
from danvan.surveys.models import (
    Answer,
    IndexFormula,
    Question,
    QuestionGroup,
    Questionnaire,
    Response,
    SurveyTemplate,
)

from .support import open_questionnaire

_n = count(1)


def _questionnaire(unit: OrgUnit) -> Questionnaire:
    return open_questionnaire(unit, title=f"Ma trận {next(_n)}")


def _group(unit: OrgUnit) -> models.Model:
    return _questionnaire(unit).groups.get(position=1)  # type: ignore[no-any-return]


def _question(unit: OrgUnit) -> models.Model:
    return Question.objects.filter(group__questionnaire=_questionnaire(unit)).first()  # type: ignore[return-value]


def _response(unit: OrgUnit) -> models.Model:
    q = _questionnaire(unit)
    return services.submit_response(
        q, {"a": "5", "co": "Không", "c": "4"}, device_token=f"m{next(_n)}", actor=SYSTEM
    )


def _answer(unit: OrgUnit) -> models.Model:
    return _response(unit).answers.first()  # type: ignore[attr-defined]


CASES: dict[type[models.Model], Callable[[OrgUnit], models.Model]] = {
    Questionnaire: _questionnaire,
    QuestionGroup: _group,
    Question: _question,
    Response: _response,
    Answer: _answer,
}

_WRITERS = {RoleCode.SYSTEM_ADMIN, RoleCode.LEADER, RoleCode.OFFICER}
EXPECTED: dict[str, dict[type[models.Model], tuple[bool, bool]]] = {
    role.value: dict.fromkeys(CASES, (True, role in _WRITERS)) for role in RoleCode
}

NATIONAL_DATA: dict[type[models.Model], str] = {
    SurveyTemplate: "/admin/surveys/surveytemplate/",
    IndexFormula: "/admin/surveys/indexformula/",
}
