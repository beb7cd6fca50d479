"""Reporting pages (HTMX): forms, data entry with live checks, review, completeness,
consolidation with downloads, trends. Every write calls a service."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from danvan.core.errors import UserError, http_status, posted_version
from danvan.core.scoping import get_object_for_user
from danvan.core.uploads import check_upload, download
from danvan.outputs import charts
from danvan.outputs.nd30 import DOCX_MIME as DOCX
from danvan.outputs.xlsx import XLSX_MIME

from . import exports, services, sources
from .consolidation import completeness as compute_completeness
from .consolidation import consolidate, indicators
from .models import DataElement, Submission
from .periods import period_for
from .views_support import (
    forms_for,
    get_form,
    period_code,
    recent_periods,
    unit_for,
)


@dataclass
class _Shown:
    """A value as the entry page shows it (a stored row, or a figure not yet stored)."""

    value: Decimal | None
    comment: str


def _entry_context(submission: Submission, errors: dict[str, str] | None = None,
                   posted: dict[str, Any] | None = None,
                   preview: dict[str, tuple[Decimal | None, str]] | None = None,
                   ) -> dict[str, Any]:  # fmt: skip
    values: dict[int, Any]
    if submission.pk is None:  # not opened yet: nothing is stored until the first save
        by_code = {e.code: e.pk for e in submission.form.elements.all()}
        values = {by_code[code]: _Shown(*shown) for code, shown in (preview or {}).items()}
        texts: dict[int, str] = {}
    else:
        values = {v.element_id: v for v in submission.values.all()}
        texts = {n.section_id: n.text for n in submission.narratives.all()}
    errors = errors or {}
    posted = posted or {}
    elements = list(submission.form.elements.all())
    # Computed now, so a reviewer sees the system's figure beside the one the unit sent.
    figures = services.system_figures(submission, elements)
    rows = []
    for element in elements:
        row = values.get(element.pk)
        shown = posted.get(f"v_{element.code}")
        if shown is None:
            shown = "" if row is None or row.value is None else f"{row.value.normalize():f}"
        stored = row.value if row else None
        figure = figures.get(element.code)
        rows.append({
            "element": element,
            "value": shown,
            "comment": posted.get(f"c_{element.code}", row.comment if row else ""),
            "error": errors.get(element.code, ""),
            "source": sources.get(element.source) if element.source else None,
            "system": None if figure is None else f"{figure.normalize():f}",
            "differs": element.code in figures and stored != figure,
        })  # fmt: skip
    sections = [
        {"section": s, "text": posted.get(f"n_{s.code}", texts.get(s.pk, ""))}
        for s in submission.form.sections.all()
    ]
    return {
        "submission": submission,
        "form": submission.form,
        "period": period_for(submission.form, submission.period),
        "rows": rows,
        "sections": sections,
        "form_error": errors.get(""),
        "has_sources": any(e.source for e in elements),
    }


@login_required
def form_list(request: HttpRequest) -> HttpResponse:
    from danvan.core.lists import listing

    from .filters import ReportFormFilter

    found = listing(request, ReportFormFilter, forms_for(request.user))
    for form in found.page.object_list:
        form.recent = recent_periods(form, 6)  # type: ignore[attr-defined]
    waiting = Submission.objects.reviewable_by(request.user).filter(status="submitted")
    first = list(waiting.select_related("form", "unit").order_by("due_on", "unit__path")[:10])
    # The count links to the whole queue; the first ten are shown here.
    pending = {"count": waiting.count() if len(first) == 10 else len(first), "first": first}
    return render(request, "reporting/form_list.html", found.context(pending=pending))


QUEUE_PAGE_SIZE = 50


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    """Every report the user may review, paged and filtered (waiting ones by default)."""
    from danvan.core.lists import listing, render_list

    from .filters import ReviewQueueFilter

    reviewable = Submission.objects.reviewable_by(request.user).select_related("form", "unit")
    found = listing(request, ReviewQueueFilter, reviewable, per_page=QUEUE_PAGE_SIZE)
    context = found.context(today=_today())
    return render_list(request, "reporting/queue.html", "reporting/_queue_rows.html", context)


def _today() -> Any:
    from django.utils import timezone

    return timezone.localdate()


@login_required
def form_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The periods of a form for one unit, with the state of its submission each time."""
    form = get_form(request.user, pk)
    unit = unit_for(request, form)
    periods = recent_periods(form, 24)
    subs = {
        s.period: s
        for s in Submission.objects.filter(
            form=form, unit=unit, period__in=[p.code for p in periods]
        )
    }
    rows = [{"period": p, "submission": subs.get(p.code)} for p in periods]
    return render(
        request,
        "reporting/form_detail.html",
        {
            "form": form,
            "unit": unit,
            "rows": rows,
            "can_fill": services.can_fill(request.user, unit),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def entry(request: HttpRequest, pk: int, unit_pk: int, period: str) -> HttpResponse:
    """Data entry: save as draft, submit; values are checked as they are typed (``check``)."""
    form = get_form(request.user, pk)
    from danvan.orgs.models import OrgUnit

    unit = get_object_for_user(OrgUnit, request.user, pk=unit_pk)
    try:
        if request.method == "GET":
            # A GET writes nothing: an unopened report is shown as it would be created, and
            # the first save or send creates it (with the same figures).
            existing = Submission.objects.filter(form=form, unit=unit, period=period).first()
            if existing is not None:
                return render(request, "reporting/entry.html", _entry_context(existing))
            draft, preview = services.preview_submission(form, unit, period, actor=request.user)
            context = _entry_context(draft, preview=preview)
            return render(request, "reporting/entry.html", context)
        submission = services.open_submission(form, unit, period, actor=request.user)
    except UserError as exc:
        messages.error(request, exc.message)
        return redirect("reporting:form", pk=form.pk)
    posted = request.POST
    action = posted.get("action", "save")
    if action == "refresh":
        return _refresh(request, submission)
    elements = list(form.elements.all())
    values = {e.code: posted.get(f"v_{e.code}", "") for e in elements if f"v_{e.code}" in posted}
    comments = {e.code: posted.get(f"c_{e.code}", "") for e in elements if f"c_{e.code}" in posted}
    narratives = {
        s.code: posted.get(f"n_{s.code}", "")
        for s in form.sections.all()
        if f"n_{s.code}" in posted
    }
    try:
        if action == "import":
            upload = request.FILES.get("file")
            if upload is None:
                raise UserError(_("Choose the filled-in Excel file to import."))
            checked = check_upload(exports.IMPORT_UPLOAD, upload.name or "", upload)
            file_period, values, comments = exports.read_template(form, checked.data)
            if file_period and file_period != submission.period:
                raise UserError(
                    _(
                        "The file is for the period «%(file_period)s», not the period "
                        "%(period)s of this report."
                    )
                    % {"file_period": file_period, "period": submission.period}
                )
            narratives = {}
        submission = services.save_draft(
            submission, values=values, comments=comments, narratives=narratives,
            version=posted_version(posted.get("version")), actor=request.user,
        )  # fmt: skip
        if action == "submit":
            submission = services.submit(submission, version=submission.version, actor=request.user)
            messages.success(
                request, _("The report was sent to %(unit)s.") % {"unit": form.recipient}
            )
        else:
            messages.success(request, _("Saved."))
        return redirect("reporting:entry", pk=form.pk, unit_pk=unit.pk, period=submission.period)
    except services.ValuesInvalid as exc:
        submission.refresh_from_db()
        context = _entry_context(submission, exc.errors, dict(posted.items()))
        context["error"] = exc.message
        return render(request, "reporting/entry.html", context, status=400)
    except UserError as exc:
        submission.refresh_from_db()
        context = _entry_context(submission, {}, dict(posted.items()))
        context["error"] = exc.message
        return render(request, "reporting/entry.html", context, status=http_status(exc))


def _refresh(request: HttpRequest, submission: Submission) -> HttpResponse:
    """The entry page's "take the figures from the system again" button."""
    try:
        submission = services.refresh_from_sources(
            submission, version=posted_version(request.POST.get("version")), actor=request.user
        )
    except UserError as exc:
        submission.refresh_from_db()
        context = _entry_context(submission)
        context["error"] = exc.message
        return render(request, "reporting/entry.html", context, status=http_status(exc))
    messages.success(request, _("The figures were taken again from system data."))
    return redirect(
        "reporting:entry", pk=submission.form_id, unit_pk=submission.unit_id,
        period=submission.period,
    )  # fmt: skip


@login_required
@require_POST
def check_value(request: HttpRequest, pk: int, element_pk: int) -> HttpResponse:
    """HTMX: check one typed value (type, sign) and the rules it takes part in."""
    form = get_form(request.user, pk)
    element = DataElement.objects.filter(form=form, pk=element_pk).first()
    if element is None:
        raise Http404
    raw = {e.code: request.POST.get(f"v_{e.code}", "") for e in form.elements.all()}
    _values, errors = services.validate(form, raw)
    return render(
        request,
        "reporting/_field_error.html",
        {"element": element, "error": errors.get(element.code, "")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, pk: int) -> HttpResponse:
    """The recipient reads a submission and approves it or returns it with a comment."""
    submission = get_object_for_user(
        Submission.objects.select_related("form", "unit", "form__recipient"), request.user, pk=pk
    )
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            version = posted_version(request.POST.get("version"))
            if action == "approve":
                services.approve(submission, version=version, actor=request.user,
                                 comment=request.POST.get("comment", ""))  # fmt: skip
                messages.success(request, _("Approved and locked."))
            elif action == "return":
                services.return_submission(submission, version=version, actor=request.user,
                                           comment=request.POST.get("comment", ""))  # fmt: skip
                messages.success(request, _("Returned to the unit for correction."))
            elif action == "unlock":
                services.unlock(
                    submission, reason=request.POST.get("comment", ""), actor=request.user
                )
                messages.success(request, _("Unlocked."))
            else:
                raise UserError(_("The action is not valid."))
        except UserError as exc:
            messages.error(request, exc.message)
        return redirect("reporting:review", pk=submission.pk)
    context = _entry_context(submission)
    context["can_review"] = services.can_review(request.user, submission)
    context["can_unlock"] = submission.locked and services.can_unlock(request.user, submission)
    return render(request, "reporting/review.html", context)


@login_required
def completeness(request: HttpRequest, pk: int) -> HttpResponse:
    form = get_form(request.user, pk)
    unit = unit_for(request, form)
    code = period_code(request, form)
    try:
        result = compute_completeness(form, code, unit)
    except UserError as exc:
        messages.error(request, exc.message)
        return redirect("reporting:form", pk=form.pk)
    return render(
        request,
        "reporting/completeness.html",
        {"form": form, "unit": unit, "result": result, "periods": recent_periods(form, 24),
         "period_code": code},
    )  # fmt: skip


@login_required
def consolidated(request: HttpRequest, pk: int, fmt: str = "html") -> HttpResponse:
    """Consolidated figures of any unit in scope for a period; .docx and .xlsx downloads."""
    form = get_form(request.user, pk)
    unit = unit_for(request, form)
    code = period_code(request, form)
    try:
        period = period_for(form, code)
        if fmt == "docx":
            body = exports.consolidated_docx(form, code, unit)
            return _download(body, f"bao-cao-{form.code}-{code}-{unit.pk}.docx",
                             DOCX)  # fmt: skip
        if fmt == "xlsx":
            body = exports.consolidated_xlsx(form, code, unit)
            return _download(body, f"so-lieu-{form.code}-{code}-{unit.pk}.xlsx",
                             XLSX_MIME)  # fmt: skip
        figures = consolidate(form, code, unit)
    except UserError as exc:
        messages.error(request, exc.message)
        return redirect("reporting:form", pk=form.pk)
    return render(
        request,
        "reporting/consolidated.html",
        {"form": form, "unit": unit, "period": period, "figures": list(figures.values()),
         "indicators": indicators(form, figures), "periods": recent_periods(form, 24)},
    )  # fmt: skip


@login_required
def template_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    form = get_form(request.user, pk)
    return _download(exports.blank_template(form), f"bieu-mau-{form.code}.xlsx",
                     XLSX_MIME)  # fmt: skip


@login_required
def trends(request: HttpRequest, pk: int) -> HttpResponse:
    """Indicator trends over the last periods for one unit, as SVG with the table behind it."""
    form = get_form(request.user, pk)
    unit = unit_for(request, form)
    periods = list(reversed(recent_periods(form, 12)))
    series: dict[str, dict[str, Any]] = {}
    for period in periods:
        figures = consolidate(form, period.code, unit)
        for item in indicators(form, figures):
            entry_ = series.setdefault(
                item.code, {"name": item.name, "unit": item.unit_label, "points": []}
            )
            entry_["points"].append((period.label, item.value))
    drawn = [
        {
            **s,
            "chart": charts.line(
                f"{s['name']} ({s['unit']})" if s["unit"] else s["name"],
                [label for label, _v in s["points"]],
                {s["name"]: [v for _l, v in s["points"]]},
                label_header=_("Period"),
            ),
        }
        for s in series.values()
    ]
    return render(request, "reporting/trends.html", {"form": form, "unit": unit, "charts": drawn})


@login_required
def compare(request: HttpRequest, pk: int) -> HttpResponse:
    """One element or indicator across the units directly below a unit, for a period: a bar
    chart with the table behind it. HTMX swaps only the chart when the choice changes."""
    from danvan.orgs.models import OrgUnit, exists_on

    from .comparison import compare as compute
    from .comparison import measures

    form = get_form(request.user, pk)
    unit = unit_for(request, form)
    code = period_code(request, form)
    choices = measures(form)
    key = request.GET.get("measure") or (choices[0].key if choices else "")
    measure = next((m for m in choices if m.key == key), None)
    if measure is None:
        raise Http404
    try:
        period = period_for(form, code)
    except UserError as exc:
        messages.error(request, exc.message)
        return redirect("reporting:form", pk=form.pk)
    children = list(
        OrgUnit.objects.visible_to(request.user)
        .filter(exists_on(period.end), parent=unit)
        .order_by("path")
    )
    bars = compute(form, code, unit, children, measure.key)
    context = {
        "form": form, "unit": unit, "period": period, "periods": recent_periods(form, 24),
        "period_code": code, "measures": choices, "measure": measure, "bars": bars,
        "chart": charts.bar(measure.name, [b.unit.display_name for b in bars],
                            {measure.name: [b.value for b in bars]}),
    }  # fmt: skip
    template = "reporting/_comparison.html" if request.htmx else "reporting/compare.html"  # type: ignore[attr-defined]
    return render(request, template, context)


def _download(body: bytes, name: str, content_type: str) -> HttpResponse:
    return download(body, filename=name, content_type=content_type)
