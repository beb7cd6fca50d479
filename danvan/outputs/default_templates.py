"""The packaged default Word template of NĐ 30/2020 documents, and how it was made.

The file ``docx/nd30.docx`` shipped in this package is what :func:`build_nd30_template` writes;
run ``python -m danvan.outputs.default_templates`` to write it again after changing the layout.
An administrator replaces it without touching code by uploading an edited copy as an
:class:`~danvan.outputs.models.OutputTemplate` (the placeholders are listed in
:data:`danvan.outputs.templating.PLACEHOLDERS`).

The layout (Nghị định 30/2020/NĐ-CP ngày 05/3/2020 về công tác văn thư, Phụ lục I): A4
portrait; margins top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm; Times New Roman,
black; body 13–14 pt; national title 12–13 pt bold upper case, motto 13–14 pt bold; the agency
block on the left (superior body over the issuing body, bold), «Số: …» below it; the place and
date line in italics under the motto; «Nơi nhận:» 12 pt bold italic with its list in 11 pt
beside the signature block; page numbers centred in the top margin, not on the first page.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Any

PACKAGED = Path(__file__).parent / "docx"
FONT = "Times New Roman"


def _table_without_borders(document: Any) -> Any:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    table = document.add_table(rows=1, cols=2)
    table.autofit = False
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)
    left, right = table.rows[0].cells
    left.width, right.width = Mm(70), Mm(95)
    return left, right


def _para(container: Any, text: str, *, size: int = 14, bold: bool = False,
          italic: bool = False, align: str = "center", first: bool = False) -> Any:  # fmt: skip
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    paragraph = container.paragraphs[0] if first else container.add_paragraph()
    paragraph.alignment = {
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    }[align]
    paragraph.paragraph_format.space_after = Pt(0)
    paragraph.paragraph_format.line_spacing = 1.0
    if text:
        run = paragraph.add_run(text)
        run.bold, run.italic = bold, italic
        run.font.size = Pt(size)
        run.font.name = FONT
    return paragraph


def _page_number(paragraph: Any) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

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


def build_nd30_template() -> bytes:
    """The default template: every text of the document is a docxtpl placeholder."""
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(14)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)
    style.paragraph_format.space_after = Pt(6)
    style.paragraph_format.line_spacing = 1.15
    section.different_first_page_header_footer = True
    _page_number(section.header.paragraphs[0])

    left, right = _table_without_borders(document)
    _para(left, "{%p if superior %}", size=13, first=True)
    _para(left, "{{ superior }}", size=13)
    _para(left, "{%p endif %}", size=13)
    _para(left, "{{ agency }}", size=13, bold=True)
    _para(left, "_______", size=13, bold=True)
    _para(left, "{%p if number_line %}", size=13)
    _para(left, "{{ number_line }}", size=13)
    _para(left, "{%p endif %}", size=13)
    _para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=12, bold=True, first=True)
    _para(right, "Độc lập - Tự do - Hạnh phúc", size=14, bold=True)
    _para(right, "_______________________", size=13, bold=True)
    _para(right, "{{ place_date }}", size=14, italic=True)

    _para(document, "", size=14)
    _para(document, "{{ kind_word }}", size=14, bold=True)
    _para(document, "{%p if subject %}", size=14)
    _para(document, "{{ subject }}", size=14, bold=True)
    _para(document, "{%p endif %}", size=14)
    _para(document, "___________", size=14, bold=True)
    _para(document, "", size=14)
    _para(document, "{{p body }}", size=14, align="justify")
    _para(document, "", size=14)

    left, right = _table_without_borders(document)
    _para(left, "Nơi nhận:", size=12, bold=True, italic=True, align="left", first=True)
    _para(left, "{%p for item in recipients %}", size=11, align="left")
    _para(left, "- {{ item }}", size=11, align="left")
    _para(left, "{%p endfor %}", size=11, align="left")
    _para(right, "{%p for line in authority %}", size=14, first=True)
    _para(right, "{{ line }}", size=14, bold=True)
    _para(right, "{%p endfor %}", size=14)
    for _ in range(4):
        _para(right, "", size=14)
    _para(right, "{%p if signer %}", size=14)
    _para(right, "{{ signer }}", size=14, bold=True)
    _para(right, "{%p else %}", size=14)
    _para(right, "(ký, ghi rõ họ tên)", size=14, italic=True)
    _para(right, "{%p endif %}", size=14)

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def main() -> None:
    PACKAGED.mkdir(exist_ok=True)
    target = PACKAGED / "nd30.docx"
    target.write_bytes(build_nd30_template())
    sys.stdout.write(f"{target}\n")


if __name__ == "__main__":
    main()
