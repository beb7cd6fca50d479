"""Regular expressions shared by the extractors: document numbers and dates.

Numbers follow Nghị định 30/2020/NĐ-CP for state bodies ('767/KH-UBND', '59/2023/NĐ-CP',
'575/UBND-NC') and Hướng dẫn 36-HD/VPTW for party bodies ('23-QĐ/TW', '04-CTr/BDVTU-BCSĐ').
"""

from __future__ import annotations

import datetime
import re

# A symbol segment; a unit's code may follow after a dot ('QĐ-UBND.VX', Nghị định 30/2020).
_SEG = r"[A-ZĐ][A-Za-zĐđ0-9&]*(?:\.[A-ZĐ][A-ZĐ0-9]*)?"
_CAPS_SEG = r"[A-ZĐ][A-ZĐ0-9&]+"
_DASH = r"[-–—]"

# A cited number: state form NUM[/YEAR]/SYMBOL or party form NUM-TYPE/ISSUER[-ISSUER].
DOC_NUMBER = re.compile(
    r"(?<![\w/.\-–])"
    r"(?:"
    rf"(?P<state>\d{{1,5}}[a-z]?(?:\s?/\s?(?:19|20)\d\d)?\s?/\s?{_SEG}(?:{_DASH}{_SEG})*"
    rf"(?:\s{_DASH}\s{_CAPS_SEG})*)"
    "|"
    rf"(?P<party>\d{{1,5}}[a-z]?\s{{0,2}}{_DASH}\s{{0,2}}{_SEG}\s?/\s?{_SEG}"
    rf"(?:{_DASH}{_SEG}|\s{_DASH}\s{_CAPS_SEG})*)"
    r")"
    r"(?![\w/])"
)

DATE_NUMERIC = r"(?P<d>\d{1,2})\s*[/.\-]\s*(?P<m>\d{1,2})\s*[/.\-]\s*(?P<y>(?:19|20)\d\d)"
DATE_WORDS = r"(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})\s+năm\s+(?P<y2>(?:19|20)\d\d)"
# "ngày 26/11/2021" or "ngày 16 tháng 5 năm 2016", right after a citation.
CITED_DATE = re.compile(
    r"[\s,]*(?:\(\s*)?(?:ban hành\s+|ký\s+)?ngày\s+(?:" + DATE_NUMERIC + "|" + DATE_WORDS + ")",
    re.IGNORECASE,
)

_DASHES = re.compile(r"\s*[-–—]\s*")
_SLASH = re.compile(r"\s*/\s*")


def normalize_number(number: str) -> str:
    """Remove spaces and turn dashes into hyphens: '547 – CV/TU' -> '547-CV/TU'."""
    number = _SLASH.sub("/", _DASHES.sub("-", number.strip()))
    return re.sub(r"\s+", "", number)


def split_number(number: str) -> tuple[str, str]:
    """Split a normalised number into its numeral and its symbol ('01/2024/QĐ-UBND' ->
    ('01/2024', 'QĐ-UBND'); '451-CV/HU' -> ('451', 'CV/HU'))."""
    match = re.match(r"^(\d+[a-z]?(?:/(?:19|20)\d\d)?)[/-](.*)$", number)
    if not match:
        return "", number
    return match.group(1), match.group(2)


def iso_date(day: str | int | None, month: str | int | None, year: str | int | None) -> str | None:
    """ISO date from parts, or None when a part is missing or the date does not exist."""
    if not day or not month or not year:
        return None
    try:
        return datetime.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def date_from_match(match: re.Match[str]) -> str | None:
    """ISO date from a match of DATE_NUMERIC or DATE_WORDS groups."""
    groups = match.groupdict()
    if groups.get("d"):
        return iso_date(groups["d"], groups["m"], groups["y"])
    return iso_date(groups.get("d2"), groups.get("m2"), groups.get("y2"))
