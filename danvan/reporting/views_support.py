"""Helpers of the reporting pages: the unit and period a page is about, charts, the tile."""

from __future__ import annotations

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
