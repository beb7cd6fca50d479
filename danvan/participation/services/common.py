"""Checks the services of this app share."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied

from danvan.core.errors import UserError
from danvan.core.scoping import Action, holds_at, permission_name

MAX_TEXT = 10_000


def required(value: Any, label: str) -> str:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise UserError(f"Thiếu {label}.")
    return value.strip() if isinstance(value, str) else value


def bounded(text: str, label: str, limit: int = MAX_TEXT) -> str:
    if len(text) > limit:
        raise UserError(f"{label[:1].upper()}{label[1:]} quá dài (tối đa {limit} ký tự).")
    if "\x00" in text:
        raise UserError(f"{label[:1].upper()}{label[1:]} chứa ký tự không hợp lệ.")
    return text


def a_date(value: Any, label: str) -> dt.date:
    if not isinstance(value, dt.date):
        raise UserError(f"{label[:1].upper()}{label[1:]} không hợp lệ (định dạng NNNN-TT-NN).")
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
