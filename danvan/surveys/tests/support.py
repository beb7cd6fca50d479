"""Helpers of the surveys tests: a small questionnaire built through the services."""

from __future__ import annotations

from typing import Any

from danvan.orgs.models import OrgUnit
from danvan.surveys import services
from danvan.surveys.models import Questionnaire, QuestionnaireStatus, SurveyTemplate
from danvan.testing.fixtures import official

SMALL = {
    "groups": [
        {
            "title": "Dịch vụ",
            "aspect": "service",
            "questions": [
                {"code": "a", "text": "Câu A", "kind": "scale"},
                {"code": "b", "text": "Câu B", "kind": "scale", "required": False},
                {
                    "code": "co",
                    "text": "Có khó khăn?",
                    "kind": "single",
                    "choices": ["Có", "Không"],
                },
                {
                    "code": "vi-sao",
                    "text": "Khó khăn gì?",
                    "kind": "multiple",
                    "choices": ["Hồ sơ", "Thời gian"],
                    "show_if": {"code": "co", "values": ["Có"]},
                },
            ],
        },
        {
            "title": "Chính sách",
            "aspect": "policy",
            "questions": [{"code": "c", "text": "Câu C", "kind": "scale"}],
        },
    ]
}


def small_template() -> SurveyTemplate:
    return SurveyTemplate.objects.create(
        code="thu-nghiem", name="Thử nghiệm", basis="Quyết định thử", definition=SMALL
    )


def open_questionnaire(unit: OrgUnit, by: Any = None, **kwargs: Any) -> Questionnaire:
    """A published questionnaire of ``unit``, made by ``by`` (an officer of the unit if left out)."""
    actor = by or official(
        "officer", unit, username=f"ks-{unit.pk}-{Questionnaire.objects.count()}"
    )
    questionnaire = services.create_questionnaire(
        unit,
        title=kwargs.pop("title", "Khảo sát"),
        year=kwargs.pop("year", 2026),
        template=kwargs.pop("template", None) or small_template_once(),
        **kwargs,
        actor=actor,
    )
    services.set_status(questionnaire, QuestionnaireStatus.OPEN, questionnaire.version, actor=actor)
    questionnaire.refresh_from_db()
    return questionnaire


def small_template_once() -> SurveyTemplate:
    return SurveyTemplate.objects.filter(code="thu-nghiem").first() or small_template()
