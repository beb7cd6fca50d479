"""Helpers of the reporting pages: the unit and period a page is about, charts, the tile."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.http import Http404, HttpRequest
from django.utils import timezone

from danvan.core.params import int_param
from danvan.orgs.models import OrgUnit

from .models import ReportForm, Submission
from .periods import Period, current_period, periods_between


def forms_for(user: Any) -> Any:
    return ReportForm.objects.visible_to(user).filter(active=True).select_related("recipient")


def get_form(user: Any, pk: int) -> ReportForm:
    form = forms_for(user).filter(pk=pk).select_related("owner", "assigned_root").first()
    if form is None:
        raise Http404
    return form


def unit_for(request: HttpRequest, form: ReportForm) -> OrgUnit:
    """The unit named in ``?unit=`` (in the user's scope), else the form's area or user's unit."""
    from .services import receives, unit_of_form

    unit_id = int_param(request, "unit", post=True)
    if unit_id is not None:
        chosen = unit_of_form(request.user, form, unit_id)
        assert chosen is not None  # an id always names a unit or raises 404
        return chosen
    own = getattr(request.user, "org_unit", None)
    root = form.assigned_root
    if root is not None and receives(request.user, form):
        return root  # the recipient consolidates the whole area the form assigns
    if own is not None and root is not None and own.path.startswith(root.path):
        return own
    if root is not None:
        return root
    if own is not None:
        return own
    raise Http404


def recent_periods(form: ReportForm, count: int = 12) -> list[Period]:
    today = timezone.localdate()
    first = today.replace(year=today.year - 2)
    periods = list(periods_between(form, first, today.replace(year=today.year + 1)))
    current = current_period(form, today)
    ended = [p for p in periods if p.end < today or (current and p.code == current.code)]
    return list(reversed(ended))[:count]


def period_code(request: HttpRequest, form: ReportForm) -> str:
    raw = (request.GET.get("period") or request.POST.get("period") or "").strip()
    if raw:
        return raw
    periods = recent_periods(form, 2)
    today = timezone.localdate()
    ended = [p for p in periods if p.end < today]
    chosen = ended[0] if ended else (periods[0] if periods else None)
    if chosen is None:
        raise Http404
    return chosen.code


def line_chart_svg(
    series: list[tuple[str, Decimal | None]], width: int = 640, height: int = 220
) -> str:
    """An accessible inline SVG line chart (the same numbers are in a table beside it)."""
    points = [(label, float(v)) for label, v in series if v is not None]
    if not points:
        return ""
    pad = 36
    top = max(v for _l, v in points) or 1.0
    step = (width - 2 * pad) / max(len(points) - 1, 1)
    coords = [
        (pad + i * step, height - pad - (v / top) * (height - 2 * pad))
        for i, (_l, v) in enumerate(points)
    ]
    path = " ".join(f"{'M' if i == 0 else 'L'}{x:.1f},{y:.1f}" for i, (x, y) in enumerate(coords))
    dots = "".join(
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3"><title>{label}: {v:g}</title></circle>'
        for (x, y), (label, v) in zip(coords, points, strict=True)
    )
    labels = "".join(
        f'<text x="{x:.1f}" y="{height - 10}" font-size="10" text-anchor="middle">{label}</text>'
        for (x, _y), (label, _v) in zip(coords, points, strict=True)
        if len(points) <= 12 or points.index((label, _v)) % 3 == 0
    )
    return (
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-hidden="true" '
        f'focusable="false"><line x1="{pad}" y1="{height - pad}" x2="{width - pad}" '
        f'y2="{height - pad}" stroke="#8a94a3"/><text x="4" y="{pad}" font-size="10">{top:g}'
        f'</text><path d="{path}" fill="none" stroke="#1f4e79" stroke-width="2"/>{dots}'
        f"{labels}</svg>"
    )


def bar_chart_svg(bars: list[tuple[str, Decimal | None]], width: int = 640) -> str:
    """An inline SVG of horizontal bars, one per labelled value (the table beside it has the
    same numbers; the chart is hidden from screen readers). Missing values draw no bar."""
    from django.utils.html import escape

    shown = [(label, float(v)) for label, v in bars if v is not None]
    if not shown:
        return ""
    row, label_w, pad = 22, 200, 8
    top = max((abs(v) for _l, v in shown), default=0.0) or 1.0
    span = width - label_w - 70
    height = row * len(bars) + 2 * pad
    parts = []
    for i, (label, value) in enumerate(bars):
        y = pad + i * row
        short = label if len(label) <= 32 else label[:31] + "…"
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 15}" font-size="11" text-anchor="end">'
            f"{escape(short)}</text>"
        )
        if value is None:
            parts.append(f'<text x="{label_w + 4}" y="{y + 15}" font-size="11">—</text>')
            continue
        w = max(abs(float(value)) / top * span, 1.0)
        parts.append(
            f'<rect x="{label_w}" y="{y + 4}" width="{w:.1f}" height="{row - 8}" '
            f'fill="#1f4e79"><title>{escape(label)}: {value:g}</title></rect>'
            f'<text x="{label_w + w + 4:.1f}" y="{y + 15}" font-size="11">{value:g}</text>'
        )
    return (
        f'<svg class="chart bar-chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-hidden="true" focusable="false">{"".join(parts)}</svg>'
    )


def dashboard_tile(request: HttpRequest) -> dict[str, Any] | None:
    """Forms in scope with the completeness of their last ended period."""
    from .consolidation import completeness

    rows = []
    for form in forms_for(request.user)[:3]:
        try:
            code = period_code(request, form)
            unit = unit_for(request, form)
            result = completeness(form, code, unit)
        except Exception:  # noqa: BLE001 - a tile never breaks the dashboard
            continue
        rows.append({"form": form, "period": code, "counts": result.counts, "unit": unit})
    if not rows:
        return None
    # What the review queue lists, so the count and the list it links to agree.
    pending = Submission.objects.reviewable_by(request.user).filter(status="submitted").count()
    return {"rows": rows, "pending": pending}
