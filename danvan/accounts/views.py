from __future__ import annotations

import base64
from io import BytesIO
from typing import Any

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from danvan.core import ratelimit
from danvan.core.clientip import client_address

from .forms import LoginForm, OtpCodeForm
from .models import RoleAssignment
from .services import (
    confirm_totp,
    new_totp_key,
    pending_totp_device,
    remove_two_factor,
    requires_two_factor,
)


class LoginView(auth_views.LoginView):
    """Sign-in, with a per-address limit on failures across all usernames.

    django-axes locks a username tried from one address; without this, one address could try
    a few passwords on every account of the province.
    """

    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def _bucket(self) -> str:
        return f"login-failures:{client_address(self.request) or '?'}"

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if ratelimit.count(self._bucket()) >= settings.LOGIN_FAILURES_PER_ADDRESS_PER_HOUR:
            return render(request, "accounts/lockout.html", {"by_address": True}, status=429)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form: Any) -> HttpResponse:
        ratelimit.hit(self._bucket(), settings.LOGIN_FAILURES_PER_ADDRESS_PER_HOUR)
        return super().form_invalid(form)


def _safe_next(request: HttpRequest, default: str = "core:dashboard") -> str:
    target = request.GET.get("next") or request.POST.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return target
    from django.urls import reverse

    return reverse(default)


@login_required
def otp_verify(request: HttpRequest) -> HttpResponse:
    """Second step of sign-in: the code of the official's authenticator."""
    form = OtpCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"].strip().replace(" ", "")
        for device in devices_for_user(request.user, confirmed=True):
            if device.verify_token(code):
                otp_login(request, device)
                return redirect(_safe_next(request))
        form.add_error("code", _("The code is not correct or has expired. Try the current one."))
    return render(request, "accounts/otp_verify.html", {"form": form})


def _qr_svg(uri: str) -> str:
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    password_form = PasswordChangeForm(request.user, request.POST or None)  # type: ignore[arg-type]
    if request.method == "POST" and password_form.is_valid():
        password_form.save()
        update_session_auth_hash(request, password_form.user)
        messages.success(request, _("Your password has been changed."))
        return redirect("accounts:profile")
    context: dict[str, Any] = {
        "password_form": password_form,
        "has_two_factor": any(True for _ in devices_for_user(request.user, confirmed=True)),
        "two_factor_required": requires_two_factor(request.user),  # type: ignore[arg-type]
        "assignments": RoleAssignment.objects.filter(user=request.user).select_related(  # type: ignore[misc]
            "role", "org_unit"
        ),
    }
    return render(request, "accounts/profile.html", context)


PENDING_TOTP_KEY = "danvan_pending_totp_key"


@login_required
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Pair an authenticator app: show a QR code, confirm with its first code.

    The secret lives in the session until confirmed, so reloading the page (or a wrong code)
    keeps the same QR code the official has already scanned.
    """
    key = request.session.get(PENDING_TOTP_KEY)
    if not key:
        key = request.session[PENDING_TOTP_KEY] = new_totp_key()
    device = pending_totp_device(request.user, key)  # type: ignore[arg-type]
    form = OtpCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if confirm_totp(request.user, key, form.cleaned_data["code"], actor=request.user):  # type: ignore[arg-type]
            request.session.pop(PENDING_TOTP_KEY, None)
            device = TOTPDevice.objects.get(user=request.user)
            otp_login(request, device)
            messages.success(request, _("Two-factor sign-in is on."))
            return redirect(_safe_next(request, "accounts:profile"))
        form.add_error(
            "code",
            _(
                "The code is not correct. The QR code and the secret stay the same: check the "
                "time on your phone and enter the code the app shows now."
            ),
        )
    context = {
        "form": form,
        "qr": _qr_svg(device.config_url),
        "secret": base64.b32encode(device.bin_key).decode(),
        "required": requires_two_factor(request.user),  # type: ignore[arg-type]
    }
    return render(request, "accounts/two_factor_setup.html", context)


@login_required
@require_POST
def two_factor_remove(request: HttpRequest) -> HttpResponse:
    if requires_two_factor(request.user):  # type: ignore[arg-type]
        messages.error(
            request, _("Your role requires two-factor sign-in; it cannot be turned off.")
        )
    else:
        remove_two_factor(request.user, actor=request.user)  # type: ignore[arg-type]
        messages.success(request, _("Two-factor sign-in is off."))
    return redirect("accounts:profile")
