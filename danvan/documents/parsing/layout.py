"""Undo the shapes a document's text arrives in before it is parsed.

The same plan reaches the importer as text copied out of a PDF (every line hard-wrapped at the
column width), as a page saved from a legal-document web site (menus, a login prompt, a
breadcrumb, the header laid out as table cells with '|' lines between them, related links and a
footer after the text), in Unicode NFD, or with Windows line ends and no-break spaces.  Each rule
here rebuilds the lines of the document as it was written, using the layout every administrative
document shares (Nghị định 30/2020/NĐ-CP: agency block, national motto, 'Số: …', the place and
date line, the type and title, the body, 'Nơi nhận' and the signature block); none knows a file.
"""

from __future__ import annotations

import re
import unicodedata

_NO_BREAK_SPACES = re.compile(r"[\u00a0\u2007\u202f\u2060\ufeff]")
_CELL_RULE = re.compile(r"^\s*\|[\s|:+\-–=]*$")

# Lines that open a new part of the header block: never the continuation of the line above.
_HEADER_START = re.compile(
    r"^(?:Số\s*[:.]|CỘNG\s+H[OÒ]A|Độc\s+lập\b|ĐẢNG\s+CỘNG\s+SẢN|"
    r"(?:KT|K/T|TM|T/M|TL|T/L|TUQ|Q)\.\s|Nơi\s+nhận|Kính\s+gửi|V/v\b|"
    r"(?:[A-ZĐÀ-Ỹ][\wÀ-ỹ]*\s){0,4}[A-ZĐÀ-Ỹ][\wÀ-ỹ]*,\s*ngày(?:\s+\d{1,2})?(?:\s+tháng\b|\s*$))"
)
_LIST_START = re.compile(
    r"^(?:[-+•–*]\s|[IVXLC]+\.\s|\d+(?:\.\d+)*[.)]\s|[a-zđ]\)\s|Điều\s+\d+\.?|Phần\s+(?:thứ\s+)?"
    r"[IVX\w]+\b|Chương\s+[IVX\d]+|Mục\s+\d+\.|\[\d+\])"
)
_YEAR_RANGE_TAIL = re.compile(r"^[-–]\s*(?:19|20)\d\d\b")
_TERMINAL = re.compile(r"[.:;!?…]$")

# Attributes a legal-document site shows above the text ('Số hiệu | 767/KH-UBND |').
SITE_KEYS = (
    "Số hiệu",
    "Loại văn bản",
    "Nơi ban hành",
    "Cơ quan ban hành",
    "Người ký",
    "Ngày ban hành",
    "Ngày có hiệu lực",
    "Ngày hiệu lực",
    "Ngày công báo",
    "Số công báo",
    "Tình trạng",
    "Tình trạng hiệu lực",
    "Lĩnh vực",
)
SITE_KEY_START = re.compile(r"^(?:" + "|".join(re.escape(k) for k in SITE_KEYS) + r")\b")

# --- web chrome -----------------------------------------------------------------------------

_CHROME_LINE = re.compile(
    r"^(?:trang chủ\b.*|trang nhất\b.*|tìm kiếm(?:\s+văn bản)?\s*:.*"
    r"|quên mật khẩu.*|bạn chưa đăng nhập.*|vui lòng đăng nhập.*|hãy đăng nhập.*"
    r"|thuộc tính\s+nội dung.*|bản quyền\b.*|copyright\b.*|©.*|giấy phép (?:số|thiết lập).*"
    r"|chịu trách nhiệm (?:chính|nội dung)\s*:.*|lượt (?:xem|truy cập)\s*:?.*"
    r"|đang (?:truy cập|online)\s*:?.*|ghi rõ nguồn.*|điện thoại\s*:.*|fax\s*:.*|e-?mail\s*:.*"
    r"|địa chỉ\s*:.*(?:điện thoại|e-?mail|fax)\b.*|(?:chia sẻ|in bài|in trang|lưu)\s*(?:\||$).*"
    r"|theo dõi văn bản\b.*|xem thêm\b.*)$",
    re.IGNORECASE,
)
# Words a body's sentence may open with too ('Đăng ký thi đua …'): chrome only as a short line.
_CHROME_SHORT = re.compile(r"^(?:tìm kiếm|đăng nhập|đăng ký|đăng xuất)\b", re.IGNORECASE)
_RELATED = re.compile(
    r"^(?:bài viết|tin|văn bản|tin bài|các tin|các bài)\s+(?:liên quan|khác|cùng chuyên mục"
    r"|mới (?:nhất|hơn)|đã đưa)\s*:?$|^(?:xem nhiều nhất|tin mới|tin đọc nhiều)\s*:?$",
    re.IGNORECASE,
)
_MENU_SPLIT = re.compile(r"\s*\|\s*|\s{2,}|\t+|\s+[»›>]\s+")
_DOC_EVIDENCE = re.compile(
    r"^(?:Số\s*[:.]|CỘNG\s+H[OÒ]A|ĐẢNG\s+CỘNG\s+SẢN|(?:ỦY|UỶ)\s+BAN|UBND\b|HỘI\s+ĐỒNG|SỞ\s|BAN\s|"
    r"HUYỆN\s+ỦY|TỈNH\s+ỦY|THÀNH\s+ỦY|ĐẢNG\s+ỦY|(?:KẾ HOẠCH|QUYẾT ĐỊNH|CÔNG VĂN|THÔNG BÁO)\b|"
    r"(?:Kế hoạch|Quyết định|Công văn|Chỉ thị|Thông báo|Hướng dẫn|Chương trình)\s+số\s+\d)"
)


def _is_menu(line: str) -> bool:
    """A row of short links ('Trang chủ | Văn bản | Liên hệ', 'Đăng nhập   Đăng ký')."""
    stripped = line.strip(" |")
    if not stripped or len(stripped) > 140 or SITE_KEY_START.match(stripped):
        return False
    items = [item for item in _MENU_SPLIT.split(stripped) if item.strip()]
    if len(items) < 2:
        return False
    for item in items:
        words = item.split()
        if len(words) > 4 or re.search(r"[\d/.,;:!?]", item) or item.isupper():
            return False
    # A row of personal names (joint signature blocks) is not a menu: names have no lower-case word.
    return any(word[:1].islower() for item in items for word in item.split())


def strip_web_chrome(lines: list[str]) -> list[str]:
    """Blank the web page around a document: menus, breadcrumbs and login prompts before the
    document, footers anywhere, and everything from a 'related links' heading in the last part of
    the page on.  Blank lines keep the line count, so nothing else moves."""
    out = list(lines)
    start = next(
        (index for index, line in enumerate(out) if _DOC_EVIDENCE.match(line.strip())), len(out)
    )
    for index, line in enumerate(out):
        stripped = line.strip()
        if not stripped:
            continue
        short_chrome = len(stripped) <= 40 and _CHROME_SHORT.match(stripped)
        if _CHROME_LINE.match(stripped) or short_chrome or (index < start and _is_menu(stripped)):
            out[index] = ""
    for index in range(len(out) // 2, len(out)):
        if _RELATED.match(out[index].strip()):
            return out[:index] + [""] * (len(out) - index)
    return out


# --- table cells ----------------------------------------------------------------------------


def _is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


_MAX_CELL_LINES = 400  # a flattened page exported as one cell
_MAX_CELL_WIDTH = 40


def merge_cell_groups(lines: list[str]) -> list[str]:
    """Join the wrapped lines of one table cell: web sites export the header block as cells,
    each a few narrow lines ended by a '|' line.  The lines of a cell are joined by the same
    rule as hard-wrapped text, at the cell's own width."""
    out: list[str] = []
    group: list[str] = []  # the current run of non-blank lines, not yet written

    def flush(closed: bool) -> None:
        narrow = all(len(part.strip()) <= _MAX_CELL_WIDTH for part in group)
        if closed and 1 < len(group) <= _MAX_CELL_LINES and narrow:
            out.extend(_join_wrapped([part.strip() for part in group]))
        else:
            out.extend(group)
        group.clear()

    for line in lines:
        if _CELL_RULE.match(line):
            flush(closed=True)
            out.append("")
        elif not line.strip():
            flush(closed=False)
            out.append(line)
        else:
            group.append(line)
    flush(closed=False)
    return out


# --- task tables ----------------------------------------------------------------------------

_ROW = re.compile(r"^\s*\|.*\|\s*$")
_ROLE_COLUMN = re.compile(r"chủ trì|phối hợp|thực hiện|thời gian|thời hạn", re.IGNORECASE)
_CONTENT_COLUMN = re.compile(r"nội dung|nhiệm vụ|công việc|hoạt động|giải pháp", re.IGNORECASE)
_ORDINAL_COLUMN = re.compile(r"^(?:s?tt|số\s*tt|số thứ tự)$", re.IGNORECASE)


def tables_to_sentences(lines: list[str]) -> list[str]:
    """Write each row of a task table ('| Nội dung | Đơn vị chủ trì | Đơn vị phối hợp | Thời
    gian |') as the sentence it stands for: '- Nội dung. Đơn vị chủ trì: X. Đơn vị phối hợp:
    Y. Thời gian: trước ngày …'.  Plans put their tasks in such tables; the columns' headings
    say what each cell is, and the sentence says it to the extractors."""
    out: list[str] = []
    header: list[str] | None = None
    for line in _rejoin_rows(lines):
        if _ROW.match(line) or (header is not None and _CELL_RULE.match(line)):
            cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
            if _CELL_RULE.match(line):
                out.append("")
                continue
            if header is None:
                if any(_ROLE_COLUMN.search(c) for c in cells) and all(len(c) <= 40 for c in cells):
                    header = cells
                    out.append("")
                    continue
            elif len(cells) == len(header):
                out.append(_row_sentence(header, cells))
                continue
            else:
                header = None
        else:
            header = None
        out.append(line)
    return out


def _rejoin_rows(lines: list[str]) -> list[str]:
    """A table row that a wrap broke ('| 1 | Tổ chức … | Văn phòng' / '| Công an xã |') is
    one line again: it opens with '|' and closes with the first line that ends with '|'."""
    out: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        stripped = line.strip()
        if stripped.startswith("|") and not stripped.endswith("|") and stripped.count("|") >= 2:
            end = next(
                (
                    k
                    for k in range(index + 1, min(len(lines), index + 8))
                    if lines[k].strip().endswith("|")
                ),
                None,
            )
            if end is not None and all(lines[k].strip() for k in range(index + 1, end + 1)):
                out.append(" ".join(part.strip() for part in lines[index : end + 1]))
                index = end + 1
                continue
        out.append(line)
        index += 1
    return out


def _row_sentence(header: list[str], cells: list[str]) -> str:
    content = next(
        (i for i, label in enumerate(header) if _CONTENT_COLUMN.search(label)),
        max(range(len(cells)), key=lambda i: len(cells[i])),
    )
    parts = [cells[content].rstrip(" .;") + "."]
    for label, cell in zip(header, cells, strict=True):
        if cell and label != header[content] and not _ORDINAL_COLUMN.match(label):
            parts.append(f"{label}: {cell.rstrip(' .;')}.")
    return "- " + " ".join(parts)


# --- two columns ---------------------------------------------------------------------------

# Nghị định 30/2020 lays the header and the closing out as two columns: the agency block and
# 'Số: …' left, the national title, the motto and the place-and-date line right; 'Nơi nhận'
# left, the signature block right.  Text extracted from a PDF or a Word table keeps both on one
# line, separated by a run of spaces or a tab.
_COLUMN_GAP = re.compile(r" {3,}|[ ]*\t[ \t]*")
_SIGN_OPEN = r"(?:KT|K/T|TM|T/M|TL|T/L|TUQ|Q|UQ)\.?\s+[A-ZĐÀ-Ỹ]"
_HEADER_PART = re.compile(
    r"^(?:Số\s*[:.]?\s*(?:\d|/|$)|V/v\b|Nơi\s+nhận\b|Lưu\b|[-+•–]\s|"
    + _SIGN_OPEN
    + r"|Độc\s+lập\s*[-–]"
    r"|\(\s*(?:[Đđ]ã\s+)?[Kk]ý\b|\[?daky\]?$|(?:[A-ZĐÀ-Ỹ][\wÀ-ỹ]*\s){0,4}[A-ZĐÀ-Ỹ][\wÀ-ỹ]*,\s*ngày\b)"
)
_PERSON = re.compile(r"^(?:[A-ZĐÀ-Ỹ][a-zđà-ỹ]*\s){1,5}[A-ZĐÀ-Ỹ][a-zđà-ỹ]*$")
_TYPE_LINE = re.compile(
    r"^(?:KẾ HOẠCH|QUYẾT ĐỊNH|CHỈ THỊ|CÔNG VĂN|THÔNG BÁO|BÁO CÁO|ĐỀ ÁN|CHƯƠNG TRÌNH|HƯỚNG DẪN|"
    r"NGHỊ QUYẾT|TỜ TRÌNH|QUY CHẾ|QUY ĐỊNH|KẾT LUẬN|CÔNG ĐIỆN|THÔNG TRI|KẾT QUẢ)\b"
    r"|^(?:Kính\s+gửi|Căn\s+cứ)\b"
)
_CLOSING_OPEN = re.compile(
    r"^\s*\**\s*Nơi\s+nhận\b|(?:^|\S(?: {3,}|[ ]*\t[ \t]*))\s*\**" + _SIGN_OPEN
)
_HEADER_LINES = 40
# 'Nơi nhận' with its list and the signature block fit in this many lines; an annex or a table
# after them is left alone.
_CLOSING_LINES = 25
_LOOSE_LEFT = 80  # a list item of 'Nơi nhận' or a wrapped 'V/v' line, not a paragraph


def _column_part(text: str) -> bool:
    """A piece of the header or closing block: agency names and titles in capitals, 'Số: …',
    the motto, the place-and-date line, 'Nơi nhận' and its list, a signature line, a name, a
    rule under the agency name ('-----', '*')."""
    text = text.strip(" *")
    return bool(
        not re.search(r"\w", text)
        or _is_upper(text)
        or _HEADER_PART.match(text)
        or (_PERSON.match(text) and len(text) <= 40)
    )


def _column_split(line: str, loose_left: bool) -> tuple[str, str, int, bool] | None:
    """(left, right, the right column's position, split at a tab) for a line holding two
    columns; None when it does not."""
    body = line.rstrip()
    indent = len(body) - len(body.lstrip())
    for gap in _COLUMN_GAP.finditer(body, indent):
        if gap.start() == indent:
            continue
        left, right = body[indent : gap.start()].strip(), body[gap.end() :].strip()
        loose = loose_left and len(left) <= _LOOSE_LEFT
        if right and (loose or _column_part(left)) and _column_part(right):
            return left, right, len(body[: gap.end()].expandtabs(8)), "\t" in gap.group(0)
    return None


def _unzip_block(block: list[str], closing: bool) -> list[str]:
    """The lines of one two-column block, the left column's first, then the right column's.

    A line alone far to the right (the signer's name under the signature) goes on the right
    column; a line that is no part of a header or closing ends the block."""
    splits: list[tuple[str, str, int, bool] | None] = []
    after_subject = False  # 'V/v …' wraps inside the left column
    for line in block:
        split = _column_split(line, loose_left=closing or after_subject)
        splits.append(split)
        left = split[0] if split else line.strip()
        after_subject = after_subject or left.startswith("V/v")
    found = [split for split in splits if split]
    if not found:
        return block
    threshold = max(8, min(split[2] for split in found) // 2)
    tabbed = any(split[3] for split in found)
    left_column: list[str] = []
    right_column: list[str] = []
    after_subject = False
    for index, (line, split) in enumerate(zip(block, splits, strict=True)):
        if split:
            left_column.append(split[0])
            further = _column_split(split[1], loose_left=False)
            while further:  # joint documents: two agency blocks, then the national title
                left_column.append(further[0])
                split = (split[0], further[1], split[2], split[3])
                further = _column_split(further[1], loose_left=False)
            right_column.append(split[1])
            after_subject = after_subject or split[0].startswith("V/v")
            continue
        text = line.strip()
        lead = line[: len(line) - len(line.lstrip())]
        far_right = len(lead.expandtabs(8)) >= threshold or (tabbed and "\t" in lead)
        loose = (closing or after_subject) and len(text) <= _LOOSE_LEFT
        if far_right and (loose or _column_part(text)):
            right_column.append(text)
        elif loose or _column_part(text):
            left_column.append(text)
            after_subject = after_subject or text.startswith("V/v")
        else:
            rest = _unzip_block(block[index + 1 :], closing) if index + 1 < len(block) else []
            return left_column + right_column + [line] + rest
    return left_column + right_column


def split_columns(lines: list[str]) -> list[str]:
    """Undo the two columns of the header (before the type heading) and of the closing (from
    'Nơi nhận' or the signature on): the left column's lines, then the right column's, so the
    header and signature rules read them in the order of a one-column text.  Body paragraphs
    are left alone, double spaces and all."""
    header_end = min(len(lines), _HEADER_LINES)
    for index, line in enumerate(lines[:_HEADER_LINES]):
        if _TYPE_LINE.match(line.strip(" *")) and not _COLUMN_GAP.search(line.strip()):
            header_end = index
            break
    closing_start = next(
        (i for i in range(header_end, len(lines)) if _CLOSING_OPEN.search(lines[i])), len(lines)
    )
    out: list[str] = []
    index = 0
    while index < len(lines):
        closing_end = closing_start + _CLOSING_LINES
        if not lines[index].strip() or header_end <= index < closing_start or index >= closing_end:
            out.append(lines[index])
            index += 1
            continue
        zone_end = header_end if index < header_end else min(len(lines), closing_end)
        end = index
        while end < zone_end and lines[end].strip():
            end += 1
        out.extend(_unzip_block(lines[index:end], closing=index >= closing_start))
        index = end
    return out


# --- hard-wrapped lines ---------------------------------------------------------------------


def _wrap_width(lines: list[str]) -> int | None:
    """The column width a text was hard-wrapped at, or None when it was not.

    Wrapped text has no line of several words longer than the width and most lines that go on
    into another line end close to it; written text has long paragraph lines.
    """
    multiword = [line for line in lines if " " in line.strip()]
    if len(multiword) < 8:
        return None
    width = max(len(line) for line in multiword)
    if width > 140:
        return None
    continued = [
        line
        for line, following in zip(lines, lines[1:], strict=False)
        if line.strip() and following.strip()
    ]
    if len(continued) < 6:
        return None
    near = sum(1 for line in continued if len(line) >= width - 15)
    return width if near / len(continued) >= 0.5 else None


def _breaks_here(current: str, following: str, width: int) -> bool:
    """Whether the break between two lines of a wrapped text was in the original."""
    first_word = following.split(" ", 1)[0]
    if re.search(r"\w-$", current) and following[:1].isupper():
        return False  # a symbol broken at its hyphen: '20/2004/CT-' / 'UBND'
    if not re.search(r"\w", following) or not re.search(r"\w", current):
        return True  # a rule under the agency name or the motto ('-------')
    if len(current) + 1 + len(first_word) <= width:
        return True  # the next word would have fitted: the writer broke the line here
    if _YEAR_RANGE_TAIL.match(following):
        return False  # 'giai đoạn 2021' / '- 2025'
    if _LIST_START.match(following) or _HEADER_START.match(following):
        return True
    if _is_upper(current) and not _is_upper(first_word) and len(following.split()) > 1:
        # Agency or title capitals followed by a mixed-case line: header parts.  A capital
        # word or a lower-case word goes on with the line above.
        return not following[:1].islower()
    return False


def unwrap_hard_wrapped(lines: list[str]) -> list[str]:
    """Rebuild the lines of a text that was hard-wrapped at a fixed width (PDF copies, narrow
    web columns, e-mails); a text that was not is returned unchanged."""
    stripped = [line.rstrip() for line in lines]
    width = _wrap_width(stripped)
    if width is None:
        return lines
    return _join_wrapped(stripped, width)


_OPENERS = re.compile(
    r"^(?:Căn cứ|Xét đề nghị|Theo đề nghị|Thực hiện|Kính gửi|Nơi nhận|Đồng gửi)\b"
)
_CONNECTOR = re.compile(
    r"(?:,|\b(?:của|và|với|cho|các|những|tại|theo|về|số|ngày|là|đến|từ|trên|thuộc|gồm|như))$"
)


def _continues(previous: str, line: str) -> bool:
    """Whether `line` can go on from `previous` in running text: a lower-case word does; a
    capital does after a comma, a connecting word or inside a proper name ('Sở' / 'Nội vụ'),
    but not when it opens a paragraph of its own ('Căn cứ …')."""
    if _OPENERS.match(line) or _heading_then_task(previous, line):
        return False
    if line[:1].islower():
        return True
    last = previous.rsplit(" ", 1)[-1]
    return bool(_CONNECTOR.search(previous)) or (last[:1].isupper() and len(last) <= 6)


def unwrap_ragged(lines: list[str]) -> list[str]:
    """Rebuild lines wrapped at a varying width (PDF text in a proportional font, web columns
    of differing widths): inside a run of lines, a line that reaches most of the run's width
    and does not end a sentence goes on into the next, unless that one opens a list item or a
    part of the header, or either is in capitals (agency names, headings)."""
    lengths = sorted(len(line.strip()) for line in lines if line.strip())
    if len(lengths) < 8 or not 30 <= lengths[int(len(lengths) * 0.75)] <= 100:
        return lines
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        if len(run) >= 3:
            width = max(len(line) for line in run)
            merged = [run[0]]
            for previous, line in zip(run, run[1:], strict=False):
                if (
                    len(previous) >= 0.75 * width
                    and not _TERMINAL.search(previous)
                    and _continues(previous, line)
                    and not _LIST_START.match(line)
                    and not _HEADER_START.match(line)
                    and not _is_upper(previous)
                    and not _is_upper(line)
                    and not SITE_KEY_START.match(line)
                ):
                    merged[-1] = f"{merged[-1]} {line}"
                else:
                    merged.append(line)
            out.extend(merged)
        else:
            out.extend(run)
        run.clear()

    for line in lines:
        if line.strip():
            run.append(line.strip())
        else:
            flush()
            out.append(line)
    flush()
    return out


# Verbs that open the tasks under a unit's heading ('1. Công chức Văn phòng - Thống kê' /
# 'Theo dõi, đôn đốc …'); none of them is capitalised inside a unit's name.
_TASK_OPENER = re.compile(
    r"^(?:Chủ trì|Phối hợp|Theo dõi|Tham mưu|Hướng dẫn|Triển khai|Tổng hợp|Đôn đốc|Rà soát|"
    r"Bố trí|Tuyên truyền)\b"
)


def _heading_then_task(heading: str, line: str) -> bool:
    """A numbered heading naming a unit, then the first task under it, capitalised."""
    return bool(
        _LIST_START.match(heading.strip())
        and not _TERMINAL.search(heading.strip())
        and _TASK_OPENER.match(line.strip())
    )


def _join_wrapped(lines: list[str], width: int | None = None) -> list[str]:
    width = width or max(len(line) for line in lines)
    out: list[str] = []
    previous_raw = ""
    for line in lines:
        if (
            out
            and out[-1].strip()
            and line.strip()
            and not _breaks_here(previous_raw, line, width)
            and not _heading_then_task(out[-1], line)
        ):
            # A symbol broken at its hyphen ('20/2004/CT-' / 'UBND') closes up again.
            glue = "" if re.search(r"\w-$", out[-1]) and line.strip()[:1].isupper() else " "
            out[-1] = f"{out[-1]}{glue}{line.strip()}"
        else:
            out.append(line)
        previous_raw = line
    return out


_NUMBER_OPEN = re.compile(r"^Số\s*[:.]?\s*(?:\d{1,5}[a-z]?\s*)?[/-]?$")
_SYMBOL_REST = re.compile(
    r"^(?:\d{1,5}[a-z]?)?\s*[/\-–]?\s*[A-ZĐ][\w&]*(?:\s?[/\-–]\s?[A-ZĐ][\w&]*)*\s*$"
)
_DATE_OPEN = re.compile(
    r"^(?:[A-ZĐÀ-Ỹ][\wÀ-ỹ]*\s){0,4}[A-ZĐÀ-Ỹ][\wÀ-ỹ]*,\s*ngày\b(?!.*\bnăm\s+(?:19|20)\d\d)"
    r"(?!\s*\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*(?:19|20)\d\d)"
)
_DATE_PIECE = re.compile(
    r"^[\d\s]*(?:tháng|năm)?[\d\s]*(?:tháng|năm)[\d\s]*(?:năm\s*(?:19|20)\d\d)?\s*$"
)


def rejoin_header_lines(lines: list[str], limit: int = 80) -> list[str]:
    """Join the number line and the place-and-date line when a narrow column or a PDF broke
    them ('Số:' / '12/KH-UBND', 'Cao Bằng, ngày 05 tháng' / '3 năm 2025'), wherever the
    rest of the text was not wrapped evenly enough for unwrap_hard_wrapped to see it."""
    out = list(lines)
    index = 0
    while index < min(len(out), limit):
        line = out[index].strip()
        following = _next_nonblank(out, index)
        if following is not None:
            rest = out[following].strip()
            if (_NUMBER_OPEN.match(line) and _SYMBOL_REST.match(rest)) or (
                _DATE_OPEN.match(line) and _DATE_PIECE.match(rest) and len(rest) <= 30
            ):
                out[index] = f"{line} {rest}" if not line.endswith(("/", "-")) else line + rest
                out[following] = ""
                continue  # the date may need a third piece
        index += 1
    return out


def _next_nonblank(lines: list[str], index: int) -> int | None:
    for position in range(index + 1, min(len(lines), index + 3)):
        if lines[position].strip():
            return position
    return None


def normalize_layout(raw: str) -> str:
    """NFC, LF line ends, plain spaces; then web chrome, table cells and hard wraps undone."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    text = _NO_BREAK_SPACES.sub(lambda m: "" if m.group(0) in "\u2060\ufeff" else " ", text)
    text = unicodedata.normalize("NFC", text)
    lines = text.split("\n")
    lines = strip_web_chrome(lines)
    lines = split_columns(lines)
    unwrapped = unwrap_hard_wrapped(lines)
    lines = unwrap_ragged(lines) if unwrapped is lines else unwrapped
    lines = tables_to_sentences(lines)
    lines = merge_cell_groups(lines)
    lines = rejoin_header_lines(lines)
    return "\n".join(lines)
