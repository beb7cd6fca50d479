from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.middleware.csrf import REASON_NO_CSRF_COOKIE
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from danvan.accounts.views import LoginView
from danvan.orgs.models import OrgUnit

from .dashboard import tiles_for
from .health import check_database, check_queue


def home(request: HttpRequest) -> HttpResponseBase:
    """The sign-in page for visitors, the dashboard for officials."""
    if request.user.is_authenticated:
        return redirect("core:dashboard")
    return LoginView.as_view()(request)


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    unit = getattr(user, "org_unit", None)
    context = {
        "unit": unit,
        "ancestors": list(unit.ancestors()) if isinstance(unit, OrgUnit) else [],
        "tiles": tiles_for(request),
    }
    return render(request, "core/dashboard.html", context)


def portal_home(request: HttpRequest) -> HttpResponse:
    """The citizens' portal: no sign-in; later modules add reception schedules, petitions…"""
    return render(request, "core/portal_home.html")


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    db_ok, db_detail = check_database()
    queue_ok, queue_detail = check_queue()
    ok = db_ok and queue_ok
    body = {
        "status": "ok" if ok else "error",
        "database": {"ok": db_ok, "detail": db_detail},
        "queue": {"ok": queue_ok, **queue_detail},
    }
    return JsonResponse(body, status=200 if ok else 503)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A refused form (``CSRF_FAILURE_VIEW``): in Vietnamese, in the site's layout, 403."""
    context = {"no_cookies": reason == REASON_NO_CSRF_COOKIE}
    return render(request, "403_csrf.html", context, status=403)
