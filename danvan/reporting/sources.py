"""Data sources: figures of a report form that the platform computes from its own records.

A data element may name a source (``DataElement.source``, e.g. ``petitions.received``); when a
unit opens its report for a period the figure is taken from the source (số liệu lấy tự động từ
hệ thống) and the officer may correct it before sending. Other apps register their sources from
their own modules (``danvan/petitions/report_sources.py``), so reporting never imports them.

A source computes the figure of **one unit itself** over a date window (both ends included), not
of its subtree: consolidation up the tree already sums the units' reports, so a subtree figure
would be counted once at the commune and again at every level above.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.utils.translation import gettext, pgettext

from danvan.core.errors import UserError

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from danvan.orgs.models import OrgUnit

#: ``(unit, first day, last day) -> figure``; None when the source has no figure to give.
Compute = Callable[["OrgUnit", dt.date, dt.date], Decimal | None]

CODE_PATTERN = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")
MAX_CODE_LENGTH = 60


@dataclass(frozen=True)
class DataSource:
    code: str
    label: StrOrPromise
    compute: Compute


_registry: dict[str, DataSource] = {}


def register(code: str, label: StrOrPromise) -> Callable[[Compute], Compute]:
    """Decorator registering ``function(unit, start, end)`` as the source ``code``.

    ``code`` is ``app.name`` (lower case, dots); ``label`` a lazy translation with an English
    msgid. Registering a code twice with different functions is a programming error.
    """
    if len(code) > MAX_CODE_LENGTH or not CODE_PATTERN.match(code):
        raise ImproperlyConfigured(f"Invalid data source code {code!r} (app.name, lower case).")

    def decorate(function: Compute) -> Compute:
        existing = _registry.get(code)
        # The same function registered again (a module imported twice) is harmless.
        if existing is not None and _qualified(existing.compute) != _qualified(function):
            raise ImproperlyConfigured(f"Data source {code!r} is already registered.")
        _registry[code] = DataSource(code, label, function)
        return function

    return decorate


def _qualified(function: Compute) -> str:
    return f"{getattr(function, '__module__', '')}.{getattr(function, '__qualname__', '')}"


def get(code: str) -> DataSource | None:
    return _registry.get(code)


def all_sources() -> list[DataSource]:
    return sorted(_registry.values(), key=lambda s: s.code)


def choices() -> list[tuple[str, str]]:
    """(code, "code — label") for select boxes, with an empty first choice."""
    return [("", "—")] + [(s.code, f"{s.code} — {s.label}") for s in all_sources()]


def unknown_message(code: str) -> str:
    known = ", ".join(s.code for s in all_sources()) or pgettext("figure sources", "none")
    return gettext(
        "There is no figure source «%(code)s» in the system. The sources are: %(known)s."
    ) % {
        "code": code,
        "known": known,
    }


def check_code(code: str) -> None:
    """Raise :class:`UserError` (Vietnamese) unless ``code`` is empty or a registered source."""
    if code and code not in _registry:
        raise UserError(unknown_message(code))


def validate_source_code(value: str) -> None:
    """Model and form validator of ``DataElement.source``."""
    if value and value not in _registry:
        raise ValidationError(unknown_message(value), code="unknown_source")
