"""Checks the services of this app share."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from danvan.core.errors import UserError
from danvan.core.scoping import Action, holds_at, permission_name

MAX_TEXT = 10_000


def required(value: Any, label: str) -> str:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise UserError(_("Missing: %(what)s.") % {"what": label})
    return value.strip() if isinstance(value, str) else value


def bounded(text: str, label: str, limit: int = MAX_TEXT) -> str:
    if len(text) > limit:
        raise UserError(
            _("%(what)s is too long (at most %(limit)d characters).")
            % {"what": capfirst(label), "limit": limit}
        )
    if "\x00" in text:
        raise UserError(
            _("%(what)s holds a character that is not allowed.") % {"what": capfirst(label)}
        )
    return text


def a_date(value: Any, label: str) -> dt.date:
    if not isinstance(value, dt.date):
        raise UserError(
            _("%(what)s is not a valid date (format YYYY-MM-DD).") % {"what": capfirst(label)}
        )
    return value


def require(user: Any, model: type[Any], action: str, unit: Any) -> None:
    """The actor holds ``action`` on ``model`` at ``unit``; otherwise 403."""
    if user is not None and not holds_at(user, permission_name(model, action), unit):
        raise PermissionDenied


__all__ = ["MAX_TEXT", "Action", "a_date", "bounded", "require", "required"]


def clean_text(text: str) -> str:
    """Drop control characters (but line breaks and tabs) and lone surrogates from input."""
    return "".join(
        ch
        for ch in text
        if (ch in "\n\t" or ord(ch) >= 32) and ord(ch) != 127 and not 0xD800 <= ord(ch) <= 0xDFFF
    )
