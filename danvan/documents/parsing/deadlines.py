"""Deadlines: calendar dates by which something must be done ('trước ngày 20/4/2024')."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable

from .cleanup import sentences
from .models import Deadline
from .patterns import iso_date

_CUE = (
    r"(?:trước|chậm nhất(?:\s+là)?|hạn chót|hạn cuối|không muộn hơn|không quá|đến hết|"
    r"hoàn thành (?:vào|trong)|xong (?:vào|trong)|"
    r"thời hạn(?:\s+(?:hoàn thành|thực hiện|gửi|nộp|báo cáo))?\s*:?)"
)
_DEADLINE = re.compile(
    r"\b" + _CUE + r"\s*(?:ngày\s*)?"
    r"(?:(?P<d>\d{1,2})\s*[/.\-]\s*(?P<m>\d{1,2})(?:\s*[/.\-]\s*(?P<y>(?:19|20)\d\d))?(?![\d/])"
    r"|(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})(?:\s+năm\s+(?P<y2>(?:19|20)\d\d))?)",
    re.IGNORECASE,
)


# 'trong tháng 4/2026', 'trong tháng 4 năm 2026': done within the month, so due on its last day.
_WITHIN_MONTH = re.compile(
    r"\b(?:trong|ngay trong|hoàn thành trong|xong trong)\s+tháng\s+(?P<m>\d{1,2})"
    r"(?:\s*(?:/|năm)\s*(?P<y>(?:19|20)\d\d))?(?![\d/])",
    re.IGNORECASE,
)


def _month_end(month: int, year: int | None) -> int:
    return calendar.monthrange(year or 2001, month)[1]


def extract_deadlines(paragraphs: Iterable[tuple[str, str | None]]) -> list[Deadline]:
    """Dates something must be done by, from (paragraph, responsible unit or None) pairs."""
    found: list[Deadline] = []
    seen: set[tuple[int | None, int, int]] = set()
    for paragraph, who in paragraphs:
        if not _DEADLINE.search(paragraph) and not _WITHIN_MONTH.search(paragraph):
            continue
        for sentence in sentences(paragraph):
            for within in _WITHIN_MONTH.finditer(sentence):
                month = int(within.group("m"))
                if not 1 <= month <= 12:
                    continue
                year = int(within.group("y")) if within.group("y") else None
                key = (year, month, _month_end(month, year))
                if key not in seen:
                    seen.add(key)
                    found.append(
                        Deadline(year=year, month=month, day=key[2], text=sentence, who=who)
                    )
            for match in _DEADLINE.finditer(sentence):
                day = int(match.group("d") or match.group("d2"))
                month = int(match.group("m") or match.group("m2"))
                year_text = match.group("y") or match.group("y2")
                year = int(year_text) if year_text else None
                if not 1 <= month <= 12 or not 1 <= day <= 31:
                    continue
                if year is not None and iso_date(day, month, year) is None:
                    continue
                key = (year, month, day)
                if key in seen:
                    continue
                seen.add(key)
                found.append(Deadline(year=year, month=month, day=day, text=sentence, who=who))
    return found
