"""Text helpers for Vietnamese: accent folding for search that works on every database."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower-case ``text`` without diacritics, so "cao bang" matches "Cao Bằng".

    Đ/đ is a letter of its own, not a D with a mark, so Unicode decomposition leaves it alone.
    """
    decomposed = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", bare).strip().lower()


def vn_number(value: float | int | Decimal, decimals: int | None = None) -> str:
    """A number as Vietnamese officials write it: «1.234,5» (dot thousands, comma decimals).

    ``decimals`` None keeps what the value has (a whole number shows none); otherwise rounds.
    """
    if decimals is None:
        text = f"{value:,}" if isinstance(value, int) else f"{Decimal(str(value)).normalize():,f}"
    else:
        text = f"{value:,.{decimals}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
