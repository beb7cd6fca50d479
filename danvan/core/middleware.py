"""Request-scoped plumbing: a request id that ties log lines and audit entries together."""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from . import logs, metrics
from .audit import request_context
from .stamps import request_snapshot

#: A proxy's id is taken only when it is a short token of safe characters (it is echoed in a
#: header, stored in audit entries and written in logs); anything else gets a fresh one.
_VALID_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
request_log = logging.getLogger("danvan.request")


def current_request_id(request: HttpRequest | None = None) -> str | None:
    """The id of the request being served (used by django-auditlog as its correlation id)."""
    return logs.current_request_id()


class RequestIdMiddleware:
    """Accept a proxy's X-Request-ID or make one, echo it, and write the request line.

    The id is stored in every audit entry, so an administrator can find all changes made by
    one request, and matched with the reverse proxy's access log. Every record logged while the
    request is served carries it (:mod:`danvan.core.logs`); when the request ends, one line on
    ``danvan.request`` gives method, path, status, duration and user id, and the request is
    counted in the Prometheus metrics (:mod:`danvan.core.metrics`).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _VALID_ID.match(incoming) else uuid.uuid4().hex
        token = logs.bind_request(request_id, request)
        request.request_id = request_id  # type: ignore[attr-defined]
        started = time.perf_counter()
        try:
            response = self.get_response(request)
        except BaseException:
            self.record(request, 500, time.perf_counter() - started)
            logs.unbind(token)
            raise
        self.record(request, response.status_code, time.perf_counter() - started)
        response["X-Request-ID"] = request_id
        # The context stays bound until the response is closed (``logs.end_request`` on
        # request_finished): Django logs a 4xx ("Not Found: …") after every middleware has
        # returned, and that line belongs to this request too.
        return response

    @staticmethod
    def record(request: HttpRequest, status: int, elapsed: float) -> None:
        route = metrics.route_of(request)
        metrics.observe_request(request.method or "", route, status, elapsed)
        path = logs.loggable_path(request)
        duration_ms = round(elapsed * 1000, 1)
        request_log.info(
            "%s %s %s %.1fms",
            request.method,
            path,
            status,
            duration_ms,
            extra={
                "method": request.method,
                "path": path,
                "route": route,
                "status": status,
                "duration_ms": duration_ms,
            },
        )


class LanguageMiddleware:
    """Vietnamese unless the official chose otherwise (the language cookie).

    Django's LocaleMiddleware would follow the browser's Accept-Language, and many officials'
    browsers say English; the platform's working language is Vietnamese, so only an explicit
    choice switches it.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from django.conf import settings
        from django.utils import translation

        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        available = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language  # type: ignore[attr-defined]
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class AuditContextMiddleware:
    """Name the request's official and address in the audit entries its writes leave.

    Replaces django-auditlog's middleware, which leaks a signal receiver per request when a
    service nests its own actor inside (see :mod:`danvan.core.audit`).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    @staticmethod
    def remote_address(request: HttpRequest) -> tuple[str | None, int | None]:
        from .clientip import client_address, client_port

        return client_address(request), client_port(request)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with request_context(request, *self.remote_address(request)):
            return self.get_response(request)


class StampSnapshotMiddleware:
    """Read the change stamps at most once per request (see :mod:`danvan.core.stamps`)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with request_snapshot():
            return self.get_response(request)
