"""The satisfaction index, computed when read from the raw 1–5 answers.

With a formula of kind ``share`` (the primary view, after SIPAS — Quyết định 1001/QĐ-BNV): a
question's figure is the share, in percent, of its respondents who chose a satisfied level
(«hài lòng» 4 or «rất hài lòng» 5); with kind ``mean`` it is the mean level (1–5). An aspect's
figure is the mean of its questions' figures, a unit's the mean of its aspects' figures, so a
question answered by many does not outweigh the others. Only scale questions count. Questions
are matched across editions by their code. Each figure is one aggregate query.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum

from .models import Answer, Aspect, FormulaKind, IndexFormula, QuestionKind

TWO = Decimal("0.01")


def primary_formula() -> IndexFormula | None:
    return IndexFormula.objects.order_by("-is_primary", "code").first()


@dataclass
class QuestionFigure:
    code: str
    text: str
    aspect: str
    respondents: int
    value: Decimal | None


@dataclass
class AspectFigure:
    aspect: str
    label: str
    value: Decimal | None
    questions: list[QuestionFigure] = field(default_factory=list)


@dataclass
class IndexResult:
    formula: IndexFormula
    overall: Decimal | None
    aspects: list[AspectFigure]
    respondents: int


def _value(formula: IndexFormula, n: int, satisfied: int, total: int) -> Decimal | None:
    if not n:
        return None
    if formula.kind == FormulaKind.MEAN:
        return (Decimal(total) / n).quantize(TWO, ROUND_HALF_UP)
    return (Decimal(100 * satisfied) / n).quantize(TWO, ROUND_HALF_UP)


def _mean(values: Iterable[Decimal | None]) -> Decimal | None:
    present = [v for v in values if v is not None]
    if not present:
        return None
    return (sum(present, Decimal(0)) / len(present)).quantize(TWO, ROUND_HALF_UP)


def answers_of(
    questionnaires: QuerySet[Any], window: tuple[dt.date, dt.date] | None = None
) -> QuerySet[Answer]:
    answers = Answer.objects.filter(response__questionnaire__in=questionnaires)
    if window is not None:
        answers = answers.filter(response__submitted_at__date__range=window)
    return answers


def scale_answers(
    questionnaires: QuerySet[Any], window: tuple[dt.date, dt.date] | None = None
) -> QuerySet[Answer]:
    return answers_of(questionnaires, window).filter(
        question__kind=QuestionKind.SCALE, scale__isnull=False
    )


def _grouped(answers: QuerySet[Answer], formula: IndexFormula, *keys: str) -> list[dict[str, Any]]:
    levels = formula.levels() or {4, 5}
    return list(
        answers.values(*keys)
        .annotate(
            n=Count("pk"),
            satisfied=Count("pk", filter=Q(scale__in=sorted(levels))),
            total=Sum("scale"),
        )
        .order_by(*keys)
    )


def compute(
    questionnaires: QuerySet[Any],
    formula: IndexFormula,
    window: tuple[dt.date, dt.date] | None = None,
) -> IndexResult:
    """The index of these questionnaires' answers (given within ``window``), by aspect and
    question."""
    rows = _grouped(
        scale_answers(questionnaires, window), formula, "question__group__aspect", "question__code"
    )
    texts = dict(
        Answer.objects.filter(response__questionnaire__in=questionnaires)
        .values_list("question__code", "question__text")
        .distinct()
    )
    by_aspect: dict[str, list[QuestionFigure]] = defaultdict(list)
    for row in rows:
        aspect = row["question__group__aspect"]
        by_aspect[aspect].append(
            QuestionFigure(
                code=row["question__code"],
                text=texts.get(row["question__code"], row["question__code"]),
                aspect=aspect,
                respondents=row["n"],
                value=_value(formula, row["n"], row["satisfied"], row["total"] or 0),
            )
        )
    labels = dict(Aspect.choices)
    aspects = [
        AspectFigure(
            aspect=a,
            label=str(labels.get(a, a)),
            value=_mean(q.value for q in qs),
            questions=qs,
        )
        for a, qs in sorted(by_aspect.items(), key=lambda item: list(labels).index(item[0]))
    ]
    respondents = answers_of(questionnaires, window).values("response_id").distinct().count()
    return IndexResult(formula, _mean(a.value for a in aspects), aspects, respondents)


def by_owner(
    questionnaires: QuerySet[Any],
    formula: IndexFormula,
    window: tuple[dt.date, dt.date] | None = None,
) -> dict[int, Decimal | None]:
    """The overall index of each owner unit of ``questionnaires`` (one query)."""
    rows = _grouped(
        scale_answers(questionnaires, window),
        formula,
        "response__questionnaire__owner_id",
        "question__group__aspect",
        "question__code",
    )
    per: dict[int, dict[str, list[Decimal | None]]] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        per[row["response__questionnaire__owner_id"]][row["question__group__aspect"]].append(
            _value(formula, row["n"], row["satisfied"], row["total"] or 0)
        )
    return {
        owner: _mean(_mean(values) for values in aspects.values()) for owner, aspects in per.items()
    }
