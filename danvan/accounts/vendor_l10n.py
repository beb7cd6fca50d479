"""Vietnamese names for what the two-factor, login-lockout and audit packages show in the admin.

django-otp declares its models' and fields' names as plain strings and its admin's fieldset
titles as literals, so no catalogue can translate them; django-axes and django-auditlog have no
Vietnamese catalogue, and their app names have none either. The administrators of a People's
Committee read the back office in Vietnamese, so the names are set here, through gettext, once
at start-up (``AccountsConfig.ready``), and the otp admins are re-registered with translated
fieldset titles (``accounts/admin.py``). The strings themselves are in ``locale/vi``.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

#: App label → the name of its section in the admin.
APP_NAMES = {
    "django_otp": _("Two-factor sign-in"),
    "otp_totp": _("Two-factor sign-in: authenticator apps"),
    "otp_static": _("Two-factor sign-in: backup codes"),
    "axes": _("Sign-in attempts"),
}

#: (app label, model) → (verbose name, plural).
MODEL_NAMES = {
    ("otp_totp", "totpdevice"): (_("authenticator app"), _("authenticator apps")),
    ("otp_static", "staticdevice"): (_("backup code list"), _("backup code lists")),
    ("otp_static", "statictoken"): (_("backup code"), _("backup codes")),
}

#: The otp models whose field names and help texts are plain English strings. They are passed
#: through gettext *unchanged* (the same English words as msgids, translated in ``locale/vi``):
#: a field's verbose name and help text are part of its migration state, and with translations
#: off, as ``makemigrations`` runs, they read exactly as the package's own migrations say.
OTP_CONTEXT = "two-factor"
OTP_MODELS = (
    ("otp_totp", "totpdevice"),
    ("otp_static", "staticdevice"),
    ("otp_static", "statictoken"),
)

#: The otp admins' fieldset titles.
FIELDSET_TITLES = {
    "Identity": _("Identity"),
    "Timestamps": _("Times"),
    "Configuration": _("Configuration"),
    "State": _("State"),
    "Throttling": _("Wrong codes"),
}


def localise_vendor_models() -> None:
    for label, name in APP_NAMES.items():
        if apps.is_installed(f"django_otp.plugins.{label}") or label in {
            c.label for c in apps.get_app_configs()
        }:
            apps.get_app_config(label).verbose_name = name
    for (label, model_name), (singular, plural) in MODEL_NAMES.items():
        try:
            model = apps.get_model(label, model_name)
        except LookupError:
            continue
        model._meta.verbose_name = singular
        model._meta.verbose_name_plural = plural
        if (label, model_name) not in OTP_MODELS:
            continue
        for field in model._meta.fields:
            if isinstance(field.verbose_name, str) and field.verbose_name:
                field.verbose_name = pgettext_lazy(OTP_CONTEXT, field.verbose_name)
            if isinstance(field.help_text, str) and field.help_text:
                field.help_text = pgettext_lazy(OTP_CONTEXT, field.help_text)
    _localise_admin_columns()


def _localise_admin_columns() -> None:
    """Column titles the packages' admins declare as literals (``@admin.display``)."""
    from auditlog.mixins import LogEntryAdminMixin
    from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin

    LogEntryAdminMixin.cid_url.short_description = _("Correlation ID")  # type: ignore[attr-defined]
    TOTPDeviceAdmin.qrcode_link.short_description = _("QR code")  # type: ignore[attr-defined]


def translated_fieldsets(fieldsets: Any) -> list[Any]:
    return [(FIELDSET_TITLES.get(title, title), options) for title, options in fieldsets]
