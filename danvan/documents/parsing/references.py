"""Documents cited by number: 'Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ'."""

from __future__ import annotations

import re
import unicodedata

from .models import Reference
from .patterns import (
    CITED_DATE,
    DATE_NUMERIC,
    DOC_NUMBER,
    date_from_match,
    iso_date,
    normalize_number,
)
from .vocabulary import TYPE_WORDS, expand_abbreviations, type_name_for_symbol

_TYPES = "|".join(sorted(set(TYPE_WORDS), key=len, reverse=True))
_TYPE_RIGHT_BEFORE = re.compile(r"(?P<type>" + _TYPES + r")\s*(?:số\s*:?\s*)?$", re.IGNORECASE)
_TYPE_NAMED_BEFORE = re.compile(
    r"(?P<type>" + _TYPES + r")\s[^;\n]{1,100}?\ssố\s*:?\s*$", re.IGNORECASE
)
_ISSUER_AFTER = re.compile(r"[\s,]*(?P<link>của|do|giữa)\s+(?P<issuer>[^;:\n“”\"]{2,160})")
_ISSUER_STOP = re.compile(
    r"\s(?:về|ban hành|quy định|phê duyệt|hướng dẫn|triển khai|thực hiện|khóa|khoá|tại|trên|"
    r"đối với|theo|nhằm|với chủ đề|với|về việc|trong|để|cho|đã|là|gồm|chỉ đạo|được|đến|số)\b"
    r"|[,.(\[]"
    r"|\s(?:và|hoặc)\s+(?:" + _TYPES + r")\b"
)
_ISSUED_BEFORE = re.compile(
    r"(?:^|[.;\n]\s*)Ngày\s+" + DATE_NUMERIC + r",[^.;]{0,120}?(?:ban hành|ký|ký kết)\b[^.;]{0,40}$"
)
_PARENTHESES = re.compile(r"\s*\([^()]*\)")
_TRAILING_PARTY = re.compile(r"\s+(?:Đảng|Đảng\s+khóa\s+\S+|khóa\s+\S+|khoá\s+\S+)$", re.IGNORECASE)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    return "".join(c for c in text if unicodedata.category(c) != "Mn").lower()


def reference_key(number: str) -> str:
    """Comparison key: numeral without leading zeros, symbol letters without a year.

    '33/2021/CT-TTg' and '33/CT-TTg' give the same key, as do '547 – CV/TU' and '547-CV/TU'.
    """
    folded = _fold(normalize_number(number))
    match = re.match(r"^0*(\d+[a-z]?)[/-]?(.*)$", folded)
    if not match:
        return re.sub(r"[^0-9a-z]", "", folded)
    rest = re.sub(r"^(?:19|20)\d\d[/-]", "", match.group(2))
    return match.group(1) + "|" + re.sub(r"[^0-9a-z]", "", rest)


def same_reference(a: str, b: str) -> bool:
    """Same numeral, and one symbol equals the other or extends it ('...BCSĐ' / '...BCSĐUBND')."""
    if a == b:
        return True
    num_a, _, sym_a = a.partition("|")
    num_b, _, sym_b = b.partition("|")
    short, long_ = sorted((sym_a, sym_b), key=len)
    return num_a == num_b and len(short) >= 4 and long_.startswith(short)


def _clean_issuer(raw: str, link: str) -> str | None:
    issuer = _PARENTHESES.sub("", raw)
    if link != "giữa":
        stop = _ISSUER_STOP.search(issuer)
        if stop:
            issuer = issuer[: stop.start()]
    else:
        stop = re.search(r"\s(?:về|nhằm|trong|để)\s|[,.;]", issuer)
        if stop:
            issuer = issuer[: stop.start()]
        issuer = re.sub(r"\s+-\s+", " và ", issuer)
    issuer = _TRAILING_PARTY.sub("", expand_abbreviations(issuer.strip(" -–")))
    issuer = _TRAILING_PARTY.sub("", issuer).strip()
    if not issuer or not issuer[0].isupper() or len(issuer) > 120:
        return None
    return issuer


def _type_before(text: str, start: int) -> str | None:
    window = text[max(0, start - 140) : start]
    match = _TYPE_RIGHT_BEFORE.search(window) or _TYPE_NAMED_BEFORE.search(window)
    if not match:
        return None
    word = match.group("type")
    return word[0].upper() + word[1:].lower()


def extract_references(text: str, own_keys: tuple[str, ...] = ()) -> list[Reference]:
    """Every distinct document cited by number in `text`, except the document itself."""
    own = [reference_key(number) for number in own_keys]
    found: list[tuple[str, Reference]] = []
    for match in DOC_NUMBER.finditer(text):
        number = normalize_number(match.group(0))
        key = reference_key(number)
        if any(same_reference(key, mine) for mine in own):
            continue
        symbol = re.sub(r"^\d+[a-z]?(?:/(?:19|20)\d\d)?[/-]", "", number)
        doc_type = _type_before(text, match.start()) or type_name_for_symbol(symbol)
        if doc_type == "Nghị quyết" and re.search(r"/QH\d", number):
            window = text[max(0, match.start() - 100) : match.start()]
            if re.search(r"\bLuật\b[^;.]*$", window):
                doc_type = "Luật"
        issued_on = None
        position = match.end()
        date_match = CITED_DATE.match(text, position)
        if date_match:
            issued_on = date_from_match(date_match)
            position = date_match.end()
        else:
            before = _ISSUED_BEFORE.search(text[max(0, match.start() - 200) : match.start()])
            if before:
                issued_on = iso_date(*before.group("d", "m", "y"))
        issuer = None
        issuer_match = _ISSUER_AFTER.match(text, position)
        if issuer_match:
            issuer = _clean_issuer(issuer_match.group("issuer"), issuer_match.group("link"))
        reference = Reference(number=number, type=doc_type, issued_on=issued_on, issuer=issuer)
        for index, (other_key, other) in enumerate(found):
            if same_reference(key, other_key):
                if len(number) > len(other["number"]) and key != other_key:
                    other["number"] = number
                    found[index] = (key, other)
                other["type"] = other["type"] or reference["type"]
                other["issued_on"] = other["issued_on"] or reference["issued_on"]
                other["issuer"] = other["issuer"] or reference["issuer"]
                break
        else:
            found.append((key, reference))
    return [reference for _, reference in found]
