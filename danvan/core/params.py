"""Query-string parameters of the HTML pages, read so that no value can break a page.

``str.isdigit`` is true for "²" and "١٢" (which ``int`` refuses) and for numbers no column
holds (``OverflowError`` on SQLite); a NUL byte in a search reaches PostgreSQL, which refuses
it, and FTS5. A bad filter value is ignored, as a missing one would be: these are filters of
list pages, not input to store.
"""

from __future__ import annotations

import re

from django.http import HttpRequest

from .api_types import MAX_BIGINT

_DIGITS = re.compile(r"[0-9]{1,19}")
# NUL and the other C0 controls but tab and newline: nothing a person searches for.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
MAX_QUERY = 200
MIN_YEAR, MAX_YEAR = 1900, 2200


def search_text(request: HttpRequest, name: str = "q") -> str:
    """The search words of ``?q=``: control characters dropped, at most 200 characters."""
    raw = request.GET.get(name, "")
    return _CONTROLS.sub(" ", raw).strip()[:MAX_QUERY]


def int_param(
    request: HttpRequest, name: str, low: int = 1, high: int = MAX_BIGINT, *, post: bool = False
) -> int | None:
    """``?name=`` as an int within [low, high] (ASCII digits only), else None."""
    raw = request.GET.get(name) or (request.POST.get(name) if post else None) or ""
    return to_int(raw, low, high)


def to_int(raw: object, low: int = 1, high: int = MAX_BIGINT) -> int | None:
    """``raw`` as an int within [low, high] when it is written in ASCII digits, else None."""
    text = str(raw or "").strip()
    if not _DIGITS.fullmatch(text):
        return None
    value = int(text)
    return value if low <= value <= high else None


def year_param(request: HttpRequest, name: str = "year") -> int | None:
    return int_param(request, name, MIN_YEAR, MAX_YEAR)
