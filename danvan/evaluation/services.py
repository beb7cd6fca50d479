"""Domain operations of the evaluation round: check a scheme, open the round (every unit's scores
computed), the unit's self-assessment, the appraisal point by point, the decision.

Every write runs in one transaction as the acting official (audited), checks the version the
caller read, and refuses bad input — points above the maximum, a manual point without evidence,
an appraisal change without a reason, a scheme whose points do not add up — with a Vietnamese
:class:`UserError` before anything is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils import timezone

from danvan.core.audit import acting_as, log_bulk_created
from danvan.core.errors import UserError
from danvan.core.scoping import Action, holds_at, permission_name
from danvan.orgs.models import OrgUnit, OrgUnitKind
from danvan.reporting import sources

from . import bulk
from .models import (
    Assessment,
    AssessmentStatus,
    Band,
    BandCap,
    Criterion,
    CriterionGroup,
    CriterionKind,
    Method,
    Scheme,
    SchemeStatus,
    Score,
)
from .scoring import compute_criterion, merged_into, merged_map, outcome, points_of, sum_of, window


def can_run(actor: Any, scheme: Scheme) -> bool:
    """The standing agency (Sở Nội vụ, the province's officials) runs the round and appraises."""
    return holds_at(actor, permission_name(Scheme, Action.CHANGE), scheme.owner)


def can_self_assess(actor: Any, assessment: Assessment) -> bool:
    return holds_at(actor, permission_name(Assessment, Action.CHANGE), assessment.unit)


def _points(raw: Any, label: str) -> Decimal | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    try:
        value = Decimal(str(raw).strip().replace(",", "."))
    except InvalidOperation:
        raise UserError(f"{label}: điểm phải là một số (ví dụ 4,5).") from None
    if not value.is_finite():
        raise UserError(f"{label}: điểm phải là một số (ví dụ 4,5).")
    return value


def _check_range(value: Decimal | None, criterion: Criterion) -> None:
    if value is None:
        return
    label = f"Tiêu chí {criterion.code}"
    if value < 0:
        raise UserError(f"{label}: điểm không được âm.")
    if value > criterion.max_points:
        raise UserError(
            f"{label}: {value} điểm vượt điểm tối đa {criterion.max_points} của tiêu chí."
        )


# --- the scheme ---------------------------------------------------------------------------------


def validate_scheme(scheme: Scheme) -> list[Criterion]:
    """Refuse a scheme that cannot be scored; return its criteria."""
    criteria = list(Criterion.objects.filter(group__scheme=scheme).select_related("group"))
    if not criteria:
        raise UserError("Bộ tiêu chí chưa có tiêu chí nào.")
    labels = dict(OrgUnitKind.choices)
    for kind in scheme.kinds() or [""]:
        standard = sum(
            (
                c.max_points
                for c in criteria
                if c.kind == CriterionKind.STANDARD
                and (not kind or not c.unit_kinds or kind in c.unit_kinds.split(","))
            ),
            Decimal(0),
        )
        if standard != scheme.total_points:
            raise UserError(
                f"Tổng điểm tối đa các tiêu chí áp dụng cho {str(labels.get(kind, kind)).lower()} "
                f"là {standard}, không bằng tổng điểm của bộ tiêu chí ({scheme.total_points}). "
                "Sửa điểm các tiêu chí cho khớp trước khi mở đợt đánh giá."
            )
    codes = [c.code for c in criteria]
    if len(set(codes)) != len(codes):
        raise UserError("Mã tiêu chí bị trùng trong bộ tiêu chí.")
    for c in criteria:
        if c.method in (Method.VALUE, Method.RATIO):
            for code in filter(None, [c.source, c.denominator if c.method == Method.RATIO else ""]):
                if sources.get(code) is None:
                    raise UserError(f"Tiêu chí {c.code}: {sources.unknown_message(code)}")
            if c.method == Method.RATIO and not c.denominator:
                raise UserError(f"Tiêu chí {c.code}: thiếu nguồn số liệu của mẫu số.")
            if not c.thresholds:
                raise UserError(f"Tiêu chí {c.code}: thiếu ngưỡng quy đổi ra điểm.")
            for pair in c.thresholds:
                if len(pair) != 2 or Decimal(str(pair[1])) > c.max_points:
                    raise UserError(
                        f"Tiêu chí {c.code}: ngưỡng {pair} cho điểm vượt điểm tối đa "
                        f"{c.max_points}."
                    )
    bands = list(scheme.bands.order_by("rank"))
    if not bands:
        raise UserError("Bộ tiêu chí chưa có mức xếp loại.")
    mins = [b.min_points for b in bands]
    if mins != sorted(mins, reverse=True):
        raise UserError("Mức xếp loại cao hơn phải có điểm sàn cao hơn.")
    return criteria


def units_of(scheme: Scheme) -> list[OrgUnit]:
    owner = scheme.owner
    return list(
        OrgUnit.objects.current()
        .filter(path__startswith=owner.path, kind__in=scheme.kinds())
        .exclude(pk=owner.pk)
        .order_by("path")
    )


def _compute_scores(assessment: Assessment, criteria: list[Criterion]) -> list[Score]:
    start, end = window(assessment.scheme.year)
    merged = merged_into(assessment.unit, start, end)
    units = [assessment.unit, *merged]
    scores = []
    for criterion in criteria:
        if not criterion.applies_to(assessment.unit):
            continue
        computed = compute_criterion(criterion, units, start, end)
        scores.append(
            Score(
                assessment=assessment,
                criterion=criterion,
                figure=computed.figure,
                figure_of=computed.of,
                computed_points=computed.points,
            )
        )
    assessment.merged_units = "; ".join(u.name for u in merged)[:500]
    return scores


def open_round(
    scheme: Scheme, version: Any, units: list[OrgUnit] | None = None, *, actor: Any
) -> int:
    """Check the scheme and create every unit's assessment with its computed points.

    Each computed criterion's figures are read for all units at once (``bulk.figures``: one
    ``GROUP BY`` per source where the source offers it), merged predecessors included."""
    if not can_run(actor, scheme):
        raise PermissionDenied
    criteria = validate_scheme(scheme)
    with transaction.atomic(), acting_as(actor):
        locked = Scheme.objects.select_for_update().get(pk=scheme.pk)
        locked.check_version(version)
        if locked.status != SchemeStatus.DRAFT:
            raise UserError("Đợt đánh giá của bộ tiêu chí này đã được mở.")
        chosen = units if units is not None else units_of(locked)
        start, end = window(locked.year)
        merged = merged_map(chosen, start, end)
        everyone = {u.pk: u for u in chosen}
        for extra in merged.values():
            everyone.update({u.pk: u for u in extra})
        figures: dict[str, dict[int, Decimal | None]] = {}
        for c in criteria:
            for code in (c.source, c.denominator):
                if code and c.method != Method.MANUAL and code not in figures:
                    figures[code] = bulk.figures(code, list(everyone.values()), start, end)
        assessments = Assessment.objects.bulk_create(
            Assessment(
                scheme=locked,
                unit=u,
                merged_units="; ".join(p.name for p in merged.get(u.pk, []))[:500],
            )
            for u in chosen
        )
        log_bulk_created(list[models.Model](assessments), actor=actor)
        scores = []
        for a in assessments:
            members = [a.unit_id, *(p.pk for p in merged.get(a.unit_id, []))]
            for c in criteria:
                if not c.applies_to(a.unit):
                    continue
                figure = (
                    sum_of(figures[c.source].get(m) for m in members)
                    if c.source in figures
                    else None
                )
                of = (
                    sum_of(figures[c.denominator].get(m) for m in members)
                    if c.denominator in figures
                    else None
                )
                computed = points_of(c, figure, of)
                scores.append(
                    Score(
                        assessment=a,
                        criterion=c,
                        figure=computed.figure,
                        figure_of=computed.of,
                        computed_points=computed.points,
                    )
                )
        Score.objects.bulk_create(scores, batch_size=5000)
        locked.status = SchemeStatus.SELF_ASSESSMENT
        locked.bump_version()
        locked.save(update_fields=["status", "version", "updated_at"])
    return len(assessments)


def recompute(assessment: Assessment, *, actor: Any) -> None:
    """Compute the points again from today's data (before the appraisal)."""
    if not (can_run(actor, assessment.scheme) or can_self_assess(actor, assessment)):
        raise PermissionDenied
    if assessment.scheme.status not in (SchemeStatus.SELF_ASSESSMENT, SchemeStatus.APPRAISAL):
        raise UserError("Chỉ tính lại điểm trong thời gian tự đánh giá và thẩm định.")
    criteria = list(Criterion.objects.filter(group__scheme=assessment.scheme))
    with transaction.atomic(), acting_as(actor):
        fresh = {s.criterion_id: s for s in _compute_scores(assessment, criteria)}
        for score in assessment.scores.select_for_update():
            new = fresh.get(score.criterion_id)
            if new is not None:
                score.figure, score.figure_of = new.figure, new.figure_of
                score.computed_points = new.computed_points
                score.save(update_fields=["figure", "figure_of", "computed_points"])
        assessment.save(update_fields=["merged_units", "updated_at"])


# --- self-assessment and appraisal ---------------------------------------------------------------


def self_assess(
    assessment: Assessment,
    entries: Mapping[int, Mapping[str, Any]],
    *,
    comment: str = "",
    version: Any,
    submit: bool = True,
    actor: Any,
) -> Assessment:
    """The unit's own points, evidence and comments (``entries`` by criterion id)."""
    if not can_self_assess(actor, assessment):
        raise PermissionDenied
    if assessment.scheme.status != SchemeStatus.SELF_ASSESSMENT:
        raise UserError("Đã hết thời gian tự đánh giá của đợt này.")
    scores = {s.criterion_id: s for s in assessment.scores.select_related("criterion")}
    changes: list[Score] = []
    for criterion_id, entry in entries.items():
        score = scores.get(int(criterion_id))
        if score is None:
            raise UserError("Tiêu chí không thuộc phiếu đánh giá này.")
        criterion = score.criterion
        value = _points(entry.get("points"), f"Tiêu chí {criterion.code}")
        _check_range(value, criterion)
        evidence = str(entry.get("evidence") or "").strip()
        if criterion.method == Method.MANUAL and value is not None and value > 0 and not evidence:
            raise UserError(
                f"Tiêu chí {criterion.code} chấm tay: ghi minh chứng (số, ngày văn bản, tài liệu) "
                "cho điểm tự chấm."
            )
        score.self_points = value
        score.self_evidence = evidence[:4000]
        score.self_comment = str(entry.get("comment") or "").strip()[:4000]
        changes.append(score)
    if submit:
        missing = [
            s.criterion.code
            for s in scores.values()
            if s.criterion.method == Method.MANUAL
            and s.criterion.kind == CriterionKind.STANDARD
            and s.self_points is None
        ]
        if missing:
            raise UserError("Chưa tự chấm các tiêu chí chấm tay: " + ", ".join(missing) + ".")
    with transaction.atomic(), acting_as(actor):
        locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
        locked.check_version(version)
        Score.objects.bulk_update(changes, ["self_points", "self_evidence", "self_comment"])
        locked.self_comment = (comment or "").strip()[:4000]
        if submit:
            locked.status = AssessmentStatus.SELF_ASSESSED
        locked.bump_version()
        locked.save(update_fields=["self_comment", "status", "version", "updated_at"])
    return locked


def start_appraisal(scheme: Scheme, version: Any, *, actor: Any) -> None:
    if not can_run(actor, scheme):
        raise PermissionDenied
    with transaction.atomic(), acting_as(actor):
        locked = Scheme.objects.select_for_update().get(pk=scheme.pk)
        locked.check_version(version)
        if locked.status != SchemeStatus.SELF_ASSESSMENT:
            raise UserError("Chỉ chuyển sang thẩm định khi đang trong thời gian tự đánh giá.")
        locked.status = SchemeStatus.APPRAISAL
        locked.bump_version()
        locked.save(update_fields=["status", "version", "updated_at"])


def appraise(
    assessment: Assessment,
    criterion_id: int,
    points: Any,
    reason: str,
    *,
    version: Any,
    actor: Any,
) -> Score:
    """The appraisal team's point for one criterion; a change needs its reason."""
    if not can_run(actor, assessment.scheme):
        raise PermissionDenied
    if assessment.scheme.status != SchemeStatus.APPRAISAL:
        raise UserError("Đợt đánh giá chưa ở bước thẩm định.")
    score = assessment.scores.select_related("criterion").filter(criterion_id=criterion_id).first()
    if score is None:
        raise UserError("Tiêu chí không thuộc phiếu đánh giá này.")
    value = _points(points, f"Tiêu chí {score.criterion.code}")
    _check_range(value, score.criterion)
    reason = (reason or "").strip()
    before = score.self_points if score.self_points is not None else score.computed_points
    if value is not None and value != before and not reason:
        raise UserError(
            f"Tiêu chí {score.criterion.code}: ghi lý do khi thẩm định điểm khác điểm tự chấm."
        )
    with transaction.atomic(), acting_as(actor):
        locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
        locked.check_version(version)
        score.appraised_points = value
        score.appraisal_reason = reason[:4000]
        score.appraised_by = actor
        score.save(update_fields=["appraised_points", "appraisal_reason", "appraised_by"])
        locked.status = AssessmentStatus.APPRAISED
        locked.bump_version()
        locked.save(update_fields=["status", "version", "updated_at"])
    return score


def decide(
    scheme: Scheme, *, number: str, decided_on: dt.date | None, version: Any, actor: Any
) -> int:
    """The People's Committee's decision: every unit's total and band are fixed."""
    if not can_run(actor, scheme):
        raise PermissionDenied
    number = (number or "").strip()
    if not number:
        raise UserError("Thiếu số quyết định xếp loại.")
    decided_on = decided_on or timezone.localdate()
    with transaction.atomic(), acting_as(actor):
        locked = Scheme.objects.select_for_update().get(pk=scheme.pk)
        locked.check_version(version)
        if locked.status != SchemeStatus.APPRAISAL:
            raise UserError("Chỉ ra quyết định sau bước thẩm định.")
        bands = list(locked.bands.all())
        caps = list(locked.caps.select_related("cap"))
        assessments = list(locked.assessments.all())
        scores = Score.objects.filter(assessment__scheme=locked).select_related("criterion")
        per: dict[int, list[Score]] = {}
        for s in scores:
            per.setdefault(s.assessment_id, []).append(s)
        for a in assessments:
            result = outcome(per.get(a.pk, []), bands, caps)
            a.total, a.band = result.total, result.band
            a.status = AssessmentStatus.DECIDED
            a.bump_version()
        Assessment.objects.bulk_update(assessments, ["total", "band", "status", "version"])
        locked.status = SchemeStatus.DECIDED
        locked.decision_number = number[:60]
        locked.decided_on = decided_on
        locked.bump_version()
        locked.save(
            update_fields=["status", "decision_number", "decided_on", "version", "updated_at"]
        )
    return len(assessments)


# --- building a scheme --------------------------------------------------------------------------


def create_scheme(
    owner: OrgUnit,
    year: int,
    *,
    title: str,
    basis: str,
    groups: Any,
    bands: Any,
    caps: Any = (),
    unit_kinds: str = "commune,department",
    total_points: Decimal = Decimal(100),
    actor: Any,
) -> Scheme:
    """A scheme from plain rows (see ``data/model_scheme.py``); checked before it is stored."""
    if not holds_at(actor, permission_name(Scheme, Action.ADD), owner):
        raise PermissionDenied
    if Scheme.objects.filter(owner=owner, year=year).exists():
        raise UserError(f"Đã có bộ tiêu chí năm {year} của đơn vị này.")
    with transaction.atomic(), acting_as(actor):
        scheme = Scheme.objects.create(
            owner=owner,
            year=year,
            title=title,
            basis=basis,
            unit_kinds=unit_kinds,
            total_points=total_points,
        )
        by_code: dict[str, Criterion] = {}
        for g_no, (group_title, rows) in enumerate(groups, start=1):
            group = CriterionGroup.objects.create(scheme=scheme, position=g_no, title=group_title)
            for c_no, row in enumerate(rows, start=1):
                (
                    code,
                    ctitle,
                    max_points,
                    method,
                    source,
                    denominator,
                    thresholds,
                    no_data,
                    kinds,
                    kind,
                ) = row
                by_code[code] = Criterion.objects.create(
                    group=group,
                    position=c_no,
                    code=code,
                    title=ctitle,
                    max_points=Decimal(str(max_points)),
                    method=method,
                    source=source,
                    denominator=denominator,
                    thresholds=thresholds,
                    when_no_data=None if no_data is None else Decimal(str(no_data)),
                    unit_kinds=kinds,
                    kind=kind,
                )
        band_by_name = {}
        for rank, name, min_points in bands:
            band_by_name[name] = Band.objects.create(
                scheme=scheme, rank=rank, name=name, min_points=Decimal(str(min_points))
            )
        for code, below, cap, note in caps:
            BandCap.objects.create(
                scheme=scheme,
                criterion=by_code[code],
                below_points=Decimal(str(below)),
                cap=band_by_name[cap],
                note=note,
            )
        validate_scheme(scheme)
    return scheme
