"""Reporting obligations by period kind ('báo cáo định kỳ hằng tháng, quý, 6 tháng, 01 năm')."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .cleanup import sentences
from .models import Reporting, ReportingPeriod

_REPORT = re.compile(r"\bbáo cáo\b(?!\s+số)", re.IGNORECASE)
_PERIODS: tuple[tuple[ReportingPeriod, re.Pattern[str]], ...] = (
    (
        "monthly",
        re.compile(r"\b(?:hằng|hàng|mỗi)\s+tháng\b|\b(?:báo cáo|định kỳ)\s+tháng\b", re.I),
    ),
    (
        "quarterly",
        re.compile(r"\bquý\b(?!\s+(?:I{1,3}|IV|[1-4])\b)", re.I),
    ),
    ("semiannual", re.compile(r"\b0?6\s+tháng\b|\bsáu tháng\b|\bnửa năm\b", re.I)),
    ("nine_months", re.compile(r"\b0?9\s+tháng\b|\bchín tháng\b", re.I)),
    (
        "annual",
        re.compile(
            r"\b0?1\s+năm\b|\b(?:hằng|hàng|mỗi)\s+năm\b|\b(?:báo cáo|định kỳ)\s+năm\b(?!\s*\d)"
            r"|\bcả năm\b|\btháng\s*,\s*(?:và\s+)?năm\b(?!\s*\d)"
            r"|\b(?:và|hoặc)\s+(?:0?1\s+)?năm\b(?!\s*(?:\d|nay|sau|trước|tới))|\bnăm\s*\((?:trước|chậm)",
            re.I,
        ),
    ),
    ("ad_hoc", re.compile(r"\bđột xuất\b", re.I)),
)
_RECIPIENT = re.compile(
    r"\bbáo cáo\b[^.;]{0,80}?\b(?:về|gửi|lên|với)\s+(?P<to>(?:Ủy ban|Uỷ ban|UBND|Sở|Ban|Phòng|"
    r"Văn phòng|Thường trực|Chủ tịch|Bộ|Huyện ủy|Tỉnh ủy|Thành ủy|Đảng ủy|Hội đồng)"
    r"[^.;,(]*(?:\([^)]*\))?)",
    re.IGNORECASE,
)


def extract_reporting(paragraphs: Iterable[str]) -> list[Reporting]:
    """One entry per period kind of report the text requires."""
    found: dict[str, Reporting] = {}
    for paragraph in paragraphs:
        if not _REPORT.search(paragraph):
            continue
        for sentence in sentences(paragraph):
            if not _REPORT.search(sentence):
                continue
            recipient = _RECIPIENT.search(sentence)
            to = recipient.group("to").strip() if recipient else None
            for period, pattern in _PERIODS:
                if not pattern.search(sentence):
                    continue
                entry = found.get(period)
                if entry is None:
                    found[period] = Reporting(period=period, to=to, text=sentence)
                elif entry["to"] is None and to:
                    entry["to"] = to
    order = [period for period, _ in _PERIODS]
    return sorted(found.values(), key=lambda entry: order.index(entry["period"]))
