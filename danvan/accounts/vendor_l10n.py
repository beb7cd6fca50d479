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

#: Field name → verbose name, for the otp models (their names are plain English strings).
FIELD_NAMES = {
    "user": _("official"),
    "name": _("name"),
    "confirmed": _("confirmed"),
    "throttling_failure_timestamp": _("last failed code at"),
    "throttling_failure_count": _("failed codes in a row"),
    "created_at": _("created at"),
    "last_used_at": _("last used at"),
    "key": _("secret key"),
    "step": _("time step (seconds)"),
    "t0": _("start time (t0)"),
    "digits": _("number of digits"),
    "tolerance": _("tolerance (steps)"),
    "drift": _("clock drift (steps)"),
    "last_t": _("last time step used"),
    "device": _("code list"),
    "token": _("code"),
}

#: Field name → help text, for the otp models (plain English strings there too).
FIELD_HELP = {
    "user": _("The official this device belongs to."),
    "name": _("A name the official recognises, e.g. the phone's name."),
    "confirmed": _("Whether the device is ready for use."),
    "throttling_failure_timestamp": _(
        "When a wrong code was last entered; empty after a right one."
    ),
    "throttling_failure_count": _("Wrong codes entered in a row."),
    "created_at": _("When the device was added."),
    "last_used_at": _("When a code of this device was last accepted."),
    "key": _("The secret shared with the authenticator app (hexadecimal, up to 40 bytes)."),
    "step": _("How many seconds each code is valid."),
    "t0": _("The Unix time from which time steps are counted."),
    "digits": _("How many digits a code has."),
    "tolerance": _("How many time steps before or after now a code may be from."),
    "drift": _("How many time steps the phone's clock is known to be off."),
    "last_t": _("The time step of the last accepted code; the next must be later."),
}

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
        for field in model._meta.fields:
            if field.name in FIELD_NAMES:
                field.verbose_name = FIELD_NAMES[field.name]
            if field.name in FIELD_HELP and field.help_text:
                field.help_text = FIELD_HELP[field.name]
    _localise_admin_columns()


def _localise_admin_columns() -> None:
    """Column titles the packages' admins declare as literals (``@admin.display``)."""
    from auditlog.mixins import LogEntryAdminMixin
    from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin

    LogEntryAdminMixin.cid_url.short_description = _("Correlation ID")  # type: ignore[attr-defined]
    TOTPDeviceAdmin.qrcode_link.short_description = _("QR code")  # type: ignore[attr-defined]


def translated_fieldsets(fieldsets: Any) -> list[Any]:
    return [(FIELDSET_TITLES.get(title, title), options) for title, options in fieldsets]
