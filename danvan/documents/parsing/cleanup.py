"""Turn raw extracted text into clean lines and paragraphs.

Real inputs are messy: web scrapes repeat their body and carry site chrome, markdown conversions
leave emphasis marks and table pipes, PDFs and e-mails hard-wrap sentences.  Everything here is a
general rule about such noise, never about a particular file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .layout import SITE_KEYS, normalize_layout

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_EMPHASIS = re.compile(r"\*{1,3}|(?<!\w)_{2,}|_{2,}(?!\w)")
_SUB_SUPERSCRIPT = re.compile(r"[_^]\{[^{}\n]{0,20}\}")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_INLINE_NOTE = re.compile(r"(?<=[^\s\[])\[(\d{1,3})\]")
_NOTE_LINE = re.compile(r"^\[(\d{1,3})\]\s*")
_PUNCT_SPACE = re.compile(r"\s+([,;:.)])")
_NUMBER_ONLY = re.compile(r"^(?:\d{1,3}(?:[.,]\d{3})+|\d+|[-–—_=*.|]+)$")

_KEYS_LONGEST_FIRST = "|".join(re.escape(k) for k in sorted(SITE_KEYS, key=len, reverse=True))
_SITE_KEY = re.compile(r"(?:^|(?<=\s)|(?<=\|))(" + _KEYS_LONGEST_FIRST + r")\s*[:|]\s*")
# Some sites print the attributes without separators ('Số hiệu 767/KH-UBND Người ký Hoàng Xuân
# Ánh'); only keys no sentence of a document opens with are read that way.
_BARE_KEYS = tuple(k for k in SITE_KEYS if k not in ("Tình trạng", "Lĩnh vực"))
_BARE_SITE_KEY = re.compile(
    r"(?:^|(?<=\s))("
    + "|".join(re.escape(k) for k in sorted(_BARE_KEYS, key=len, reverse=True))
    + r")\s+(?=\S)"
)

# Boilerplate of the web pages that publish documents.
_CHROME = re.compile(
    r"^(?:"
    r"từ kho[áa]\s*:.*|đăng nhập|đăng ký|đang tải văn bản.*|bạn chưa đăng nhập.*"
    r"|vì chưa đăng nhập.*|bạn chưa xem được.*|nếu chưa là thành viên.*"
    r"|văn bản này chưa cập nhật.*|dmca.*|ip\s*:.*|hãy để chúng tôi hỗ trợ.*"
    r"|gửi cho bạn bè|phản hồi|thông tin người gửi phản hồi|các tin khác|xem nhiều nhất"
    r"|tin liên quan|bài viết liên quan|(?:ckt\s+)?liên kết website|đang truy cập\s*:.*"
    r"|lượt (?:xem|truy cập)\s*:?.*|in trang|chia sẻ|bình luận|tags?\s*:.*|xem mẫu"
    r"|(?:https?://|www\.|/portal/)\S*|đính kèm\s*:.*|tải về.*|anh tin bai|quay lại|về đầu trang"
    r")$",
    re.IGNORECASE,
)
_TERMINAL = re.compile(r"[.:;!?…”\"')]$")
_LIST_START = re.compile(
    r"^(?:[-+•–]\s|[IVXLC]+\.|\d+(?:\.\d+)*[.)]|[a-zđ]\)|Điều\s+\d|Phần\s|Chương\s|\[\d)"
)
_CONNECTOR_END = re.compile(
    r"(?:^|\s)(?:số|của|và|giữa|với|ngày|tại|theo|về|các|thuộc|trên|cho|là|đến|từ|hoặc|để|"
    r"trong|những|được|bị|do|như|hướng|việc|sự|nhằm|gồm|nay|tháng|năm)$",
    re.IGNORECASE,
)


@dataclass
class CleanText:
    """Cleaned lines (one per source line, blanks kept), their paragraphs, and site attributes."""

    lines: list[str]
    paragraphs: list[str]
    footnotes: list[str]
    site_meta: dict[str, str] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def normalize_line(line: str) -> str:
    """Squeeze spaces and drop markdown emphasis and sub/superscripts from one line."""
    line = _INVISIBLE.sub("", line)
    line = _MD_HEADING.sub("", line)
    line = _SUB_SUPERSCRIPT.sub("", line)
    line = _EMPHASIS.sub("", line)
    line = _SPACES.sub(" ", line)
    return line.strip()


def _site_meta(line: str) -> dict[str, str] | None:
    """Parse 'Key | value |' or 'Key: value Key2: value2' site attribute lines."""
    matches = list(_SITE_KEY.finditer(line))
    if not matches and len(line) <= 200:
        matches = list(_BARE_SITE_KEY.finditer(line))
    if not matches or line[: matches[0].start()].strip(" |"):
        return None
    found = {}
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(line)
        found[match.group(1)] = line[match.end() : end].strip(" |")
    return found


def _split_cells(line: str) -> list[str]:
    if "|" not in line:
        return [line]
    return [cell.strip() for cell in line.split("|") if cell.strip()]


def remove_repeated_block(lines: list[str], min_run: int = 6) -> list[str]:
    """Drop a second copy of a long run of lines (scrapes that print the body twice).

    The part of the second copy that goes on past the first one is kept, so that nothing the
    longer copy adds is lost.
    """
    positions: dict[str, list[int]] = {}
    for index, line in enumerate(lines):
        if len(line) >= 25:
            positions.setdefault(line, []).append(index)
    for start, line in enumerate(lines):
        later = positions.get(line)
        if not later or len(later) < 2:
            continue
        for other in later:
            if other <= start:
                continue
            run = 0
            while (
                other + run < len(lines)
                and start + run < other
                and lines[start + run] == lines[other + run]
            ):
                run += 1
            long_lines = sum(1 for k in range(run) if len(lines[start + k]) >= 25)
            if long_lines >= min_run:
                kept = lines[:other] + lines[other + run :]
                return remove_repeated_block(kept, min_run)
    return lines


def _should_join(current: str, following: str) -> bool:
    if not current or not following:
        return False
    if re.match(r"^[-–]\s*(?:19|20)\d\d\b", following) and re.search(r"(?:19|20)\d\d$", current):
        return True  # a year range wrapped at its dash: '2017' / '- 2021'
    if _LIST_START.match(following):
        return False
    if _TERMINAL.search(current):
        return False
    first = following[0]
    if first.islower():
        return True
    return bool(_CONNECTOR_END.search(current)) and not following.isupper()


def to_paragraphs(lines: list[str]) -> list[str]:
    """Join hard-wrapped lines (also across one blank line) into paragraphs."""
    paragraphs: list[str] = []
    pending_blank = False
    for line in lines:
        if not line:
            pending_blank = True
            continue
        if paragraphs and _should_join(paragraphs[-1], line):
            if pending_blank and not line[0].islower():
                paragraphs.append(line)
            else:
                paragraphs[-1] = paragraphs[-1] + " " + line
        else:
            paragraphs.append(line)
        pending_blank = False
    return [_PUNCT_SPACE.sub(r"\1", p) for p in paragraphs]


_WORD_TOKEN = re.compile(r"\w+")
_SPLIT_SYLLABLE = re.compile(
    r"\b(\w+) ([aăâeêioôơuưyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]\w{0,2})\b"
)


def repair_split_syllables(text: str) -> str:
    """Rejoin syllables that PDF extraction split with a space ('chính quy ền huy ện').

    A pair is joined only when the joined word occurs elsewhere in the same text and the
    second fragment is rare on its own, so that real word pairs ('quy ước') stay apart.
    """
    counts: dict[str, int] = {}
    for word in _WORD_TOKEN.findall(text.lower()):
        counts[word] = counts.get(word, 0) + 1

    def join(match: re.Match[str]) -> str:
        first, second = match.group(1), match.group(2)
        joined = (first + second).lower()
        if (
            counts.get(joined, 0) >= 1
            and counts.get(second.lower(), 0) <= 2
            and not first.isdigit()
        ):
            return first + second
        return match.group(0)

    return _SPLIT_SYLLABLE.sub(join, text)


def clean_text(raw: str) -> CleanText:
    """Normalise `raw` text into lines, paragraphs and footnotes, and collect site attributes."""
    raw = repair_split_syllables(normalize_layout(raw))
    site_meta: dict[str, str] = {}
    lines: list[str] = []
    for raw_line in raw.split("\n"):
        line = normalize_line(raw_line)
        meta = _site_meta(line)
        if meta:
            for key, value in meta.items():
                site_meta.setdefault(key, value)
            continue
        if _CHROME.match(line) or _NUMBER_ONLY.match(line):
            lines.append("")
            continue
        cells = _split_cells(line)
        if not cells:
            lines.append("")
        lines.extend(cells)
    lines = remove_repeated_block(lines)
    body: list[str] = []
    footnotes: list[str] = []
    for line in lines:
        if _NOTE_LINE.match(line):
            footnotes.append(_NOTE_LINE.sub("", line))
            body.append(line)
        else:
            body.append(_INLINE_NOTE.sub("", line))
    return CleanText(
        lines=body, paragraphs=to_paragraphs(body), footnotes=footnotes, site_meta=site_meta
    )


_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+(?=[^\s\d])|(?<=:)\s+(?=[-+•])")


def sentences(paragraph: str) -> list[str]:
    """Split a paragraph into sentences and clauses at '.', ';', '!' and '?'."""
    return [part.strip() for part in _SENTENCE_END.split(paragraph) if part.strip()]


_RECIPIENTS = re.compile(r"^(?:Nơi nhận|Kính gửi)\s*:?", re.IGNORECASE)
_SIGNATURE = re.compile(
    r"^(?:(?:KT|K/T|TM|T/M|TL|T/L|TUQ)\.?\s+)?[A-ZĐÀ-Ỹ /.]*(?:CHỦ TỊCH|GIÁM ĐỐC|BÍ THƯ|TRƯỞNG|"
    r"THỦ TƯỚNG|CHÁNH|THƯỜNG TRỰC|ỦY VIÊN)[A-ZĐÀ-Ỹ /.]*$"
    # 'TM. ỦY BAN NHÂN DÂN', 'T/M ĐẢNG ỦY': the body a leader signs for
    r"|^(?:KT|K/T|TM|T/M|TL|T/L|TUQ|Q)\.?\s+[A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ ,/.\-]{2,80}$"
)
# What follows a signature: '(Đã ký)', the signer's name, in capitals or not.
_SIGNED = re.compile(
    r"^(?:\(?\s*(?:[Đđ]ã ký|[Kk]ý,? .{0,30}|[Đđ]óng dấu.{0,20})\s*\)?|\[?daky\]?"
    r"|(?:[A-ZĐÀ-Ỹ][a-zđà-ỹ]*\s){1,5}[A-ZĐÀ-Ỹ][a-zđà-ỹ]*|(?:[A-ZĐÀ-Ỹ]{1,7}\s){1,4}[A-ZĐÀ-Ỹ]{1,7})$"
)
_INLINE_ARTICLE = re.compile(r"(?<=[.:;])\s+(?=Điều\s+\d+\.\s)")


def body_paragraphs(lines: list[str]) -> list[str]:
    """Paragraphs of the body: without recipient lists, signature blocks and footnotes."""
    kept: list[str] = []
    skipping_list = False
    signed = False  # inside a signature block: its title lines, '(Đã ký)' and the name
    for paragraph in to_paragraphs([line for line in lines if not _NOTE_LINE.match(line)]):
        if _RECIPIENTS.match(paragraph):
            skipping_list = True
            continue
        if skipping_list and paragraph.startswith(("-", "+", "•")):
            continue
        skipping_list = False
        if _SIGNATURE.match(paragraph):
            signed = True
            continue
        if signed and _SIGNED.match(paragraph):
            continue
        signed = False
        kept.extend(_INLINE_ARTICLE.split(paragraph))
    return kept
