from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.middleware.csrf import REASON_NO_CSRF_COOKIE
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from danvan.accounts.views import LoginView
from danvan.orgs.models import OrgUnit, OrgUnitKind

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
    """The citizens' portal: no sign-in. It names who runs it (the provinces on the platform;
    one in a province's installation) and shows each module's card of what is there now."""
    provinces = list(
        OrgUnit.objects.current().filter(kind=OrgUnitKind.PROVINCE).order_by("name")[:4]
    )
    return render(
        request,
        "core/portal_home.html",
        {
            "operator": provinces[0] if len(provinces) == 1 else None,
            "provinces": provinces,
            "cards": tiles_for(request, board="portal"),
        },
    )


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness for a load balancer: 200 while this server can serve pages, i.e. while the
    database answers. A task queue that does not answer (Redis down when ``REDIS_URL`` is set)
    leaves the pages serving and the jobs waiting (sent in the request, or run when it is back),
    so it is reported as ``degraded`` with a 200: answering 503 made every app server look dead
    at once and a load balancer would have taken them all out (docs/deployment.md)."""
    db_ok, db_detail = check_database()
    queue_ok, queue_detail = check_queue()
    status = "error" if not db_ok else "ok" if queue_ok else "degraded"
    queue_name = "redis" if settings.REDIS_URL else "queue"
    body = {
        "status": status,
        "checks": {"database": "ok" if db_ok else "down", queue_name: "ok" if queue_ok else "down"},
        "database": {"ok": db_ok, "detail": db_detail},
        "queue": {"ok": queue_ok, **queue_detail},
    }
    return JsonResponse(body, status=200 if db_ok else 503)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A refused form (``CSRF_FAILURE_VIEW``): in Vietnamese, in the site's layout, 403."""
    context = {"no_cookies": reason == REASON_NO_CSRF_COOKIE}
    return render(request, "403_csrf.html", context, status=403)


#: Seconds a client is asked to wait before retrying while the database is unreachable.
RETRY_AFTER_SECONDS = 15
# The page's own sentence (500.html), so both say the same; gettext reads the catalogue from
# files, never from the database that may be down.
_UNAVAILABLE = gettext_lazy(
    "The system cannot reach its database right now, so this request was not recorded. "
    "Please try again in a few minutes."
)


def server_error(request: HttpRequest) -> HttpResponse:
    """Django's handler500: a database that cannot be reached is a 503 saying so, not a 500.

    Called while the exception is being handled, so ``sys.exc_info()`` names it. Nothing here
    touches the database: the page renders without context processors, the API answer is JSON.
    """
    import sys

    from django.db import InterfaceError, OperationalError
    from django.template import loader

    exc = sys.exc_info()[1]
    unavailable = isinstance(exc, OperationalError | InterfaceError)
    status = 503 if unavailable else 500
    if request.path.startswith("/api/"):
        detail = str(
            _UNAVAILABLE
            if unavailable
            else gettext_lazy("Server error; this request was not recorded.")
        )
        response: HttpResponse = JsonResponse({"detail": detail}, status=status)
    else:
        template = loader.get_template("500.html")
        response = HttpResponse(template.render({"unavailable": unavailable}), status=status)
    if unavailable:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
