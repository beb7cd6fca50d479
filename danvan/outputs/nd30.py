"""Word documents laid out per Nghị định 30/2020/NĐ-CP (Phụ lục I), reusable by any app.

The layout rules (source: Nghị định 30/2020/NĐ-CP ngày 05/3/2020 về công tác văn thư, Phụ lục I,
checked against published summaries of it): A4 portrait; margins top and bottom 20–25 mm, left
30–35 mm, right 15–20 mm; Times New Roman, black; body 13–14 pt justified, paragraphs at least
6 pt apart, line spacing single to 1.5; national title 12–13 pt bold upper case, motto 13–14 pt
bold; day and month below 10 (and months 1–2) written with a leading zero; page numbers
centred in the top margin, not on the first page.

Functions:

- :func:`new_document` — an empty A4 document with those margins and fonts.
- :func:`add_header` — agency block ("ỦY BAN NHÂN DÂN / XÃ …", "Số: …/KH-UBND") beside the
  national title and motto, then the place and date line.
- :func:`add_title`, :func:`add_heading`, :func:`add_paragraph` — the body.
- :func:`add_recipients_and_signature` — "Nơi nhận:" beside the signature block.
- :func:`date_line`, :func:`agency_lines`, :func:`place_of`, :func:`symbol_of` — the texts.
- :func:`to_bytes` — the .docx file.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence
from typing import Any

from docx import Document as new_docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

FONT = "Times New Roman"
BODY_PT = 14
SMALL_PT = 13
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

_LEVEL_PREFIX = re.compile(
    r"^(ủy ban nhân dân|ubnd|sở|ban|văn phòng|thanh tra|ủy ban mặt trận tổ quốc việt nam)\s+",
    re.IGNORECASE,
)
_PLACE = re.compile(r"\b(?:tỉnh|thành phố|xã|phường|đặc khu|thị trấn)\s+(.+)$", re.IGNORECASE)


def new_document(landscape: bool = False) -> Any:
    """An empty document: A4, NĐ 30 margins, Times New Roman 14 pt, page numbers from page 2."""
    document = new_docx()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    section.top_margin = Mm(MARGINS_MM["top"])
    section.bottom_margin = Mm(MARGINS_MM["bottom"])
    section.left_margin = Mm(MARGINS_MM["left"])
    section.right_margin = Mm(MARGINS_MM["right"])
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(BODY_PT)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)
    style.paragraph_format.space_after = Pt(6)
    style.paragraph_format.line_spacing = 1.15
    section.different_first_page_header_footer = True
    _page_number(section.header.paragraphs[0])
    return document


def _page_number(paragraph: Any) -> None:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def _line(
    container: Any,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    size: int = BODY_PT,
    align: Any = WD_ALIGN_PARAGRAPH.CENTER,
    after: int = 0,
) -> Any:
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(after)
    paragraph.paragraph_format.line_spacing = 1.0
    run = paragraph.add_run(text)
    run.bold, run.italic = bold, italic
    run.font.size = Pt(size)
    run.font.name = FONT
    return paragraph


def _no_borders(table: Any) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def date_line(place: str, day: dt.date | None) -> str:
    """ "Cao Bằng, ngày 05 tháng 02 năm 2026" (a draft without a date leaves dots)."""
    if day is None:
        return f"{place}, ngày      tháng      năm {dt.date.today().year}"
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def agency_lines(unit: Any) -> tuple[str, str]:
    """The agency block: the superior body (may be empty) and the issuing body, upper case.

    A People's Committee is written "ỦY BAN NHÂN DÂN" over its area ("XÃ BẢO LÂM"); a body
    under a People's Committee under the committee's short name ("UBND TỈNH CAO BẰNG").
    """
    name = unit.name
    if is_peoples_committee(unit):
        area = re.sub(r"^(ủy ban nhân dân|uỷ ban nhân dân|ubnd)\s+", "", name, flags=re.IGNORECASE)
        return "ỦY BAN NHÂN DÂN", area.upper()
    parent = getattr(unit, "parent", None)
    superior = (parent.short_name or parent.name).upper() if parent is not None else ""
    own = unit.short_name or name
    return superior, own.upper()


def place_of(unit: Any) -> str:
    """The place name of the date line: the commune's or the province's name."""
    node = unit
    while node is not None:
        if getattr(node, "kind", "") in {"commune", "province"}:
            match = _PLACE.search(node.name)
            if match:
                return match.group(1).strip()
        node = getattr(node, "parent", None)
    match = _PLACE.search(unit.name)
    return match.group(1).strip() if match else unit.name


def symbol_of(unit: Any, doc_type: str = "KH") -> str:
    """ "KH-UBND" for a People's Committee, initials otherwise ("KH-SNV" for Sở Nội vụ)."""
    name = unit.name
    if is_peoples_committee(unit):
        return f"{doc_type}-UBND"
    short = unit.short_name or name
    words = [w for w in re.split(r"[\s,]+", short) if w and w.lower() not in {"và"}]
    initials = "".join(w[0].upper() for w in words if w[0].isalpha())
    return f"{doc_type}-{initials or 'VP'}"


#: The head's title by the first words of a body's name (Phụ lục I NĐ 30/2020, mục II.8: the
#: signature block names the authority «TM.» of a collective body, or the head's own title).
_HEAD_TITLES = (
    ("sở", "GIÁM ĐỐC"),
    ("thanh tra", "CHÁNH THANH TRA"),
    ("văn phòng", "CHÁNH VĂN PHÒNG"),
    ("ban", "TRƯỞNG BAN"),
    ("chi cục", "CHI CỤC TRƯỞNG"),
    ("cục", "CỤC TRƯỞNG"),
    ("trung tâm", "GIÁM ĐỐC"),
    ("bộ", "BỘ TRƯỞNG"),
)


def is_peoples_committee(unit: Any) -> bool:
    name = unit.name.lower()
    return name.startswith(("ủy ban nhân dân", "uỷ ban nhân dân", "ubnd"))


def signing_authority(unit: Any) -> list[str]:
    """The lines above the signature: «TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH», «GIÁM ĐỐC», …

    A People's Committee decides collectively, so its chairman signs on its behalf (TM.); the
    Front's committee likewise through its standing board; any other agency is signed by its
    head under the head's own title. A deputy signing in the head's place adds «KT.» above and
    his own title below, which the signer writes in when the document is finalised.
    """
    if is_peoples_committee(unit):
        return ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    name = unit.name.lower()
    if name.startswith(("ủy ban mặt trận", "uỷ ban mặt trận", "ủy ban mttq", "ubmttq")):
        return ["TM. BAN THƯỜNG TRỰC", "CHỦ TỊCH"]
    for prefix, title in _HEAD_TITLES:
        if name.startswith(prefix + " "):
            return [title]
    return ["THỦ TRƯỞNG CƠ QUAN"]


def add_header(
    document: Any,
    *,
    superior: str,
    agency: str,
    number_line: str,
    place_date: str,
) -> None:
    """The top of the first page: agency block and number (left), national title (right)."""
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _no_borders(table)
    left, right = table.rows[0].cells
    left.width, right.width = Mm(65), Mm(100)
    left.paragraphs[0].text = ""
    if superior:
        _line(left, superior, size=SMALL_PT)
    _line(left, agency, bold=True, size=SMALL_PT)
    _line(left, "_______", bold=True, size=SMALL_PT, after=6)
    _line(left, number_line, size=SMALL_PT)
    _line(right, NATIONAL_TITLE, bold=True, size=12)
    _line(right, MOTTO, bold=True, size=BODY_PT)
    _line(right, "_______________________", bold=True, size=SMALL_PT, after=6)
    _line(right, place_date, italic=True, size=BODY_PT)
    for cell in (left, right):
        first = cell.paragraphs[0]
        if not first.text:
            first._element.getparent().remove(first._element)


def add_title(document: Any, kind_word: str, subject: str) -> None:
    """ "KẾ HOẠCH" and its trích yếu, bold and centred, with a short rule below."""
    _line(document, "", after=6)
    _line(document, kind_word.upper(), bold=True, size=BODY_PT)
    _line(document, subject, bold=True, size=BODY_PT)
    _line(document, "___________", bold=True, size=BODY_PT, after=12)


def add_heading(document: Any, text: str) -> Any:
    """A part heading ("I. MỤC ĐÍCH, YÊU CẦU"), bold, justified."""
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    paragraph.paragraph_format.first_line_indent = Mm(10)
    paragraph.paragraph_format.space_before = Pt(6)
    run = paragraph.add_run(text)
    run.bold = True
    return paragraph


def add_paragraph(document: Any, text: str, *, italic: bool = False, bold: bool = False) -> Any:
    """A body paragraph: justified, first line indented 1 cm, 6 pt after."""
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    paragraph.paragraph_format.first_line_indent = Mm(10)
    run = paragraph.add_run(text)
    run.italic, run.bold = italic, bold
    return paragraph


def add_recipients_and_signature(
    document: Any,
    *,
    recipients: Sequence[str],
    authority: Sequence[str],
    signer: str = "",
) -> None:
    """ "Nơi nhận:" (12 pt, the list 11 pt) on the left; the signing authority on the right."""
    table = document.add_table(rows=1, cols=2)
    _no_borders(table)
    left, right = table.rows[0].cells
    left.width, right.width = Mm(80), Mm(85)
    first = _line(left, "Nơi nhận:", bold=True, italic=True, size=12, align=WD_ALIGN_PARAGRAPH.LEFT)
    for item in recipients:
        _line(left, f"- {item}", size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    for item in authority:
        _line(right, item.upper(), bold=True, size=BODY_PT)
    for _ in range(4):
        _line(right, "", size=BODY_PT)
    _line(right, signer or "(ký, ghi rõ họ tên)", bold=bool(signer), italic=not signer)
    for cell in (left, right):
        p = cell.paragraphs[0]
        if not p.text and p is not first:
            p._element.getparent().remove(p._element)


def to_bytes(document: Any) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
