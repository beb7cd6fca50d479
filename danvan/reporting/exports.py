"""Files of reporting: the consolidated report (.docx per Nghị định 30/2020/NĐ-CP), the figures
(.xlsx), the blank Excel template of a form and the import of a filled one."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from django.utils import timezone

from danvan.core.errors import UserError
from danvan.core.uploads import UploadPurpose
from danvan.orgs.models import OrgUnit

from .consolidation import Figure, IndicatorValue, consolidate, indicators, narratives_below
from .models import ReportForm
from .periods import period_for

TEMPLATE_MARK = "danvan-reporting-template"


def _fmt(value: Decimal | None) -> str:
    if value is None:
        return "—"
    text = f"{value:,.2f}".rstrip("0").rstrip(".") if value % 1 else f"{value:,.0f}"
    return text.replace(",", "·").replace(".", ",").replace("·", ".")


def consolidated_docx(form: ReportForm, period_code: str, unit: OrgUnit) -> bytes:
    """A draft consolidated report laid out per Nghị định 30/2020/NĐ-CP (Phụ lục I).

    A4, Times New Roman 13–14, margins 20 mm top and bottom, 30 mm left, 15 mm right; national
    emblem line and agency block side by side; number "Số: …/BC-…"; place and date; title;
    the narrative of the units below per section; the figures as tables; Nơi nhận; signature.
    """
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    period = period_for(form, period_code)
    figures = consolidate(form, period_code, unit)
    computed = indicators(form, figures)
    texts = narratives_below(form, period_code, unit)

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(14)
    style.element.rPr.rFonts.set(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia", "Times New Roman"
    )

    def para(text: str = "", *, bold: bool = False, italic: bool = False, size: int = 14,
             align: Any = None, indent: bool = False) -> Any:  # fmt: skip
        p = doc.add_paragraph()
        run = p.add_run(text)
        run.bold, run.italic, run.font.size = bold, italic, Pt(size)
        if align is not None:
            p.alignment = align
        if indent:
            p.paragraph_format.first_line_indent = Mm(12.7)
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        p.paragraph_format.space_after = Pt(6)
        return p

    header = doc.add_table(rows=1, cols=2)
    header.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = header.rows[0].cells
    parent = unit.parent.name.upper() if unit.parent else ""
    left.text = ""
    lp = left.paragraphs[0]
    lp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if parent:
        r = lp.add_run(parent + "\n")
        r.font.size = Pt(13)
    r = lp.add_run(unit.name.upper())
    r.bold, r.font.size = True, Pt(13)
    lp.add_run("\n———").font.size = Pt(13)
    symbol = "".join(w[0] for w in (unit.short_name or unit.name).split() if w[:1].isalpha())
    number = left.add_paragraph(f"Số:       /BC-{symbol.upper()[:8]}")
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    rp = right.paragraphs[0]
    rp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = rp.add_run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n")
    r.bold, r.font.size = True, Pt(13)
    r = rp.add_run("Độc lập - Tự do - Hạnh phúc")
    r.bold, r.font.size = True, Pt(14)
    rp.add_run("\n———————————").font.size = Pt(13)
    today = timezone.localdate()
    place = right.add_paragraph()
    place.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = place.add_run(f"…, ngày {today.day:02d} tháng {today.month:02d} năm {today.year}")
    run.italic = True

    para()
    para("BÁO CÁO", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    para(f"{form.name} {period.title}", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    para(
        f"(Số liệu từ ngày {period.start:%d/%m/%Y} đến ngày {period.end:%d/%m/%Y})",
        italic=True, align=WD_ALIGN_PARAGRAPH.CENTER,
    )  # fmt: skip
    if form.legal_basis:
        para(f"Thực hiện {form.legal_basis}, {unit.name} báo cáo như sau:", indent=True)

    roman = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
    index = 0
    for form_section in form.sections.all():
        para(f"{roman[index % 10]}. {form_section.title.upper()}", bold=True)
        index += 1
        entries = texts.get(form_section.code, [])
        if not entries:
            para("(Chưa có nội dung từ các đơn vị được phê duyệt.)", italic=True, indent=True)
        for narrative in entries:
            p = para("", indent=True)
            p.add_run(f"{narrative.submission.unit.display_name}: ").bold = True
            p.add_run(narrative.text)

    para(f"{roman[index % 10]}. SỐ LIỆU TỔNG HỢP", bold=True)
    _figure_table(doc, list(figures.values()), Pt)
    if computed:
        para("Các chỉ số", bold=True)
        table = doc.add_table(rows=1, cols=2)
        table.style = "Table Grid"
        table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Chỉ số", "Giá trị"
        for item in computed:
            row = table.add_row().cells
            row[0].text = item.name
            row[1].text = f"{_fmt(item.value)} {item.unit_label}".strip()
    chart = bar_chart_png([f for f in figures.values() if f.aggregation == "sum"])
    if chart:
        para("Biểu đồ các chỉ tiêu cộng dồn", italic=True, size=13)
        doc.add_picture(io.BytesIO(chart), width=Mm(150))

    para()
    sign = doc.add_table(rows=1, cols=2)
    recv, signer = sign.rows[0].cells
    rp = recv.paragraphs[0]
    r = rp.add_run("Nơi nhận:\n")
    r.bold, r.italic, r.font.size = True, True, Pt(12)
    rp.add_run(f"- {form.recipient.name};\n- Lưu: VT.").font.size = Pt(11)
    sp = signer.paragraphs[0]
    sp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = sp.add_run("TM. " + unit.name.upper() + "\n")
    r.bold, r.font.size = True, Pt(14)
    sp.add_run("(Ký, ghi rõ họ tên, đóng dấu)").italic = True

    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _figure_table(doc: Any, figures: list[Figure], pt: Any) -> None:
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(
        table.rows[0].cells, ["TT", "Chỉ tiêu", "Đơn vị tính", "Số liệu"], strict=True
    ):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    for number, figure in enumerate(figures, start=1):
        row = table.add_row().cells
        row[0].text = str(number)
        row[1].text = figure.name
        row[2].text = figure.unit_label
        row[3].text = _fmt(figure.value)
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = pt(13)


def bar_chart_png(figures: list[Figure], width: int = 900, bar_height: int = 22) -> bytes | None:
    """A plain horizontal bar chart as PNG, drawn without any imaging library.

    The labels are in the table above it; the bars keep the table's order.
    """
    import struct
    import zlib

    values = [(f.value or Decimal(0)) for f in figures]
    if not values or max(values) <= 0:
        return None
    top = max(values)
    gap = 8
    height = len(values) * (bar_height + gap) + gap
    rows = []
    for y in range(height):
        slot, offset = divmod(y - gap, bar_height + gap)
        length = 0
        if y >= gap and offset < bar_height and slot < len(values):
            length = int((width - 20) * float(values[slot] / top))
        row = bytearray(b"\x00")  # filter type: none
        row += bytes((31, 78, 121)) * length + bytes((255, 255, 255)) * (width - length)
        rows.append(bytes(row))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"".join(rows), 6))
        + chunk(b"IEND", b"")
    )


def consolidated_xlsx(form: ReportForm, period_code: str, unit: OrgUnit) -> bytes:
    """The consolidated figures and indicators, and each unit's approved values."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from .models import DataValue

    period = period_for(form, period_code)
    figures = consolidate(form, period_code, unit)
    computed: list[IndicatorValue] = indicators(form, figures)
    book = Workbook()
    sheet = book.active
    sheet.title = "Tổng hợp"
    sheet.append([f"{form.name} {period.title}"])
    sheet.append([unit.name])
    sheet.append([])
    sheet.append(["Mã", "Chỉ tiêu", "Đơn vị tính", "Cách tổng hợp", "Giá trị", "Số đơn vị"])
    for cell in sheet[4]:
        cell.font = Font(bold=True)
    for f in figures.values():
        value = float(f.value) if f.value is not None else None
        sheet.append([f.code, f.name, f.unit_label, f.aggregation, value, f.reported_by])
    sheet.append([])
    for item in computed:
        sheet.append([item.code, item.name, item.unit_label, "chỉ số",
                      float(item.value) if item.value is not None else None])  # fmt: skip
    sheet.column_dimensions["B"].width = 60
    detail = book.create_sheet("Theo đơn vị")
    elements = list(form.elements.all())
    detail.append(["Đơn vị", *[e.code for e in elements]])
    from .consolidation import paths_q, roll_up_paths

    per_unit: dict[str, dict[int, Decimal | None]] = {}
    for unit_name, element_id, amount in (
        DataValue.objects.filter(form=form, period=period_code, approved=True)
        .filter(paths_q(roll_up_paths(unit)))
        .order_by("path")
        .values_list("unit__name", "element_id", "value")
    ):
        per_unit.setdefault(unit_name, {})[element_id] = amount
    for unit_name, by_element in per_unit.items():
        detail.append([unit_name, *[_num(by_element.get(e.pk)) for e in elements]])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _num(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


def blank_template(form: ReportForm) -> bytes:
    """The Excel template of a form: one row per element, the value column left empty."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Biểu mẫu"
    sheet.append([TEMPLATE_MARK, form.code, form.name])
    sheet.append(["Kỳ báo cáo (vd. 2026-03)", ""])
    sheet.append(["Mã", "Chỉ tiêu", "Nhóm", "Kiểu", "Giá trị", "Ghi chú"])
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for element in form.elements.all():
        sheet.append([element.code, element.name, element.group,
                      element.get_value_type_display(), None, None])  # fmt: skip
    sheet.column_dimensions["B"].width = 60
    sheet.column_dimensions["F"].width = 40
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# A filled Excel template of a report form, imported into a draft.
IMPORT_UPLOAD = UploadPurpose(
    "reporting.import",
    exts=(".xlsx",),
    size_setting="REPORTING_MAX_IMPORT_BYTES",
    noun="tệp Excel",
)


def read_template(form: ReportForm, data: bytes) -> tuple[str, dict[str, Any], dict[str, str]]:
    """(period code, values by code, comments by code) of a filled template of ``form``."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:
        raise UserError("Tệp không phải bảng tính Excel (.xlsx) hợp lệ.") from None
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    if not rows or not rows[0] or rows[0][0] != TEMPLATE_MARK:
        raise UserError("Tệp không phải biểu mẫu Excel tải từ Dân Vận (thiếu dòng nhận dạng).")
    if len(rows[0]) < 2 or rows[0][1] != form.code:
        raise UserError(
            f"Tệp là biểu mẫu «{rows[0][1]}», không phải biểu mẫu «{form.code}» của báo cáo này."
        )
    period = str(rows[1][1] or "").strip() if len(rows) > 1 and len(rows[1]) > 1 else ""
    codes = set(form.elements.values_list("code", flat=True))
    values: dict[str, Any] = {}
    comments: dict[str, str] = {}
    for row in rows[3:]:
        if not row or row[0] is None:
            continue
        code = str(row[0]).strip()
        if code not in codes:
            raise UserError(f"Dòng mã «{code}» không có trong biểu mẫu «{form.name}».")
        value = row[4] if len(row) > 4 else None
        values[code] = "" if value is None else str(value)
        if len(row) > 5 and row[5]:
            comments[code] = str(row[5])
    return period, values, comments
