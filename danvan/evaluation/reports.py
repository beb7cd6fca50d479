"""Read-side of a round: live outcomes, the ranking, the scorecard rows, last year's points.

Before the decision the total and band are computed when read from the points as they stand
(appraised, else self-assessed, else computed); after it, the decided ones are shown.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from .models import Assessment, CriterionKind, Scheme, Score
from .scoring import Outcome, outcome


@dataclass
class Ranked:
    assessment: Assessment
    outcome: Outcome
    position: int = 0


def scores_by_assessment(assessments: QuerySet[Assessment]) -> dict[int, list[Score]]:
    per: dict[int, list[Score]] = defaultdict(list)
    for s in Score.objects.filter(assessment__in=assessments).select_related("criterion__group"):
        per[s.assessment_id].append(s)
    return per


def ranking(scheme: Scheme, assessments: QuerySet[Assessment]) -> list[Ranked]:
    """Every visible assessment of the scheme with its outcome, best first (ties share a rank)."""
    bands = list(scheme.bands.all())
    caps = list(scheme.caps.select_related("cap"))
    rows = list(assessments.filter(scheme=scheme).select_related("unit", "band"))
    per = scores_by_assessment(assessments.filter(scheme=scheme))
    ranked = [Ranked(a, outcome(per.get(a.pk, []), bands, caps)) for a in rows]
    ranked.sort(key=lambda r: (-r.outcome.total, r.assessment.unit.path))
    previous: Decimal | None = None
    for n, r in enumerate(ranked, start=1):
        r.position = n if r.outcome.total != previous else ranked[n - 2].position
        previous = r.outcome.total
    return ranked


def light(score: Score) -> str:
    """green / amber / red for the scorecard (a penalty is red when it takes points)."""
    points, top = score.points, score.criterion.max_points
    if points is None:
        return "none"
    if score.criterion.kind == CriterionKind.PENALTY:
        return "red" if points > 0 else "green"
    if not top:
        return "green"
    share = points / top
    return "green" if share >= Decimal("0.8") else ("amber" if share >= Decimal("0.5") else "red")


def last_year_points(assessment: Assessment) -> dict[str, Decimal | None]:
    """Points by criterion code of the same unit in the same province's scheme a year before."""
    before = Assessment.objects.filter(
        unit=assessment.unit,
        scheme__owner=assessment.scheme.owner,
        scheme__year=assessment.scheme.year - 1,
    ).first()
    if before is None:
        return {}
    return {s.criterion.code: s.points for s in before.scores.select_related("criterion")}


def last_year_outcome(assessment: Assessment) -> Any:
    before = (
        Assessment.objects.filter(
            unit=assessment.unit,
            scheme__owner=assessment.scheme.owner,
            scheme__year=assessment.scheme.year - 1,
        )
        .select_related("scheme", "band")
        .first()
    )
    if before is None:
        return None
    scores = list(before.scores.select_related("criterion"))
    return outcome(
        scores, list(before.scheme.bands.all()), list(before.scheme.caps.select_related("cap"))
    )
