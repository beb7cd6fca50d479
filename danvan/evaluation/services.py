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
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

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


NOT_ON_THE_FORM = gettext_noop("The criterion is not on this assessment.")
NOT_A_NUMBER = gettext_noop("Criterion %(code)s: the points must be a number (for example 4,5).")


def _points(raw: Any, code: str) -> Decimal | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    try:
        value = Decimal(str(raw).strip().replace(",", "."))
    except InvalidOperation:
        raise UserError(_(NOT_A_NUMBER) % {"code": code}) from None
    if not value.is_finite():
        raise UserError(_(NOT_A_NUMBER) % {"code": code})
    return value


def _check_range(value: Decimal | None, criterion: Criterion) -> None:
    if value is None:
        return
    if value < 0:
        raise UserError(
            _("Criterion %(code)s: the points cannot be negative.") % {"code": criterion.code}
        )
    if value > criterion.max_points:
        raise UserError(
            _("Criterion %(code)s: %(points)s points exceed its maximum of %(max)s.")
            % {"code": criterion.code, "points": value, "max": criterion.max_points}
        )


# --- the scheme ---------------------------------------------------------------------------------


def validate_scheme(scheme: Scheme) -> list[Criterion]:
    """Refuse a scheme that cannot be scored; return its criteria."""
    criteria = list(Criterion.objects.filter(group__scheme=scheme).select_related("group"))
    if not criteria:
        raise UserError(_("The scheme has no criterion yet."))
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
                _(
                    "The maximum points of the criteria for %(kind)s add up to %(sum)s, not to "
                    "the scheme's total (%(total)s). Correct the criteria's points before "
                    "opening the round."
                )
                % {
                    "kind": str(labels.get(kind, kind)).lower(),
                    "sum": standard,
                    "total": scheme.total_points,
                }
            )
    codes = [c.code for c in criteria]
    if len(set(codes)) != len(codes):
        raise UserError(_("A criterion code is used twice in the scheme."))
    for c in criteria:
        if c.method in (Method.VALUE, Method.RATIO):
            for code in filter(None, [c.source, c.denominator if c.method == Method.RATIO else ""]):
                if sources.get(code) is None:
                    raise UserError(
                        _("Criterion %(code)s: %(problem)s")
                        % {"code": c.code, "problem": sources.unknown_message(code)}
                    )
            if c.method == Method.RATIO and not c.denominator:
                raise UserError(
                    _("Criterion %(code)s: the source of the denominator is missing.")
                    % {"code": c.code}
                )
            if not c.thresholds:
                raise UserError(
                    _("Criterion %(code)s: the thresholds giving points are missing.")
                    % {"code": c.code}
                )
            for pair in c.thresholds:
                if len(pair) != 2 or Decimal(str(pair[1])) > c.max_points:
                    raise UserError(
                        _("Criterion %(code)s: the threshold %(pair)s gives more than %(max)s.")
                        % {"code": c.code, "pair": pair, "max": c.max_points}
                    )
    bands = list(scheme.bands.order_by("rank"))
    if not bands:
        raise UserError(_("The scheme has no classification band yet."))
    mins = [b.min_points for b in bands]
    if mins != sorted(mins, reverse=True):
        raise UserError(_("A higher band must start from more points."))
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
            raise UserError(_("The round of this scheme is already open."))
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
        raise UserError(
            _("Points are computed again only during the self-assessment and the appraisal.")
        )
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
        raise UserError(_("The self-assessment of this round is over."))
    scores = {s.criterion_id: s for s in assessment.scores.select_related("criterion")}
    changes: list[Score] = []
    for criterion_id, entry in entries.items():
        score = scores.get(int(criterion_id))
        if score is None:
            raise UserError(_(NOT_ON_THE_FORM))
        criterion = score.criterion
        value = _points(entry.get("points"), criterion.code)
        _check_range(value, criterion)
        evidence = str(entry.get("evidence") or "").strip()
        if criterion.method == Method.MANUAL and value is not None and value > 0 and not evidence:
            raise UserError(
                _(
                    "Criterion %(code)s is scored by hand: give the evidence (number and date of "
                    "the document, material) of the points."
                )
                % {"code": criterion.code}
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
            raise UserError(
                _("Criteria scored by hand without points yet: %(codes)s.")
                % {"codes": ", ".join(missing)}
            )
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
            raise UserError(_("The appraisal starts only from the self-assessment."))
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
        raise UserError(_("The round is not at the appraisal yet."))
    score = assessment.scores.select_related("criterion").filter(criterion_id=criterion_id).first()
    if score is None:
        raise UserError(_(NOT_ON_THE_FORM))
    value = _points(points, score.criterion.code)
    _check_range(value, score.criterion)
    reason = (reason or "").strip()
    before = score.self_points if score.self_points is not None else score.computed_points
    if value is not None and value != before and not reason:
        raise UserError(
            _("Criterion %(code)s: give the reason of an appraised point that differs.")
            % {"code": score.criterion.code}
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
        raise UserError(_("The number of the classification decision is missing."))
    decided_on = decided_on or timezone.localdate()
    with transaction.atomic(), acting_as(actor):
        locked = Scheme.objects.select_for_update().get(pk=scheme.pk)
        locked.check_version(version)
        if locked.status != SchemeStatus.APPRAISAL:
            raise UserError(_("The decision comes only after the appraisal."))
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
        raise UserError(_("This unit already has a scheme for %(year)s.") % {"year": year})
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
