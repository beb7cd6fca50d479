"""Vietnamese 8-bit legacy encodings: TCVN3 (ABC, .VnTime fonts) and VNI (VNI-Times fonts).

Both predate Unicode and are still found in old .doc/.txt files and in text pasted from them.
TCVN3 gives each accented lower-case letter one byte; VNI writes a base letter followed by one
byte for its diacritics.  Upper-case TCVN3 text was typed in the ".VnTimeH" font with the
lower-case codes, so it converts to lower case: nothing in the bytes says otherwise.
"""

from __future__ import annotations

import re
import unicodedata

# TCVN3 (TCVN 5712:1993, VN3): byte -> Unicode letter.
_TCVN3_BYTES: dict[int, str] = {
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ",
    0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ",
    0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xBE: "ắ", 0xC6: "ặ",
    0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ",
    0xCC: "è", 0xCE: "ẻ", 0xCF: "ẽ", 0xD0: "é", 0xD1: "ẹ",
    0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD5: "ế", 0xD6: "ệ",
    0xD7: "ì", 0xD8: "ỉ", 0xDC: "ĩ", 0xDD: "í", 0xDE: "ị",
    0xDF: "ò", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ",
    0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ",
    0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ",
    0xEF: "ù", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ",
    0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự",
    0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFD: "ý", 0xFE: "ỵ",
}  # fmt: skip

TCVN3_TO_UNICODE: dict[str, str] = {chr(b): u for b, u in _TCVN3_BYTES.items()}
UNICODE_TO_TCVN3: dict[str, str] = {u: chr(b) for b, u in _TCVN3_BYTES.items()}

# VNI: tone bytes after a plain vowel, and the combined "circumflex/breve + tone" bytes.
_TONES = ("grave", "acute", "hook", "tilde", "dot")
_VNI_TONE = dict(zip(_TONES, "øùûõï", strict=True))
_VNI_CIRCUMFLEX_TONE = dict(zip(_TONES, "àáåãä", strict=True))
_VNI_BREVE_TONE = dict(zip(_TONES, "èéúüë", strict=True))
_VNI_I = dict(zip(_TONES, "ìíæóò", strict=True))
_UNICODE_MARK = {
    "grave": "\u0300",
    "acute": "\u0301",
    "hook": "\u0309",
    "tilde": "\u0303",
    "dot": "\u0323",
}


def _compose(base: str, tone: str | None) -> str:
    return unicodedata.normalize("NFC", base + (_UNICODE_MARK[tone] if tone else ""))


def _build_vni_table() -> dict[str, str]:
    """Unicode letter -> VNI byte string, built from the scheme rather than typed by hand."""
    lower: dict[str, str] = {"đ": "ñ", "ơ": "ô", "ư": "ö", "â": "aâ", "ê": "eâ", "ô": "oâ"}
    lower["ă"] = "aê"
    for tone in _TONES:
        for vowel in "aeouy":
            lower[_compose(vowel, tone)] = vowel + _VNI_TONE[tone]
        lower[_compose("i", tone)] = _VNI_I[tone]
        for vowel in "aeo":
            lower[_compose(vowel + "\u0302", tone)] = vowel + _VNI_CIRCUMFLEX_TONE[tone]
        lower[_compose("a\u0306", tone)] = "a" + _VNI_BREVE_TONE[tone]
        lower[_compose("ơ", tone)] = "ô" + _VNI_TONE[tone]
        lower[_compose("ư", tone)] = "ö" + _VNI_TONE[tone]
    lower[_compose("y", "dot")] = "î"
    table = dict(lower)
    for letter, code in lower.items():
        # Upper-case VNI uses the upper-case Latin-1 twin of every byte.
        table[letter.upper()] = code.upper()
    return table


UNICODE_TO_VNI: dict[str, str] = _build_vni_table()
VNI_TO_UNICODE: dict[str, str] = {code: letter for letter, code in UNICODE_TO_VNI.items()}
_VNI_PATTERN = re.compile(
    "|".join(re.escape(code) for code in sorted(VNI_TO_UNICODE, key=len, reverse=True))
)
_TCVN3_PATTERN = re.compile("[" + re.escape("".join(TCVN3_TO_UNICODE)) + "]")

# Frequent Vietnamese words: a decoding that yields many of them is the right one.
_COMMON_WORDS = frozenset(
    "và của các có được cho người năm ngày tháng theo trong những với không này một thực hiện "
    "công tác đơn vị cơ quan nhân dân ủy ban tỉnh huyện xã về để trên việc kế hoạch quyết định "
    "số đã là tổ chức dân vận chính quyền nhà nước phối hợp báo cáo đảm bảo nội dung".split()
)
_WORD = re.compile(r"\w+")


def vietnamese_score(text: str) -> float:
    """Share of words in `text` that are frequent Vietnamese words (0..1)."""
    words = _WORD.findall(text[:20000].lower())
    if not words:
        return 0.0
    return sum(1 for w in words if w in _COMMON_WORDS) / len(words)


def tcvn3_to_unicode(text: str) -> str:
    """Convert text whose characters are TCVN3 bytes (read as Latin-1) to Unicode."""
    return _TCVN3_PATTERN.sub(lambda m: TCVN3_TO_UNICODE[m.group(0)], text)


def unicode_to_tcvn3(text: str) -> str:
    """Encode Unicode Vietnamese as TCVN3 characters (upper-case accented letters lose case)."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        code = UNICODE_TO_TCVN3.get(char)
        if code is None and char.lower() in UNICODE_TO_TCVN3 and char.lower() not in "ăâêôơưđ":
            code = UNICODE_TO_TCVN3[char.lower()]
        out.append(code if code is not None else char)
    return "".join(out)


def vni_to_unicode(text: str) -> str:
    """Convert text whose characters are VNI bytes (read as Windows-1252) to Unicode."""
    return _VNI_PATTERN.sub(lambda m: VNI_TO_UNICODE[m.group(0)], text)


def unicode_to_vni(text: str) -> str:
    """Encode Unicode Vietnamese as VNI characters."""
    return "".join(UNICODE_TO_VNI.get(c, c) for c in unicodedata.normalize("NFC", text))


def repair_legacy_text(text: str) -> str:
    """Return `text` converted from TCVN3 or VNI when that reads clearly better as Vietnamese.

    Text typed in a legacy font often reaches us already "decoded" (each byte taken as a
    Latin-1 or Windows-1252 character), e.g. from a .docx or a copy-paste; this undoes it.
    """
    if not any("\u00a0" <= c <= "\u00ff" for c in text[:20000]):
        return text
    base = vietnamese_score(text)
    best, best_score = text, base
    for convert in (tcvn3_to_unicode, vni_to_unicode):
        candidate = convert(text)
        score = vietnamese_score(candidate)
        if score > best_score:
            best, best_score = candidate, score
    # Demand a clear gain so that genuine Unicode text with a few Latin-1 signs is left alone.
    if best is not text and best_score >= 0.08 and best_score > base * 1.5 + 0.02:
        return unicodedata.normalize("NFC", best)
    return text
