"""Case conversion for all-caps headers and titles ('ỦY BAN NHÂN DÂN TỈNH SƠN LA')."""

from __future__ import annotations

import re

from .vocabulary import ABBREVIATIONS

_LEVEL_WORDS = {"tỉnh", "huyện", "xã", "phường", "quận", "thị", "thành", "tp.", "tp"}
_LEVEL_SECOND = {"thị": {"xã", "trấn"}, "thành": {"phố"}}
# Ordinary words that end a place name written after a level word.  Of a two-word phrase
# ('hoạt động', 'đơn vị') only the first is listed: it ends the name already, and the second
# may be part of a place's name ('xã Ngọc Động').
_NOT_PLACE = set(
    "năm giai về và trên của gắn với trong theo đến từ cho các những thực công dân chính nhà đơn "
    "cơ tổ hoạt quy kế ban thuộc tại đối".split()
)
# Bodies whose next word starts the proper part of their name ('Sở Nội vụ', 'Ban Dân vận').
_NAMED_BODIES = {"sở", "ban", "phòng", "bộ", "cục", "vụ", "đài", "báo", "văn", "trung", "hội"}
_KEEP_UPPER = set(ABBREVIATIONS) | {"PTNT", "TTHC", "CCHC", "QCDC", "CNTT", "XHCN", "UBMTTQ"}
_PARTY_BODIES = {"huyện ủy", "tỉnh ủy", "thành ủy", "quận ủy", "đảng ủy", "thị ủy"}
_WORD = re.compile(r"\S+")


def is_upper_text(text: str) -> bool:
    """True when the letters of `text` are (nearly) all capitals."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(1 for c in letters if c.isupper()) / len(letters) > 0.85


def _capitalize(word: str) -> str:
    return word[:1].upper() + word[1:]


def sentence_case(text: str) -> str:
    """'TRIỂN KHAI ... TỈNH TRÀ VINH NĂM 2020' -> 'Triển khai ... tỉnh Trà Vinh năm 2020'."""
    if not is_upper_text(text):
        return text
    words = _WORD.findall(text)
    out: list[str] = []
    in_place = False
    for index, word in enumerate(words):
        bare = word.strip("“”\"'(),.;:")
        lower = word.lower()
        if bare in _KEEP_UPPER:
            out.append(word)
            in_place = False
            continue
        lower_bare = bare.lower()
        if in_place and lower_bare not in _NOT_PLACE and not bare.isdigit():
            out.append(_capitalize(lower))
            continue
        in_place = False
        out.append(lower)
        following = words[index + 1].lower() if index + 1 < len(words) else ""
        if lower_bare in ("ủy", "uỷ") and out[:-1] and out[-2] in _LEVEL_WORDS:
            in_place = True  # 'Huyện ủy Cẩm Thủy': the party committee, then its place
        elif lower_bare in _LEVEL_WORDS and following not in ("ủy", "uỷ"):
            second = _LEVEL_SECOND.get(lower_bare)
            if second is None or following in second:
                in_place = second is None
        elif (
            out
            and len(out) >= 2
            and f"{out[-2]} {lower_bare}" in {"thị xã", "thị trấn", "thành phố"}
        ):
            in_place = True
    if out:
        out[0] = _capitalize(out[0])
    return " ".join(out)


def body_name_case(text: str) -> str:
    """Case a body's name: 'SỞ NỘI VỤ' -> 'Sở Nội vụ', 'HUYỆN ỦY CẨM THỦY' -> 'Huyện ủy Cẩm
    Thủy'."""
    cased = sentence_case(text)
    if cased is text:
        return text
    words = cased.split()
    if len(words) >= 2 and words[0].lower() in _NAMED_BODIES and words[1].islower():
        if words[0].lower() not in ("văn", "trung") or len(words) < 3:
            words[1] = _capitalize(words[1])
        elif len(words) >= 3:
            words[2] = _capitalize(words[2])
    if len(words) >= 3 and f"{words[0].lower()} {words[1].lower()}" in _PARTY_BODIES:
        words[2:] = [w if w.lower() in _LEVEL_WORDS else _capitalize(w) for w in words[2:]]
    return " ".join(words)
