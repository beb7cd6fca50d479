"""Kinds of administrative document and the keys the registry matches documents on.

Types follow the list of Nghị định 30/2020/NĐ-CP (công tác văn thư), Phụ lục III, and the party
forms of Hướng dẫn 36-HD/VPTW. The parser writes a document's own type as the abbreviation of its
symbol ("KH", "QĐ") and a cited document's type as a name ("Kế hoạch"); both are read here into
one value so that a citation and the document it cites compare equal.
"""

from __future__ import annotations

import re

from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core.text import fold


class DocumentType(models.TextChoices):
    PLAN = "plan", _("Plan")  # kế hoạch
    DECISION = "decision", _("Decision")  # quyết định
    DIRECTIVE = "directive", _("Directive")  # chỉ thị
    OFFICIAL_LETTER = "official_letter", _("Official letter")  # công văn
    RESOLUTION = "resolution", _("Resolution")  # nghị quyết
    CONCLUSION = "conclusion", _("Conclusion")  # kết luận
    DECREE = "decree", _("Decree")  # nghị định
    CIRCULAR = "circular", _("Circular")  # thông tư
    LAW = "law", _("Law")  # luật
    ORDINANCE = "ordinance", _("Ordinance")  # pháp lệnh
    PROGRAMME = "programme", _("Programme")  # chương trình
    SCHEME = "scheme", _("Scheme")  # đề án
    REGULATION = "regulation", _("Regulation")  # quy chế
    RULES = "rules", _("Rules")  # quy định
    GUIDANCE = "guidance", _("Guidance")  # hướng dẫn
    NOTICE = "notice", _("Notice")  # thông báo
    REPORT = "report", _("Report")  # báo cáo
    SUBMISSION = "submission", _("Submission")  # tờ trình
    DISPATCH = "dispatch", _("Urgent dispatch")  # công điện
    OTHER = "other", _("Other")


# Symbol abbreviations (folded, đ→d) and type names (folded) → type.
_ABBREVIATIONS: dict[str, DocumentType] = {
    "kh": DocumentType.PLAN,
    "qd": DocumentType.DECISION,
    "ct": DocumentType.DIRECTIVE,
    "cv": DocumentType.OFFICIAL_LETTER,
    "nq": DocumentType.RESOLUTION,
    "nqlt": DocumentType.RESOLUTION,
    "kl": DocumentType.CONCLUSION,
    "nd": DocumentType.DECREE,
    "tt": DocumentType.CIRCULAR,
    "ttlt": DocumentType.CIRCULAR,
    "l": DocumentType.LAW,
    "pl": DocumentType.ORDINANCE,
    "ctr": DocumentType.PROGRAMME,
    "ctrph": DocumentType.PROGRAMME,
    "ctph": DocumentType.PROGRAMME,
    "cthd": DocumentType.PROGRAMME,
    "da": DocumentType.SCHEME,
    "qc": DocumentType.REGULATION,
    "qcph": DocumentType.REGULATION,
    "qdi": DocumentType.RULES,
    "qyd": DocumentType.RULES,
    "hd": DocumentType.GUIDANCE,
    "tb": DocumentType.NOTICE,
    "bc": DocumentType.REPORT,
    "ttr": DocumentType.SUBMISSION,
    "cd": DocumentType.DISPATCH,
}
_NAMES: dict[str, DocumentType] = {
    "ke hoach": DocumentType.PLAN,
    "quyet dinh": DocumentType.DECISION,
    "chi thi": DocumentType.DIRECTIVE,
    "cong van": DocumentType.OFFICIAL_LETTER,
    "van ban": DocumentType.OFFICIAL_LETTER,
    "nghi quyet": DocumentType.RESOLUTION,
    "nghi quyet lien tich": DocumentType.RESOLUTION,
    "ket luan": DocumentType.CONCLUSION,
    "nghi dinh": DocumentType.DECREE,
    "thong tu": DocumentType.CIRCULAR,
    "thong tu lien tich": DocumentType.CIRCULAR,
    "luat": DocumentType.LAW,
    "phap lenh": DocumentType.ORDINANCE,
    "chuong trinh": DocumentType.PROGRAMME,
    "chuong trinh phoi hop": DocumentType.PROGRAMME,
    "chuong trinh hanh dong": DocumentType.PROGRAMME,
    "de an": DocumentType.SCHEME,
    "quy che": DocumentType.REGULATION,
    "quy che phoi hop": DocumentType.REGULATION,
    "quy dinh": DocumentType.RULES,
    "huong dan": DocumentType.GUIDANCE,
    "thong bao": DocumentType.NOTICE,
    "bao cao": DocumentType.REPORT,
    "to trinh": DocumentType.SUBMISSION,
    "cong dien": DocumentType.DISPATCH,
}
# Case matters only here: "QĐ" is a decision, "QĐi" rules.
_CASED = {"QĐi": DocumentType.RULES, "QyĐ": DocumentType.RULES}

_NUMERAL = re.compile(r"^0*(\d+[a-z]?)(?:/((?:19|20)\d\d))?[/-](.*)$")
_DASHES = re.compile(r"\s*[-–—]\s*")
_SLASH = re.compile(r"\s*/\s*")


def clean_number(number: str | None) -> str:
    """A number as written on the "Số:" line, without spaces, with plain hyphens."""
    if not number:
        return ""
    cleaned = _SLASH.sub("/", _DASHES.sub("-", number.strip()))
    return re.sub(r"\s+", "", cleaned)


def _split(number: str) -> tuple[str, str, str]:
    """(numeral, year, symbol) of a cleaned, folded number; symbol alone if there is no numeral."""
    match = _NUMERAL.match(number)
    if not match:
        return "", "", number
    return match.group(1), match.group(2) or "", match.group(3)


def number_key(number: str | None) -> str:
    """The key a number is matched on: folded, no leading zeros, no year, letters only.

    "033/2021/CT-TTg" and "33/CT-TTg" give the same key; the year is compared separately
    (:func:`number_year`), since local bodies restart their numbering every year.
    """
    folded = fold(clean_number(number))
    if not folded:
        return ""
    numeral, _year, symbol = _split(folded)
    return numeral + "|" + re.sub(r"[^0-9a-z]", "", symbol)


def number_year(number: str | None) -> str:
    """The year written inside a number ("59/2023/NĐ-CP" → "2023"), or ""."""
    return _split(fold(clean_number(number)))[1]


def type_from_number(number: str | None) -> str:
    """The type told by a number's symbol: "767/KH-UBND" → plan, "451-CV/HU" → letter."""
    cleaned = clean_number(number)
    match = _NUMERAL.match(cleaned)
    if not match:
        return ""
    symbol = match.group(3)
    head = re.split(r"[/-]", symbol, maxsplit=1)[0]
    if head in _CASED:
        return _CASED[head]
    found = _ABBREVIATIONS.get(fold(head))
    if found:
        return found
    if re.fullmatch(r"QH\d*", head):
        return DocumentType.RESOLUTION
    if "-" in symbol and "/" not in symbol:
        # State official letters carry no type word: the issuer comes first ("575/UBND-NC").
        return DocumentType.OFFICIAL_LETTER
    return ""


def normalise_type(value: str | None, number: str | None = None) -> str:
    """The registry type for a type as the parser writes it (abbreviation or name).

    Falls back on the number's symbol, and on "" when neither tells.
    """
    if value:
        if value in DocumentType.values:
            return value
        if value in _CASED:
            return _CASED[value]
        folded = fold(value)
        found = _ABBREVIATIONS.get(folded) or _NAMES.get(folded)
        if found:
            return found
    return type_from_number(number)
