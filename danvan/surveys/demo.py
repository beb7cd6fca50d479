"""Demo satisfaction surveys for several Cao Bằng units, with a few hundred answers.

Idempotent (a unit that already has its demo questionnaire is skipped) and deterministic (a
seeded random generator), so the index on the demo is the same on every run.
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from danvan.accounts.models import User
from danvan.core.audit import SYSTEM
from danvan.orgs.models import OrgUnit, OrgUnitKind

from . import services
from .models import QuestionKind, Questionnaire, QuestionnaireStatus, SurveyTemplate

TITLE = "Khảo sát sự hài lòng của người dân"
#: How many answers each demo unit receives, and how satisfied its people are (0–1).
PER_UNIT = 60
UNITS = 6


def _answers(questions: list, rng: random.Random, mood: float) -> dict:
    answers: dict = {}
    for q in questions:
        if q.kind == QuestionKind.SCALE:
            level = (
                5
                if rng.random() < mood * 0.6
                else (4 if rng.random() < mood else rng.choice([1, 2, 3]))
            )
            answers[q.code] = str(level)
        elif q.kind == QuestionKind.SINGLE:
            answers[q.code] = q.choices[0] if rng.random() > mood else q.choices[-1]
        elif q.kind == QuestionKind.MULTIPLE:
            answers[q.code] = [rng.choice(q.choices)]
        elif rng.random() < 0.2:
            answers[q.code] = "Mong rút ngắn thời gian chờ."
    return answers


def seed_surveys_demo() -> int:
    template = SurveyTemplate.objects.filter(code="sipas-2023").first()
    actor = (
        User.objects.filter(username="tinh.lanhdao").first()
        or User.objects.filter(is_superuser=True).first()
    )
    if template is None or actor is None:
        return 0
    units = list(
        OrgUnit.objects.current()
        .filter(key__startswith="w", kind=OrgUnitKind.COMMUNE, path__startswith=_province_path())
        .order_by("path")[:UNITS]
    ) + list(OrgUnit.objects.filter(key="p04.so-noi-vu"))
    rng = random.Random(2025)
    made = 0
    year = timezone.localdate().year - 1
    for n, unit in enumerate(units):
        if Questionnaire.objects.filter(owner=unit, title=TITLE).exists():
            continue
        with transaction.atomic():
            questionnaire = services.create_questionnaire(
                unit, title=TITLE, year=year, template=template, for_petitions=True, actor=actor
            )
            services.set_status(
                questionnaire, QuestionnaireStatus.OPEN, questionnaire.version, actor=actor
            )
            questionnaire.refresh_from_db()
            questions = services.ordered_questions(questionnaire)
            mood = 0.55 + 0.07 * n
            for i in range(PER_UNIT):
                response = services.submit_response(
                    questionnaire,
                    _answers(questions, rng, mood),
                    device_token=f"demo-{unit.pk}-{i}",
                    actor=SYSTEM,
                )
                # Spread the answers over last year, so the index has a year to belong to.
                response.submitted_at = timezone.now().replace(
                    year=year, month=1, day=15
                ) + timedelta(days=(i * 5) % 340)
                response.save(update_fields=["submitted_at"])
            made += 1
    return made


def _province_path() -> str:
    province = OrgUnit.objects.filter(key="p04").first()
    return province.path if province else "~"
