"""Word documents laid out per Nghị định 30/2020/NĐ-CP (Phụ lục I), reusable by any app.

Every document is rendered through a replaceable Word template (:mod:`.templating`, docxtpl):
the template holds the layout — national title and motto, the agency block, «Số: …», the place
and date line, the title, Nơi nhận and the signature block, margins, fonts and page numbers —
and this module computes the texts that go into it and builds the body.

The texts (source: Nghị định 30/2020/NĐ-CP ngày 05/3/2020 về công tác văn thư, Điều 8 and Phụ
lục I; checked against published summaries of it, not the gazette):
- :func:`date_line` — «Cao Bằng, ngày 05 tháng 02 năm 2026»: a day below 10 and the months
  1 and 2 take a leading zero, nothing else does (Phụ lục I, mục II.4).
- :func:`agency_lines` — the superior body over the issuing body (mục II.2).
- :func:`symbol_of` — «BC-UBND», «KH-SNV»: the type and the issuing unit's own abbreviation
  (mục II.3).
- :func:`signing_authority` — «TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH», «KT. CHỦ TỊCH / PHÓ CHỦ TỊCH»,
  «GIÁM ĐỐC», «KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC» … by the kind of unit (Điều 13, mục II.8).

Building a document:

- :func:`for_unit` — a :class:`Draft` with the header texts of a unit filled in (or
  :func:`new_document` and :func:`add_header`, :func:`add_title` for other header texts).
- :func:`add_heading`, :func:`add_paragraph`, :func:`add_table`, :func:`add_picture` — the body;
  a :class:`Draft` also answers python-docx's own ``add_paragraph``/``add_table``.
- :func:`add_recipients_and_signature` — «Nơi nhận:» and the signing authority.
- :func:`to_bytes` — the .docx file, rendered through the template of the draft's purpose.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence
from typing import Any

from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from . import templating

FONT = "Times New Roman"
BODY_PT = 14
SMALL_PT = 13
NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

_PLACE = re.compile(r"\b(?:tỉnh|thành phố|xã|phường|đặc khu|thị trấn)\s+(.+)$", re.IGNORECASE)


class Draft:
    """A document being written: the header texts, the body and the signature block.

    The body is a docxtpl sub-document of the chosen template, so whatever python-docx can add
    (paragraphs, tables, pictures) goes in and comes out inside the template's layout.
    """

    def __init__(self, *, purpose: str = templating.GENERIC, landscape: bool = False) -> None:
        self.purpose = purpose
        self.landscape = landscape
        self.source = templating.source_for(purpose)
        self.template = templating.load(self.source)
        self.body = self.template.new_subdoc()
        self.context: dict[str, Any] = {
            "superior": "",
            "agency": "",
            "number_line": "",
            "place_date": "",
            "kind_word": "",
            "subject": "",
            "recipients": [],
            "authority": [],
            "signer": "",
        }

    def __getattr__(self, name: str) -> Any:
        # python-docx's own methods (add_paragraph, add_table, add_picture …) write the body.
        if name.startswith("_") or name in {"body", "template", "context", "source"}:
            raise AttributeError(name)
        return getattr(self.body, name)

    def render(self) -> bytes:
        template = templating.render(
            self.template, {**self.context, "body": self.body}, name=self.source.name
        )
        if self.landscape:
            for section in template.docx.sections:
                width, height = section.page_width, section.page_height
                section.orientation = WD_ORIENT.LANDSCAPE
                if width is not None and height is not None and width < height:
                    section.page_width, section.page_height = height, width
        buffer = io.BytesIO()
        template.save(buffer)
        return buffer.getvalue()


def new_document(landscape: bool = False, *, purpose: str = templating.GENERIC) -> Draft:
    """An empty document in the template of ``purpose`` (A4, NĐ 30 margins and fonts)."""
    return Draft(purpose=purpose, landscape=landscape)


def for_unit(
    unit: Any,
    *,
    purpose: str,
    kind_word: str,
    subject: str,
    doc_type: str,
    day: dt.date | None = None,
    numbered: bool = True,
    landscape: bool = False,
) -> Draft:
    """A document issued by ``unit``: agency block, «Số: …/BC-…», place and date, title.

    ``day`` None leaves the date for the signer to write in (a draft); ``numbered`` False
    leaves out the number line (an annex, a status table).
    """
    draft = Draft(purpose=purpose, landscape=landscape)
    superior, agency = agency_lines(unit)
    add_header(
        draft,
        superior=superior,
        agency=agency,
        number_line=number_line(unit, doc_type) if numbered else "",
        place_date=date_line(place_of(unit), day),
    )
    add_title(draft, kind_word, subject)
    return draft


def number_line(unit: Any, doc_type: str) -> str:
    """«Số:       /BC-UBND» — the number is left for the clerk to write when it is issued."""
    return f"Số:       /{symbol_of(unit, doc_type)}"


def _borders(table: Any, value: str) -> None:
    """Table borders written on the table itself: a replaced template need not define the
    «Table Grid» style for the figures to keep their grid."""
    tbl_pr = table._tbl.tblPr
    for old in tbl_pr.findall(qn("w:tblBorders")):
        tbl_pr.remove(old)
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), value)
        if value != "nil":
            element.set(qn("w:sz"), "4")
            element.set(qn("w:color"), "000000")
        borders.append(element)
    tbl_pr.append(borders)


def date_line(place: str, day: dt.date | None) -> str:
    """«Cao Bằng, ngày 05 tháng 02 năm 2026»; a draft without a date leaves blanks.

    Phụ lục I, mục II.4: a day below 10 and the months 1 and 2 take a leading zero — so
    «ngày 05 tháng 02» and «ngày 15 tháng 5», never «tháng 05».
    """
    if day is None:
        return f"{place}, ngày      tháng      năm {dt.date.today().year}"
    day_text = f"{day.day:02d}" if day.day < 10 else str(day.day)
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day_text} tháng {month} năm {day.year}"


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


#: Abbreviations of the issuing body by the first words of its name (Phụ lục I, mục II.3 and
#: Phụ lục III: the abbreviation of the issuing body's name, fixed by the body itself).
_ABBREVIATIONS = (
    ("ủy ban mặt trận tổ quốc", "MTTQ"),
    ("uỷ ban mặt trận tổ quốc", "MTTQ"),
    ("ủy ban mttq", "MTTQ"),
    ("thanh tra", "TTr"),
    ("văn phòng", "VP"),
)


def symbol_of(unit: Any, doc_type: str = "KH") -> str:
    """«KH-UBND» for a People's Committee, the initials of its own name otherwise («BC-SNV» for
    Sở Nội vụ, «BC-TTr» for the inspectorate) — never the initials of its superior's name."""
    if is_peoples_committee(unit):
        return f"{doc_type}-UBND"
    lowered = unit.name.lower()
    for prefix, abbreviation in _ABBREVIATIONS:
        if lowered.startswith(prefix):
            return f"{doc_type}-{abbreviation}"
    own = _own_name(unit)
    words = [w for w in re.split(r"[\s,]+", own) if w and w.lower() not in {"và"}]
    initials = "".join(w[0].upper() for w in words if w[0].isalpha())
    return f"{doc_type}-{initials or 'VP'}"


def _own_name(unit: Any) -> str:
    """The unit's name without the area it belongs to («Sở Nội vụ tỉnh Cao Bằng» → «Sở Nội vụ»)."""
    name = unit.short_name or unit.name
    return re.split(r"\s+(?:tỉnh|thành phố|xã|phường|huyện)\s+", name, maxsplit=1)[0]


#: The head's title by the first words of a body's name, and his deputy's (Điều 13 and Phụ
#: lục I, mục II.8 NĐ 30/2020: the head signs under his own title; a deputy signing in his
#: place writes «KT.» and the head's title above his own).
_HEAD_TITLES = (
    ("sở", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"),
    ("thanh tra", "CHÁNH THANH TRA", "PHÓ CHÁNH THANH TRA"),
    ("văn phòng", "CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"),
    ("ban", "TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"),
    ("chi cục", "CHI CỤC TRƯỞNG", "PHÓ CHI CỤC TRƯỞNG"),
    ("cục", "CỤC TRƯỞNG", "PHÓ CỤC TRƯỞNG"),
    ("trung tâm", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"),
    ("bộ", "BỘ TRƯỞNG", "THỨ TRƯỞNG"),
    ("trường", "HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG"),
    ("báo", "TỔNG BIÊN TẬP", "PHÓ TỔNG BIÊN TẬP"),
    ("đài", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"),
)
#: By the unit's kind when its name says nothing (OrgUnitKind codes).
_KIND_TITLES = {
    "department": ("GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"),
    "public_service": ("GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"),
    "press": ("TỔNG BIÊN TẬP", "PHÓ TỔNG BIÊN TẬP"),
    "party": ("TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"),
}


def is_peoples_committee(unit: Any) -> bool:
    name = unit.name.lower()
    if name.startswith(("ủy ban nhân dân", "uỷ ban nhân dân", "ubnd")):
        return True
    # Province, district and commune units are People's Committees whatever their short name.
    return getattr(unit, "kind", "") in {"province", "district", "commune"} and not name.startswith(
        tuple(prefix for prefix, *_ in _HEAD_TITLES)
    )


def _is_front(unit: Any) -> bool:
    name = unit.name.lower()
    return name.startswith(("ủy ban mặt trận", "uỷ ban mặt trận", "ủy ban mttq", "ubmttq"))


def signing_authority(unit: Any, *, deputy: bool = False) -> list[str]:
    """The lines above the signature, by the kind of unit (NĐ 30/2020, Điều 13, Phụ lục I II.8).

    A People's Committee decides collectively: its chairman signs on its behalf («TM. ỦY BAN
    NHÂN DÂN / CHỦ TỊCH»), a vice-chairman «TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ
    TỊCH»; the Front's committee likewise through its standing board. Any other agency is
    signed by its head under the head's own title («GIÁM ĐỐC») or by a deputy «KT. GIÁM ĐỐC /
    PHÓ GIÁM ĐỐC».
    """
    if is_peoples_committee(unit) or _is_front(unit):
        collective = "TM. ỦY BAN NHÂN DÂN" if is_peoples_committee(unit) else "TM. BAN THƯỜNG TRỰC"
        if deputy:
            return [collective, "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
        return [collective, "CHỦ TỊCH"]
    head, vice = _titles(unit)
    return [f"KT. {head}", vice] if deputy else [head]


def _titles(unit: Any) -> tuple[str, str]:
    name = unit.name.lower()
    for prefix, head, vice in _HEAD_TITLES:
        if name.startswith(prefix + " "):
            return head, vice
    return _KIND_TITLES.get(getattr(unit, "kind", ""), ("THỦ TRƯỞNG CƠ QUAN", "PHÓ THỦ TRƯỞNG"))


def add_header(
    document: Draft,
    *,
    superior: str,
    agency: str,
    number_line: str,
    place_date: str,
) -> None:
    """The top of the first page: agency block and number (left), national title (right)."""
    document.context.update(
        superior=superior, agency=agency, number_line=number_line, place_date=place_date
    )


def add_title(document: Draft, kind_word: str, subject: str) -> None:
    """«KẾ HOẠCH» and its trích yếu, bold and centred under the header."""
    document.context.update(kind_word=kind_word.upper(), subject=subject)


def add_heading(document: Any, text: str) -> Any:
    """A part heading ("I. MỤC ĐÍCH, YÊU CẦU"), bold, justified."""
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    paragraph.paragraph_format.first_line_indent = Mm(10)
    paragraph.paragraph_format.space_before = Pt(6)
    paragraph.paragraph_format.space_after = Pt(6)
    run = paragraph.add_run(text)
    run.bold = True
    return paragraph


def add_paragraph(document: Any, text: str, *, italic: bool = False, bold: bool = False) -> Any:
    """A body paragraph: justified, first line indented 1 cm, 6 pt after."""
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    paragraph.paragraph_format.first_line_indent = Mm(10)
    paragraph.paragraph_format.space_after = Pt(6)
    run = paragraph.add_run(text)
    run.italic, run.bold = italic, bold
    return paragraph


def add_table(
    document: Any,
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    size: int = SMALL_PT,
    numeric: Sequence[int] = (),
) -> Any:
    """A grid table with a bold header row; ``numeric`` columns (0-based) are right-aligned.

    Values are written as given: format numbers first with :func:`danvan.core.text.vn_number`.
    """
    table = document.add_table(rows=1, cols=len(header))
    _borders(table, "single")
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        _cell(cell, str(text), size=size, bold=True, centre=True)
    for values in rows:
        cells = table.add_row().cells
        for index, (cell, value) in enumerate(zip(cells, values, strict=True)):
            text = "" if value is None else str(value)
            _cell(cell, text, size=size, right=index in numeric)
    return table


def _cell(cell: Any, text: str, *, size: int, bold: bool = False, right: bool = False,
          centre: bool = False) -> None:  # fmt: skip
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.first_line_indent = Mm(0)
    paragraph.paragraph_format.space_after = Pt(0)
    if right:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    elif centre:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.bold = bold
    run.font.size = Pt(size)


def add_picture(document: Any, png: bytes, *, width_mm: int = 150, caption: str = "") -> None:
    """A picture (a chart as PNG) centred in the body, with an italic caption under it."""
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run().add_picture(io.BytesIO(png), width=Mm(width_mm))
    if caption:
        line = document.add_paragraph()
        line.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = line.add_run(caption)
        run.italic = True
        run.font.size = Pt(12)


def add_recipients_and_signature(
    document: Draft,
    *,
    recipients: Sequence[str],
    authority: Sequence[str],
    signer: str = "",
) -> None:
    """«Nơi nhận:» (12 pt, the list 11 pt) on the left; the signing authority on the right."""
    document.context.update(
        recipients=list(recipients),
        authority=[line.upper() for line in authority],
        signer=signer,
    )


def to_bytes(document: Draft) -> bytes:
    """The .docx: the template of the draft's purpose rendered with its texts and body."""
    return document.render()
