"""Two-factor sign-in where a role requires it, or where the official has turned it on."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

CLEAR_UNTIL_KEY = "danvan_2fa_clear_until"
# A role newly requiring two-factor takes effect within this delay for signed-in officials.
RECHECK_SECONDS = 300
EXEMPT_PREFIXES = ("/static/", "/healthz", "/i18n/", "/api/", "/portal/", "/media/")


class RequireTwoFactorMiddleware:
    """Send a signed-in official to the code page until the session is verified.

    Officials with a confirmed authenticator must enter its code; those whose role requires
    two-factor but who have none yet are sent to set one up. API requests authenticate with
    tokens and are not affected.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # The path first: API calls authenticate by token later and need no session user here.
        if request.path.startswith(EXEMPT_PREFIXES):
            return self.get_response(request)
        user = request.user
        if (
            user.is_authenticated
            and not getattr(user, "is_verified", lambda: True)()
            and request.session.get(CLEAR_UNTIL_KEY, 0) < time.time()
        ):
            target = two_factor_step(request)
            if target is None:
                # Nothing is owed: don't ask the database again on every page for a while.
                request.session[CLEAR_UNTIL_KEY] = time.time() + RECHECK_SECONDS
            elif request.path != target and request.path != reverse("accounts:logout"):
                return redirect(f"{target}?next={request.get_full_path()}")
        return self.get_response(request)


def two_factor_step(request: HttpRequest) -> str | None:
    """The page a signed-in official must visit before going on: the code page or setup."""
    from django_otp import devices_for_user

    from .services import requires_two_factor

    user = request.user
    if any(True for _ in devices_for_user(user, confirmed=True)):  # type: ignore[arg-type]
        return reverse("accounts:otp_verify")
    if requires_two_factor(user):  # type: ignore[arg-type]
        return reverse("accounts:two_factor_setup")
    return None
