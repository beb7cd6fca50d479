"""Request-scoped plumbing: a request id that ties log lines and audit entries together."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse

from .audit import request_context
from .stamps import request_snapshot

_request_id: ContextVar[str | None] = ContextVar("danvan_request_id", default=None)
_VALID_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def current_request_id(request: HttpRequest | None = None) -> str | None:
    """The id of the request being served (used by django-auditlog as its correlation id)."""
    return _request_id.get()


class RequestIdMiddleware:
    """Accept a proxy's X-Request-ID or make one, and echo it in the response.

    The id is stored in every audit entry, so an administrator can find all changes made by
    one request, and matched with the reverse proxy's access log.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _VALID_ID.match(incoming) else uuid.uuid4().hex
        token = _request_id.set(request_id)
        request.request_id = request_id  # type: ignore[attr-defined]
        try:
            response = self.get_response(request)
        finally:
            _request_id.reset(token)
        response["X-Request-ID"] = request_id
        return response


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
