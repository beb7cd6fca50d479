"""Text helpers for Vietnamese: accent folding for search that works on every database."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower-case ``text`` without diacritics, so "cao bang" matches "Cao Bằng".

    Đ/đ is a letter of its own, not a D with a mark, so Unicode decomposition leaves it alone.
    """
    decomposed = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", bare).strip().lower()
