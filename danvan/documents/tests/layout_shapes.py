"""The shapes a document's text arrives in, written here for the metamorphic tests.

Each transform keeps the words of the document and changes only its layout, as real files do:
hard-wrapped lines (text copied out of a PDF or a narrow web column), the header block exported
as table cells, a web page's chrome around the text, Unicode NFD, Windows line ends with
no-break spaces and a byte-order mark.
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


SHAPES: dict[str, Callable[[str], str]] = {
    "wrap35": wrap(35),
    "wrap50": wrap(50),
    "wrap70": wrap(70),
    "cells": table_cells,
    "chrome": web_chrome,
    "nfd": nfd,
    "crlf": crlf_no_break_spaces,
}
