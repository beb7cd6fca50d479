"""Satisfaction surveys: one commune or department in ten runs the SIPAS questionnaire each year,
answered by a score of people (the evaluation's satisfaction criteria read these answers)."""

from __future__ import annotations

import datetime as dt
import hashlib

from .base import Context, bulk_write, part

#: The SIPAS 2023 questions answered on the 1–5 scale, with the lowest level generated.
SCALED = (
    ("tiep-can", 2), ("thu-tuc", 3), ("cong-chuc", 4), ("ket-qua", 3), ("cs-xay-dung", 3),
    ("cs-thuc-thi", 2), ("hl-chung", 3),
)  # fmt: skip


def _device(ctx: Context, unit_key: str, year: int, n: int) -> str:
    # Of the unit, the year and the respondent: the same on every run (ids are not).
    return hashlib.sha256(f"{ctx.seed}:{unit_key}:{year}:{n}".encode()).hexdigest()


@part("surveys")
def generate(ctx: Context) -> None:
    """satisfaction questionnaires with their responses and answers"""
    from danvan.core.audit import SYSTEM
    from danvan.surveys import services
    from danvan.surveys.models import Answer, Response, SurveyTemplate

    template = SurveyTemplate.objects.filter(code="sipas-2023").first()
    if template is None:
        return
    for province in ctx.pending_provinces():
        rng = ctx.rng(province.key)
        units = [*ctx.communes(province), *ctx.departments(province)]
        units.sort(key=lambda u: u.path)
        with ctx.chunk(province.key) as written:
            for unit in units[:: ctx.size.survey_every]:
                for year in ctx.size.years:
                    q = services.create_questionnaire(
                        unit, title=f"Khảo sát sự hài lòng năm {year} (SIPAS)", year=year,
                        template=template, actor=SYSTEM,
                    )  # fmt: skip
                    questions = {x.code: x.pk for x in services.ordered_questions(q)}
                    when = dt.datetime(year, 6, 1, 1, tzinfo=dt.UTC)
                    responses = Response.objects.bulk_create(
                        Response(
                            questionnaire=q,
                            submitted_at=when + dt.timedelta(hours=n),
                            device_hash=_device(ctx, unit.key, year, n),
                        )  # fmt: skip
                        for n in range(ctx.size.survey_responses)
                    )
                    written[0] += 1 + len(responses)
                    written[0] += bulk_write(
                        Answer,
                        (
                            Answer(
                                response_id=r.pk,
                                question_id=questions[code],
                                scale=rng.randint(low, 5),
                            )  # fmt: skip
                            for r in responses
                            for code, low in SCALED
                            if code in questions
                        ),
                    )
