"""Quantified targets and planned quantities ('100% cơ quan...', 'ít nhất 01 mô hình', '07 lớp').

Past results are not targets: sections that report results or background (kết quả, thực trạng,
tình hình, sự cần thiết...) are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .cleanup import sentences
from .models import Target
from .sections import Block
from .vocabulary import PLURAL_BODY_NOUNS

_PAST_SECTION = re.compile(
    r"kết quả|thực trạng|tình hình|sự cần thiết|cơ sở thực tiễn|cơ sở pháp lý|căn cứ|tồn tại|"
    r"hạn chế|nguyên nhân|bài học|đặc điểm",
    re.IGNORECASE,
)
_FORWARD_SECTION = re.compile(r"cần đạt|phấn đấu|mục tiêu|chỉ tiêu|dự kiến|nhiệm vụ", re.I)
_NUMBER_WORDS = {
    "một": 1, "hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "bẩy": 7, "tám": 8,
    "chín": 9, "mười": 10,
}  # fmt: skip
_NUM = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_WORD_NUM = "|".join(_NUMBER_WORDS)
_PERCENT = re.compile(r"(?<![\d.,/])(?P<v>\d{1,3}(?:[.,]\d{1,2})?)\s?%")
_AT_LEAST = re.compile(
    r"\b(?:ít nhất|tối thiểu|không ít hơn|tối đa|phấn đấu có)\s+(?P<v>"
    + _NUM
    + "|"
    + _WORD_NUM
    + r")\s+",
    re.I,
)
_LABEL = re.compile(
    r"(?:^|[-+•;]\s*)(?:Số lượng|Số lượt|Số|Tổng số|Tổng kinh phí|Kinh phí|Dự kiến)\b"
    r"[^:;\n]{0,70}:\s*"
    r"(?P<v>" + _NUM + r")\s+"
)
_VERB_COUNT = re.compile(
    r"\b(?:dự kiến|thành lập|tổ chức|mở|xây dựng|kiểm tra|khảo sát|biên soạn|phát hành|"
    r"chia (?:làm|thành)|tại|hỗ trợ|đào tạo|bồi dưỡng|tập huấn cho|nhân rộng|in|cấp phát|trao)\s+"
    r"(?P<v>" + _NUM + r")\s+",
    re.IGNORECASE,
)
_MORE = re.compile(r"(?:,\s*|\s+và\s+)(?P<v>" + _NUM + r")\s+")
_EXCLUDED_UNITS = re.compile(
    r"^(?:năm|tháng|ngày|giờ|tuần|quý|phút|chương|điều|khoản|điểm|mục|phần|trang|bước|lần thứ|"
    r"kỳ|khóa|khoá|nhiệm kỳ|giai đoạn|tuổi)\b",
    re.I,
)
_UNIT_STOP = re.compile(
    r"^(?:thuộc|để|của|trong|tại|từ|với|và|được|trên|theo|cho|về|nhằm|gồm|mỗi|đạt|trở lên|"
    r"trở xuống|có|là|đã|sẽ|hoặc|ở|đến|giữa|bằng|nhằm|trước|sau|vào)$"
)
_COMMA_NOUNS = {noun.lower() for noun in PLURAL_BODY_NOUNS}


def _value(text: str) -> float | None:
    text = text.strip().lower()
    if text in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[text])
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", text):
        text = text.replace(".", "")
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return None


def _unit_after(text: str) -> tuple[str | None, int]:
    """The counted noun after a number: words up to a stop word or punctuation."""
    words: list[str] = []
    position = 0
    for match in re.finditer(r"[^\s,;:.()“”\"/]+|,|[;:.()“”\"/]", text):
        token = match.group(0)
        if token == ",":
            rest = text[match.end() :].lstrip()
            following = rest.split(" ", 2)
            candidate = " ".join(following[:2]).rstrip(",;.)")
            first = following[0].rstrip(",;.)") if following else ""
            if words and (first in _COMMA_NOUNS or candidate in _COMMA_NOUNS):
                words.append(",")
                continue
            break
        if not token[0].isalpha() or _UNIT_STOP.match(token.lower()) or len(words) >= 5:
            break
        words.append(token)
        position = match.end()
    unit = " ".join(words).replace(" ,", ",").strip(", ")
    if not unit or _EXCLUDED_UNITS.match(unit):
        return None, position
    return unit, position


def _skip(block: Block) -> bool:
    for heading in block.headings:
        if _PAST_SECTION.search(heading) and not _FORWARD_SECTION.search(heading):
            return True
    return False


def _add(
    found: list[Target], seen: set[tuple[float | None, str | None, str]], target: Target
) -> None:
    key = (target["value"], (target["unit"] or "").lower(), target["text"])
    if key not in seen:
        seen.add(key)
        found.append(target)


def extract_targets(blocks: Iterable[Block]) -> list[Target]:
    """Quantified targets in the forward-looking parts of the document."""
    found: list[Target] = []
    seen: set[tuple[float | None, str | None, str]] = set()
    for block in blocks:
        if _skip(block) or not re.search(r"\d|" + _WORD_NUM, block.text):
            continue
        for sentence in sentences(block.text):
            for match in _PERCENT.finditer(sentence):
                _add(found, seen, Target(text=sentence, value=_value(match.group("v")), unit="%"))
            for pattern in (_AT_LEAST, _LABEL, _VERB_COUNT):
                for match in pattern.finditer(sentence):
                    position = match.end()
                    value_text = match.group("v")
                    while True:
                        unit, consumed = _unit_after(sentence[position:])
                        if unit and unit != "%":
                            _add(
                                found,
                                seen,
                                Target(text=sentence, value=_value(value_text), unit=unit),
                            )
                        position += consumed
                        more = _MORE.match(sentence, position)
                        if not more or unit is None:
                            break
                        value_text = more.group("v")
                        position = more.end()
    return found
