"""Pages of the evaluation: rounds, the ranking, a unit's scorecard with its self-assessment and
the appraisal side by side, the records behind a computed point, and the downloads."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from danvan.core.errors import UserError
from danvan.core.lists import listing, render_list
from danvan.core.scoping import get_object_for_user
from danvan.core.uploads import download

from . import exports, services
from .drilldown import Record, detail_url, has_records, records_for
from .filters import AssessmentFilter
from .models import Assessment, Criterion, Method, Scheme, SchemeStatus
from .reports import last_year_outcome, last_year_points, light, ranking
from .scoring import outcome, ratio, window

#: What each colour of the scorecard says, for screen readers and the colour-blind.
LIGHT_LABELS = {
    "green": _("On target"),
    "amber": _("Needs attention"),
    "red": _("Below target"),
    "none": _("Not scored yet"),
}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@login_required
def evaluation_list(request: HttpRequest) -> HttpResponse:
    """The rounds, and the units' scorecards filtered (year, status, band) and paged by
    core.lists: the evaluation tile's counts link here with the same filters."""
    schemes = list(Scheme.objects.visible_to(request.user).select_related("owner"))
    visible = Assessment.objects.visible_to(request.user).select_related("scheme", "unit", "band")
    found = listing(request, AssessmentFilter, visible)
    context = found.context(schemes=schemes)
    return render_list(request, "evaluation/list.html", "evaluation/_assessment_rows.html", context)


def _scheme(request: HttpRequest, pk: int) -> Scheme:
    return get_object_for_user(Scheme.objects.select_related("owner"), request.user, pk=pk)


@login_required
def scheme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    scheme = _scheme(request, pk)
    visible = Assessment.objects.visible_to(request.user)
    rows = ranking(scheme, visible)
    criteria = list(
        Criterion.objects.filter(group__scheme=scheme)
        .select_related("group")
        .order_by("group__position", "position")
    )
    return render(
        request,
        "evaluation/scheme.html",
        {
            "scheme": scheme,
            "rows": rows,
            "criteria": criteria,
            "bands": list(scheme.bands.all()),
            "caps": list(scheme.caps.select_related("criterion", "cap")),
            "can_run": services.can_run(request.user, scheme),
        },
    )


@login_required
@require_POST
def scheme_action(request: HttpRequest, pk: int) -> HttpResponse:
    scheme = _scheme(request, pk)
    action = request.POST.get("action")
    version = request.POST.get("version")
    try:
        if action == "open":
            n = services.open_round(scheme, version, actor=request.user)
            messages.success(request, gettext("The round is open for %(n)s units.") % {"n": n})
        elif action == "appraisal":
            services.start_appraisal(scheme, version, actor=request.user)
            messages.success(request, gettext("The appraisal has started."))
        elif action == "decide":
            raw = (request.POST.get("decided_on") or "").strip()
            try:
                day = dt.date.fromisoformat(raw) if raw else None
            except ValueError:
                raise UserError(gettext("The date of the decision is not valid.")) from None
            services.decide(
                scheme,
                number=request.POST.get("number", ""),
                decided_on=day,
                version=version,
                actor=request.user,
            )
            messages.success(request, gettext("The decision is recorded."))
        else:
            raise UserError(gettext("The action is not valid."))
    except UserError as exc:
        messages.error(request, exc.message)
    return redirect("evaluation:scheme", pk=pk)


def _assessment(request: HttpRequest, pk: int, action: str = "view") -> Assessment:
    return get_object_for_user(
        Assessment.objects.select_related("scheme__owner", "unit", "band"),
        request.user,
        action,
        pk=pk,
    )


def _scorecard(request: HttpRequest, assessment: Assessment) -> dict[str, Any]:
    scheme = assessment.scheme
    scores = list(
        assessment.scores.select_related("criterion__group").order_by(
            "criterion__group__position", "criterion__position"
        )
    )
    before = last_year_points(assessment)
    rows = [
        {
            "s": s,
            "light": light(s),
            "light_label": LIGHT_LABELS[light(s)],
            "ratio": ratio(s.figure, s.figure_of) if s.criterion.method == Method.RATIO else None,
            "drill": s.criterion.method != Method.MANUAL and has_records(s.criterion.source),
            "last_year": before.get(s.criterion.code),
            "had_last_year": s.criterion.code in before,
        }
        for s in scores
    ]
    can_run = services.can_run(request.user, scheme)
    return {
        "a": assessment,
        "scheme": scheme,
        "rows": rows,
        "outcome": outcome(
            scores, list(scheme.bands.all()), list(scheme.caps.select_related("cap"))
        ),
        "last_outcome": last_year_outcome(assessment),
        "can_self": services.can_self_assess(request.user, assessment)
        and scheme.status == SchemeStatus.SELF_ASSESSMENT,
        "can_appraise": can_run and scheme.status == SchemeStatus.APPRAISAL,
        "can_see_scheme": True,
    }


@login_required
def scorecard(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _assessment(request, pk)
    context = _scorecard(request, assessment)
    context["can_see_scheme"] = (
        Scheme.objects.visible_to(request.user).filter(pk=assessment.scheme_id).exists()
    )
    return render(request, "evaluation/scorecard.html", context)


@login_required
@require_POST
def self_assess(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _assessment(request, pk)
    entries = {}
    for score in assessment.scores.all():
        key = f"c{score.criterion_id}"
        if f"{key}-points" in request.POST:
            entries[score.criterion_id] = {
                "points": request.POST.get(f"{key}-points"),
                "evidence": request.POST.get(f"{key}-evidence", ""),
                "comment": request.POST.get(f"{key}-comment", ""),
            }
    try:
        services.self_assess(
            assessment,
            entries,
            comment=request.POST.get("comment", ""),
            version=request.POST.get("version"),
            submit=request.POST.get("submit") == "1",
            actor=request.user,
        )
    except UserError as exc:
        messages.error(request, exc.message)
        context = _scorecard(request, assessment)
        context["posted"] = request.POST
        return render(request, "evaluation/scorecard.html", context, status=400)
    messages.success(request, gettext("The self-assessment is saved."))
    return redirect("evaluation:scorecard", pk=pk)


@login_required
@require_POST
def appraise(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _assessment(request, pk)
    try:
        criterion_id = int(request.POST.get("criterion", ""))
    except ValueError:
        raise Http404 from None
    try:
        services.appraise(
            assessment,
            criterion_id,
            request.POST.get("points"),
            request.POST.get("reason", ""),
            version=request.POST.get("version"),
            actor=request.user,
        )
    except UserError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, gettext("The appraised point is recorded."))
    return redirect("evaluation:scorecard", pk=pk)


def _visible_pks(user: Any, objects: list[Any]) -> set[tuple[type, Any]]:
    """(model, pk) of the ``objects`` the reader may open: one query per model."""
    by_model: dict[Any, list[Any]] = {}
    for obj in objects:
        by_model.setdefault(type(obj), []).append(obj.pk)
    out: set[tuple[type, Any]] = set()
    for model, pks in by_model.items():
        if hasattr(model._default_manager, "visible_to"):
            seen = model._default_manager.visible_to(user).filter(pk__in=pks)
            out.update((model, pk) for pk in seen.values_list("pk", flat=True))
    return out


@login_required
def records(request: HttpRequest, pk: int, criterion: int) -> HttpResponse:
    """The records behind a computed point, linked where the reader may open them."""
    assessment = _assessment(request, pk)
    score = assessment.scores.select_related("criterion").filter(criterion_id=criterion).first()
    if score is None or score.criterion.method == Method.MANUAL:
        raise Http404
    function = records_for(score.criterion.source)
    if function is None:
        raise Http404
    start, end = window(assessment.scheme.year)
    from .scoring import merged_into

    items: list[dict[str, Any]] = []
    for unit in [assessment.unit, *merged_into(assessment.unit, start, end)]:
        found = function(unit, start, end)
        rows = (
            [Record(str(obj), obj) for obj in found[:500]]
            if isinstance(found, QuerySet)
            else found[:500]
        )
        visible = _visible_pks(request.user, [r.obj for r in rows if r.obj is not None])
        for row in rows:
            obj = row.obj
            linked = obj is not None and (type(obj), obj.pk) in visible
            url = detail_url(obj) if linked else ""
            items.append({"text": row.text, "url": url, "unit": unit.name})
    return render(
        request, "evaluation/records.html", {"a": assessment, "score": score, "items": items}
    )


@login_required
def export_points(request: HttpRequest, pk: int) -> HttpResponse:
    scheme = _scheme(request, pk)
    body = exports.points_xlsx(scheme, Assessment.objects.visible_to(request.user))
    return download(body, filename=f"danh-gia-{scheme.year}.xlsx", content_type=XLSX)


@login_required
def export_minutes(request: HttpRequest, pk: int) -> HttpResponse:
    scheme = _scheme(request, pk)
    body = exports.minutes_docx(scheme, Assessment.objects.visible_to(request.user))
    return download(body, filename=f"bien-ban-tham-dinh-{scheme.year}.docx", content_type=DOCX)


@login_required
def export_decision(request: HttpRequest, pk: int) -> HttpResponse:
    scheme = _scheme(request, pk)
    body = exports.decision_docx(scheme, Assessment.objects.visible_to(request.user))
    return download(body, filename=f"quyet-dinh-xep-loai-{scheme.year}.docx", content_type=DOCX)
