"""Files of reporting: the consolidated report (.docx per Nghị định 30/2020/NĐ-CP), the figures
(.xlsx), the blank Excel template of a form and the import of a filled one."""

from __future__ import annotations

import io
import re
from decimal import Decimal
from typing import Any

from django.utils import timezone

from danvan.core.errors import UserError
from danvan.core.uploads import UploadPurpose
from danvan.orgs.models import OrgUnit
from danvan.outputs import nd30
from danvan.outputs.xlsx import Workbook

from .consolidation import Figure, IndicatorValue, consolidate, indicators
from .models import ReportForm
from .narratives import compile_narratives, narratives_below
from .periods import period_for

TEMPLATE_MARK = "danvan-reporting-template"


def _fmt(value: Decimal | None) -> str:
    if value is None:
        return "—"
    text = f"{value:,.2f}".rstrip("0").rstrip(".") if value % 1 else f"{value:,.0f}"
    return text.replace(",", "·").replace(".", ",").replace("·", ".")


#: Frequency words a form's name may end with; the period's own title says it more precisely
#: («Báo cáo … hằng tháng» + «tháng 10/2026» would read «hằng tháng tháng 10/2026»).
_FREQUENCY_TAIL = re.compile(
    r"\s+(?:hằng|hàng|định kỳ)\s+(?:tháng|quý|năm)$|\s+định kỳ$", re.IGNORECASE
)


def report_subject(form: ReportForm, period_title: str) -> str:
    """The trích yếu of a consolidated report: the form's subject and the period, once each."""
    return f"{_FREQUENCY_TAIL.sub('', form.name.strip())} {period_title}".strip()


def consolidated_docx(form: ReportForm, period_code: str, unit: OrgUnit) -> bytes:
    """The consolidated report of ``unit`` laid out per Nghị định 30/2020/NĐ-CP (Phụ lục I).

    Agency block and «Số: …/BC-…» from the unit's own name, place-and-date line with the
    decree's zero padding, the title, the narratives of the units below per section, the figures
    as tables and a chart, Nơi nhận (the report's recipient and the unit's superior body) and
    the signing authority that fits the unit (:func:`danvan.outputs.nd30.signing_authority`).
    """
    from docx.shared import Mm

    period = period_for(form, period_code)
    figures = consolidate(form, period_code, unit)
    computed = indicators(form, figures)
    texts = narratives_below(form, period_code, unit)

    doc = nd30.new_document()
    superior, agency = nd30.agency_lines(unit)
    nd30.add_header(
        doc,
        superior=superior,
        agency=agency,
        number_line=f"Số:       /{nd30.symbol_of(unit, 'BC')}",
        place_date=nd30.date_line(nd30.place_of(unit), timezone.localdate()),
    )
    nd30.add_title(doc, "Báo cáo", report_subject(form, period.title))
    nd30.add_paragraph(
        doc,
        f"(Số liệu từ ngày {period.start:%d/%m/%Y} đến ngày {period.end:%d/%m/%Y})",
        italic=True,
    )
    if form.legal_basis:
        nd30.add_paragraph(doc, f"Thực hiện {form.legal_basis}, {unit.name} báo cáo như sau:")

    roman = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
    index = 0
    for form_section in form.sections.all():
        nd30.add_heading(doc, f"{roman[index % 10]}. {form_section.title.upper()}")
        index += 1
        entries = texts.get(form_section.code, [])
        if not entries:
            nd30.add_paragraph(doc, "(Chưa có nội dung từ các đơn vị được phê duyệt.)", italic=True)
        compiled = compile_narratives(entries)
        for letter, (group_title, group_texts) in zip("abcdefgh", compiled, strict=False):
            if len(compiled) > 1:
                nd30.add_paragraph(doc, f"{letter}) {group_title}", bold=True)
            for compiled_text in group_texts:
                paragraph = nd30.add_paragraph(doc, "")
                paragraph.add_run(f"{', '.join(compiled_text.units)}: ").bold = True
                paragraph.add_run(compiled_text.text)

    nd30.add_heading(doc, f"{roman[index % 10]}. SỐ LIỆU TỔNG HỢP")
    _figure_table(doc, list(figures.values()))
    if computed:
        nd30.add_paragraph(doc, "Các chỉ số", bold=True)
        table = doc.add_table(rows=1, cols=2)
        table.style = "Table Grid"
        table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Chỉ số", "Giá trị"
        for item in computed:
            row = table.add_row().cells
            row[0].text = item.name
            row[1].text = f"{_fmt(item.value)} {item.unit_label}".strip()
    chart = bar_chart_png([f for f in figures.values() if f.aggregation == "sum"])
    if chart:
        nd30.add_paragraph(
            doc, "Biểu đồ các chỉ tiêu cộng dồn (theo thứ tự trong bảng)", italic=True
        )
        doc.add_picture(io.BytesIO(chart), width=Mm(150))

    recipients = [f"{form.recipient.name};"] if form.recipient_id != unit.pk else []
    if unit.parent is not None and unit.parent_id != form.recipient_id:
        recipients.append(f"{unit.parent.short_name or unit.parent.name} (b/c);")
    recipients.append("Lưu: VT.")
    nd30.add_recipients_and_signature(
        doc, recipients=recipients, authority=nd30.signing_authority(unit)
    )
    return nd30.to_bytes(doc)


def _figure_table(doc: Any, figures: list[Figure]) -> None:
    from docx.shared import Pt

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
                    run.font.size = Pt(13)


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


AGGREGATION_WORDS = {"sum": "Tổng", "avg": "Trung bình", "min": "Nhỏ nhất", "max": "Lớn nhất"}


def consolidated_xlsx(form: ReportForm, period_code: str, unit: OrgUnit) -> bytes:
    """The consolidated figures and indicators, and each unit's approved values."""
    from .models import DataValue

    period = period_for(form, period_code)
    figures = consolidate(form, period_code, unit)
    computed: list[IndicatorValue] = indicators(form, figures)
    book = Workbook()
    sheet = book.sheet("Tổng hợp")
    sheet.row([f"{form.name} {period.title}"])
    sheet.row([unit.name])
    sheet.row()
    sheet.header(["Mã", "Chỉ tiêu", "Đơn vị tính", "Cách tổng hợp", "Giá trị", "Số đơn vị"])
    for f in figures.values():
        how = AGGREGATION_WORDS.get(f.aggregation, f.aggregation)
        sheet.row([f.code, f.name, f.unit_label, how, f.value, f.reported_by])
    sheet.row()
    for item in computed:
        sheet.row([item.code, item.name, item.unit_label, "Chỉ số", item.value])
    sheet.widths(12, 60, 14, 16, 14, 12)
    detail = book.sheet("Theo đơn vị")
    elements = list(form.elements.all())
    detail.header(["Đơn vị", *[e.code for e in elements]])
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
        detail.row([unit_name, *[by_element.get(e.pk) for e in elements]])
    return book.to_bytes()


def blank_template(form: ReportForm) -> bytes:
    """The Excel template of a form: one row per element, the value column left empty."""
    book = Workbook()
    sheet = book.sheet("Biểu mẫu")
    sheet.row([TEMPLATE_MARK, form.code, form.name])
    sheet.row(["Kỳ báo cáo (vd. 2026-03)", ""])
    sheet.header(["Mã", "Chỉ tiêu", "Nhóm", "Kiểu", "Giá trị", "Ghi chú"])
    for element in form.elements.all():
        sheet.row([element.code, element.name, element.group,
                   element.get_value_type_display(), None, None])  # fmt: skip
    sheet.widths(12, 60, 20, 14, 14, 40)
    return book.to_bytes()


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
