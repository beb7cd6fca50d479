"""Files of reporting: the consolidated report (.docx per Nghị định 30/2020/NĐ-CP), the figures
(.xlsx), the blank Excel template of a form and the import of a filled one."""

from __future__ import annotations

import io
import re
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from danvan.core.errors import UserError
from danvan.core.uploads import UploadPurpose
from danvan.orgs.models import OrgUnit
from danvan.outputs import charts, nd30
from danvan.outputs.xlsx import Workbook

from .consolidation import IndicatorValue, consolidate, indicators
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
#: The document's kind, which NĐ 30/2020 prints above the trích yếu («BÁO CÁO»): a form named
#: «Báo cáo công tác …» gives the abstract «Công tác …», not «BÁO CÁO / Báo cáo công tác …».
_KIND_HEAD = re.compile(r"^báo cáo\s+", re.IGNORECASE)


def _without_overlap(name: str, period_title: str) -> str:
    """``name`` without the words it ends with that the period's title begins with («… 6
    tháng» + «6 tháng đầu năm 2026»; «… quý» + «Quý III/2026»)."""
    words, head = name.split(), period_title.split()
    for size in range(min(len(words), len(head)), 0, -1):
        if [w.casefold() for w in words[-size:]] == [w.casefold() for w in head[:size]]:
            return " ".join(words[:-size])
    return name


def report_subject(form: ReportForm, period_title: str) -> str:
    """The trích yếu of a consolidated report: the form's subject and the period, once each,
    without the kind of document the title already prints."""
    name = _FREQUENCY_TAIL.sub("", form.name.strip())
    name = _without_overlap(_KIND_HEAD.sub("", name), period_title)
    if name:  # mid-phrase, a period reads «năm 2025», «quý III/2026», not «Năm 2025»
        period_title = period_title[:1].lower() + period_title[1:]
    subject = f"{name} {period_title}".strip()
    return subject[:1].upper() + subject[1:]


def consolidated_docx(form: ReportForm, period_code: str, unit: OrgUnit) -> bytes:
    """The consolidated report of ``unit`` laid out per Nghị định 30/2020/NĐ-CP (Phụ lục I).

    Rendered through the replaceable template of «reporting.consolidated»: agency block and
    «Số: …/BC-…» from the unit's own name, place-and-date line with the decree's zero padding,
    the title, the narratives of the units below compiled per section (one paragraph per
    distinct text, naming every unit that wrote it), the figures as a table — the ones that
    are zero or not reported summarised in one line — and a bar chart of them, Nơi nhận and the
    signing authority that fits the unit.
    """
    period = period_for(form, period_code)
    figures = list(consolidate(form, period_code, unit).values())
    computed = indicators(form, {f.code: f for f in figures})
    texts = narratives_below(form, period_code, unit)

    doc = nd30.for_unit(
        unit,
        purpose="reporting.consolidated",
        kind_word="Báo cáo",
        subject=report_subject(form, period.title),
        doc_type="BC",
        day=timezone.localdate(),
    )
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
        compiled = compile_narratives(texts.get(form_section.code, []))
        if not compiled:
            nd30.add_paragraph(doc, "(Chưa có nội dung từ các đơn vị được phê duyệt.)", italic=True)
        for letter, (group_title, group_texts) in zip("abcdefgh", compiled, strict=False):
            if len(compiled) > 1:
                nd30.add_paragraph(doc, f"{letter}) {group_title}", bold=True)
            for compiled_text in group_texts:
                paragraph = nd30.add_paragraph(doc, "")
                paragraph.add_run(f"{', '.join(compiled_text.units)}: ").bold = True
                paragraph.add_run(compiled_text.text)

    nd30.add_heading(doc, f"{roman[index % 10]}. SỐ LIỆU TỔNG HỢP")
    reported = [f for f in figures if f.value]
    if reported:
        nd30.add_table(
            doc,
            ["TT", "Chỉ tiêu", "Đơn vị tính", "Cách tổng hợp", "Số liệu"],
            [
                [n, f.name, f.unit_label, AGGREGATION_WORDS.get(f.aggregation, ""), _fmt(f.value)]
                for n, f in enumerate(reported, start=1)
            ],
            numeric=(0, 4),
        )
    empty = [f for f in figures if not f.value]
    if empty:
        names = "; ".join(f.name for f in empty)
        nd30.add_paragraph(doc, f"Các chỉ tiêu không phát sinh hoặc chưa có số liệu: {names}.")
    if computed:
        nd30.add_paragraph(doc, "Các chỉ số", bold=True)
        nd30.add_table(
            doc,
            ["Chỉ số", "Giá trị"],
            [[i.name, f"{_fmt(i.value)} {i.unit_label}".strip()] for i in computed],
            numeric=(1,),
        )
    summed = [f for f in reported if f.aggregation == "sum"]
    if summed:
        chart = charts.bar(
            "Các chỉ tiêu cộng dồn",
            [f.name for f in summed],
            {"Số liệu": [f.value for f in summed]},
            label_header="Chỉ tiêu",
        )
        image = charts.png(chart)
        if image:
            nd30.add_picture(doc, image, width_mm=160, caption=f"Biểu đồ: {chart.title}")

    nd30.add_recipients_and_signature(
        doc, recipients=report_recipients(form, unit), authority=nd30.signing_authority(unit)
    )
    return nd30.to_bytes(doc)


def report_recipients(form: ReportForm, unit: OrgUnit) -> list[str]:
    """Nơi nhận of a consolidated report, as the issuing unit addresses it.

    The form's recipient receives it — unless it is the unit itself or one of its own bodies
    (Sở Nội vụ drafting the province's report), which keeps a copy as the drafting body in the
    «Lưu» line (NĐ 30/2020, Phụ lục I, mục II.9: «Lưu: VT, đơn vị soạn thảo»). The superior body
    receives it for information («b/c»).
    """
    recipient = form.recipient
    own_body = recipient.pk == unit.pk or (
        recipient.path.startswith(unit.path) and recipient.path != unit.path
    )
    lines = [] if own_body else [f"{recipient.name};"]
    parent = unit.parent
    if parent is not None and parent.pk != recipient.pk and parent.kind != "country":
        lines.append(f"{parent.short_name or parent.name} (b/c);")
    keeper = "VT" if not own_body or recipient.pk == unit.pk else f"VT, {_abbreviation(recipient)}"
    lines.append(f"Lưu: {keeper}.")
    return lines


def _abbreviation(unit: OrgUnit) -> str:
    return nd30.symbol_of(unit, "X").split("-", 1)[1]


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
    noun=pgettext_lazy("upload", "Excel file"),
)


def read_template(form: ReportForm, data: bytes) -> tuple[str, dict[str, Any], dict[str, str]]:
    """(period code, values by code, comments by code) of a filled template of ``form``."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:
        raise UserError(_("The file is not a valid Excel workbook (.xlsx).")) from None
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    if not rows or not rows[0] or rows[0][0] != TEMPLATE_MARK:
        raise UserError(
            _(
                "The file is not an Excel form downloaded from Dân Vận (the identifying"
                " line is missing)."
            )
        )
    if len(rows[0]) < 2 or rows[0][1] != form.code:
        raise UserError(
            _("The file is the form «%(found)s», not the form «%(code)s» of this report.")
            % {"found": rows[0][1], "code": form.code}
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
            raise UserError(
                _("The line with code «%(code)s» is not in the form «%(name)s».")
                % {"code": code, "name": form.name}
            )
        value = row[4] if len(row) > 4 else None
        values[code] = "" if value is None else str(value)
        if len(row) > 5 and row[5]:
            comments[code] = str(row[5])
    return period, values, comments
