"""The hotspot dashboard, the register of opinion signals, and confirmed hotspots."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from danvan.core.errors import UserError, posted_version
from danvan.core.lists import listing, render_list
from danvan.core.params import int_param
from danvan.core.scoping import Action, get_object_for_user
from danvan.outputs import charts
from danvan.petitions.models import Petition

from .filters import CaseFilter, SignalFilter
from .forms import ConfirmForm, SignalForm
from .models import HotspotCase, OpinionSignal
from .services import confirm_hotspot, log_signal, resolve_hotspot, units_where, visible_candidates
from .stats import cases, month_start, volumes

PAGE_SIZE = 50
PERIODS = (3, 6, 12, 24)


def _candidates_context(request: HttpRequest) -> dict[str, Any]:
    today = timezone.localdate()
    return {
        "candidates": visible_candidates(request.user, today),
        "can_confirm": units_where(request.user, HotspotCase, Action.ADD).exists(),
    }


def _volume_chart(rows: list[Any], title: str, *, horizontal: bool = True) -> charts.Chart:
    """Petitions and signals stacked per commune, topic or month (the table follows it)."""
    return charts.bar(
        title,
        [row.label for row in rows],
        {_("Petitions"): [row.petitions for row in rows],
         _("Opinion signals"): [row.signals for row in rows]},
        horizontal=horizontal,
        stacked=True,
    )  # fmt: skip


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """Volumes by commune, topic and month; crowded, long-running, overdue cases; candidates."""
    today = timezone.localdate()
    months = int_param(request, "months", 1, 36)
    n = months if months in PERIODS else 12
    start = month_start(today, n - 1)
    petitions = Petition.objects.visible_to(request.user)
    signals = OpinionSignal.objects.visible_to(request.user)
    figures = volumes(petitions, signals, start, today)
    context = {
        "months": n,
        "periods": PERIODS,
        "start": start,
        "today": today,
        **figures,
        "commune_chart": _volume_chart(
            figures["by_commune"], _("Petitions and signals by commune")
        ),
        "topic_chart": _volume_chart(figures["by_topic"], _("Petitions and signals by topic")),
        "month_chart": _volume_chart(
            figures["by_month"], _("Petitions and signals by month"), horizontal=False
        ),
        **cases(petitions, today),
        **_candidates_context(request),
        "open_cases": list(
            HotspotCase.objects.visible_to(request.user)
            .open()
            .select_related("place", "topic", "rule")
            .order_by("-confirmed_at")[:20]
        ),
    }
    return render(request, "hotspots/dashboard.html", context)


@login_required
@require_POST
def confirm(request: HttpRequest) -> HttpResponse:
    """Confirm a candidate as a hotspot (HTMX: answers with the refreshed candidate list)."""
    if not units_where(request.user, HotspotCase, Action.ADD).exists():
        raise PermissionDenied
    form = ConfirmForm(request.POST)
    error = ""
    if form.is_valid():
        data = form.cleaned_data
        try:
            confirm_hotspot(
                rule_code=data["rule"],
                place_id=data["place"],
                topic_id=data["topic"],
                note=data["note"],
                actor=request.user,
            )
        except UserError as exc:
            error = exc.message
    else:
        error = _("Write your assessment before confirming.")
    if request.htmx:  # type: ignore[attr-defined]
        context = {**_candidates_context(request), "error": error, "saved": not error}
        return render(request, "hotspots/_candidates.html", context)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("The hotspot is confirmed."))
    return redirect("hotspots:dashboard")


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    qs = HotspotCase.objects.visible_to(request.user).select_related(
        "place", "topic", "rule", "confirmed_by"
    )
    found = listing(request, CaseFilter, qs, per_page=PAGE_SIZE)
    can_change = units_where(request.user, HotspotCase, Action.CHANGE).exists()
    return render(request, "hotspots/cases.html", found.context(can_change=can_change))


@login_required
@require_POST
def resolve(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_object_for_user(HotspotCase, request.user, Action.CHANGE, pk=pk)
    try:
        resolve_hotspot(
            case,
            note=request.POST.get("note", ""),
            version=posted_version(request.POST.get("version")),
            actor=request.user,
        )
    except UserError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The hotspot is marked resolved."))
    return redirect("hotspots:cases")


@login_required
def signal_list(request: HttpRequest) -> HttpResponse:
    """The register of opinion signals of the official's scope."""
    qs = OpinionSignal.objects.visible_to(request.user).select_related("place", "topic", "owner")
    found = listing(request, SignalFilter, qs, per_page=PAGE_SIZE)
    can_add = units_where(request.user, OpinionSignal, Action.ADD).exists()
    context = found.context(can_add=can_add)
    return render_list(request, "hotspots/signals.html", "hotspots/_signal_rows.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def signal_create(request: HttpRequest) -> HttpResponse:
    if not units_where(request.user, OpinionSignal, Action.ADD).exists():
        raise PermissionDenied
    form = SignalForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            log_signal(
                data["owner"],
                place=data["place"],
                topic=data["topic"],
                source=data["source"],
                observed_on=data["observed_on"],
                summary=data["summary"],
                people_involved=data.get("people_involved"),
                actor=request.user,
            )
        except UserError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The signal is recorded."))
            return redirect("hotspots:signals")
    return render(request, "hotspots/signal_form.html", {"form": form})
