"""The shapes a document's text arrives in, written here for the metamorphic tests.

Each transform keeps the words of the document and changes only its layout, as real files do:
hard-wrapped lines (text copied out of a PDF or a narrow web column), the header block exported
as table cells, a web page's chrome around the text, Unicode NFD, Windows line ends with
no-break spaces and a byte-order mark, the header and the closing laid out in two columns as
text extracted from a PDF or a Word table keeps them.
"""

from __future__ import annotations

import re
import textwrap
import unicodedata
from collections.abc import Callable


def wrap(width: int) -> Callable[[str], str]:
    def shape(text: str) -> str:
        out: list[str] = []
        for line in text.splitlines():
            out.extend(
                textwrap.wrap(line, width, break_long_words=False, break_on_hyphens=False) or [""]
            )
        return "\n".join(out) + "\n"

    return shape


_HEADER = re.compile(
    r"^\s*(?:Số\s*:|.*,\s*ngày\b|CỘNG HÒA|Độc lập|ỦY BAN|UỶ BAN|ĐẢNG|SỞ\b|BAN\b)", re.IGNORECASE
)


def table_cells(text: str) -> str:
    """The header lines as narrow cells, each closed by a '|' line (symbols may break at a
    hyphen, as web exports break them)."""
    out: list[str] = []
    for index, line in enumerate(text.splitlines()):
        if index < 30 and line.strip() and _HEADER.match(line):
            out.extend(textwrap.wrap(line.strip(), 22, break_long_words=False) or [""])
            out.append("|")
        else:
            out.append(line)
    return "\n".join(out) + "\n"


def web_chrome(text: str) -> str:
    top = (
        "Trang chủ | Giới thiệu | Tin tức | Văn bản | Liên hệ\n"
        "Đăng nhập    Đăng ký\n"
        "Tìm kiếm: nhập số hiệu hoặc trích yếu văn bản\n"
        "Trang chủ » Văn bản » Văn bản chỉ đạo điều hành\n"
        "Lưu    Theo dõi văn bản    In\n\n"
    )
    bottom = (
        "\n\nTin liên quan\n"
        "- Hội nghị tổng kết công tác dân vận năm trước\n"
        "- Lịch tiếp công dân của lãnh đạo huyện\n"
        "Bản quyền thuộc về Cổng thông tin điện tử huyện\n"
        "Địa chỉ: số 2 đường Trung tâm | Điện thoại: 0206 3870 000 | Email: ubnd@example.vn\n"
        "Lượt truy cập: 98.765\n"
    )
    return top + text + bottom


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def crlf_no_break_spaces(text: str) -> str:
    text = text.replace("Số: ", "Số:\u00a0").replace(", ngày ", ",\u00a0ngày\u00a0")
    text = re.sub(r"(?<=\d) (?=tháng|năm)", "\u00a0", text)
    return "\ufeff" + text.replace("\n", "\r\n")


# Nghị định 30/2020 puts these on the right of the header: national title, motto, place and date.
_RIGHT_OF_HEADER = re.compile(r"^(?:CỘNG HÒA|CỘNG HOÀ|Độc lập|ĐẢNG CỘNG SẢN VIỆT NAM|.*,\s*ngày\b)")
_HEADER_END = re.compile(
    r"^\**\s*(?:KẾ HOẠCH|QUYẾT ĐỊNH|CHỈ THỊ|CÔNG VĂN|THÔNG BÁO|BÁO CÁO|CHƯƠNG TRÌNH|HƯỚNG DẪN)\b"
    r"|^(?:Kính gửi|Căn cứ)\b"
)
_HEADER_PIECE = re.compile(r"^(?:Số\b|V/v\b|Độc lập\b|.*,\s*ngày\b)")


def _header_piece(line: str) -> bool:
    """Capitals (agency, national title), a rule, 'Số', 'V/v', the motto, the date line."""
    return not any(c.islower() for c in line) or bool(_HEADER_PIECE.match(line))


_CLOSING_START = re.compile(r"^\**\s*(?:Nơi nhận\b|(?:KT|K/T|TM|T/M|TL|T/L|TUQ|Q)\.?\s)")
_LEFT_COLUMN_WIDTH = 40


def _side_by_side(left: list[str], right: list[str], gap: str) -> list[str]:
    """Rows of two columns; a row with nothing on the left has its right cell far to the right
    (a tab's empty cell, or spaces up to the column)."""
    rows: list[str] = []
    for index in range(max(len(left), len(right))):
        cell = left[index] if index < len(left) else ""
        other = right[index] if index < len(right) else ""
        if gap == "\t":
            rows.append(f"{cell}\t{other}".rstrip())
        else:
            rows.append(f"{cell:<{_LEFT_COLUMN_WIDTH}}{gap}{other}".rstrip())
    return rows


def two_columns(gap: str) -> Callable[[str], str]:
    """The header and the closing as two columns joined by `gap` (spaces or a tab): agency
    block, 'Số' and 'V/v' (wrapped at the column's width) left, national title, motto and
    place-and-date right; 'Nơi nhận' and its list left, the signature block and the signer's
    name right, the name alone on its row when the left column has ended."""

    def shape(text: str) -> str:
        lines = text.splitlines()
        head_end = next(
            (i for i, line in enumerate(lines[:40]) if _HEADER_END.match(line.strip())), None
        )
        head_start = head_end or 0
        while head_start > 0 and _header_piece(lines[head_start - 1].strip()):
            head_start -= 1  # back over the header block, not a web page's text before it
        head = [line.strip() for line in lines[head_start:head_end] if line.strip()]
        if head and any(line.startswith("Số") for line in head) and not any("|" in h for h in head):
            left: list[str] = []
            for line in head:
                if not _RIGHT_OF_HEADER.match(line):
                    left.extend(textwrap.wrap(line, _LEFT_COLUMN_WIDTH, break_long_words=False))
            right = [line for line in head if _RIGHT_OF_HEADER.match(line) and "ngày" not in line]
            dated = [line for line in head if _RIGHT_OF_HEADER.match(line) and "ngày" in line]
            number_row = next(i for i, line in enumerate(left) if line.startswith("Số"))
            right += [""] * (number_row - len(right)) + dated  # the date on the number's row
            lines = lines[:head_start] + _side_by_side(left, right, gap) + [""] + lines[head_end:]
        start = next(
            (
                i
                for i in range(len(lines) - 1, len(lines) // 2, -1)
                if _CLOSING_START.match(lines[i].strip())
                and not _CLOSING_START.match(lines[i - 1].strip())
                and not any(_CLOSING_START.match(x.strip()) for x in lines[i - 12 : i - 1])
            ),
            None,
        )
        if start is None:
            return "\n".join(lines) + "\n"
        end = start
        while end < len(lines) and len(lines[end]) <= 60 and not lines[end].startswith("["):
            end += 1
        closing = [line.strip() for line in lines[start:end] if line.strip()]
        left = [c for c in closing if c.startswith(("Nơi nhận", "-", "+"))]
        right = []
        for line in closing:
            if line.startswith(("Nơi nhận", "-", "+")):
                continue
            if right and right[-1].isupper() and not line.isupper() and line[:1] != "(":
                right += ["", ""]  # room for the signature above the name
            right.append(line)
        lines = lines[:start] + _side_by_side(left, right, gap) + lines[end:]
        return "\n".join(lines) + "\n"

    return shape


SHAPES: dict[str, Callable[[str], str]] = {
    "columns_spaces": two_columns(" " * 6),
    "columns_tabs": two_columns("\t"),
    "wrap35": wrap(35),
    "wrap50": wrap(50),
    "wrap70": wrap(70),
    "cells": table_cells,
    "chrome": web_chrome,
    "nfd": nfd,
    "crlf": crlf_no_break_spaces,
}
