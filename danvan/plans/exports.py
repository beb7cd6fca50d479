"""Files made from plans: a unit's draft implementing plan; a plan's task status (.docx, .xlsx)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.db.models import Q
from django.utils import timezone

from danvan.core.text import fold
from danvan.orgs.models import OrgUnit, OrgUnitKind
from danvan.outputs import nd30
from danvan.outputs.xlsx import XLSX_MIME, Workbook

from .models import Plan, ReportingPeriod, Target, Task, TaskState
from .money import format_vnd
from .services import budget_total, plan_progress, task_tree

KIND_WORDS = {"plan": "Kế hoạch", "scheme": "Đề án", "programme": "Chương trình"}
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]


def _d(day: dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def _issuer_phrase(plan: Plan) -> str:
    return plan.owner.name


def basis_sentence(plan: Plan) -> str:
    """The basis line of an implementing plan.

    "Thực hiện Kế hoạch số 512/KH-UBND ngày 20/01/2026 của Ủy ban nhân dân tỉnh Cao Bằng về …".
    """
    kind_vi = KIND_WORDS.get(plan.kind, "Kế hoạch")
    parts = [f"Thực hiện {kind_vi}"]
    if plan.number:
        parts.append(f"số {plan.number}")
    if plan.issued_on:
        parts.append(f"ngày {_d(plan.issued_on)}")
    parts.append(f"của {_issuer_phrase(plan)}")
    title = plan.title[0].lower() + plan.title[1:] if plan.title else ""
    return " ".join(parts) + (f" về {title}" if title else "")


def tasks_for_unit(plan: Plan, unit: OrgUnit) -> list[Task]:
    """The plan's tasks that concern ``unit``: led or supported by it, or addressed to all."""
    qs = (
        Task.objects.filter(plan=plan)
        .leaves()
        .filter(Q(lead_unit=unit) | Q(supporting_units=unit) | Q(lead_unit__isnull=True))
        .select_related("parent", "lead_unit")
        .distinct()
        .order_by("parent__position", "position", "id")
    )
    return list(qs)


#: How a heading of a parent plan that names who does the work begins (the «Tổ chức thực hiện»
#: groups: «Sở Nội vụ», «Ủy ban nhân dân các xã» …), folded. A unit's own plan does not repeat
#: them: what it was given becomes its own content.
UNIT_HEADING_WORDS = (
    "uy ban nhan dan",
    "ubnd",
    "so ",
    "cac so",
    "cac co quan",
    "cac don vi",
    "cac xa",
    "ban ",
    "cong an",
    "mat tran",
    "uy ban mat tran",
    "van phong",
)

#: Words by which a target of the parent plan addresses every unit of a kind («100% xã …»).
TARGET_KIND_WORDS = {
    OrgUnitKind.COMMUNE: ("xa", "phuong", "dac khu", "cap xa"),
    OrgUnitKind.DEPARTMENT: ("so", "ban, nganh", "co quan", "don vi"),
}


def is_unit_heading(title: str) -> bool:
    return fold(title or "").strip().startswith(UNIT_HEADING_WORDS)


def targets_for_unit(plan: Plan, unit: OrgUnit) -> list[Target]:
    """The parent's targets a unit takes into its own plan: those set as a share of every unit
    of its kind («100% xã tổ chức đối thoại …»). A count the parent itself delivers («Tổ chức
    03 lớp tập huấn cho công chức cấp xã») stays in the parent's plan."""
    words = TARGET_KIND_WORDS.get(OrgUnitKind(unit.kind), ())
    chosen = []
    for target in plan.targets.all():
        folded = fold(target.text)
        share = target.unit_label.strip() == "%" or "%" in target.text
        if share and any(re.search(rf"\b{re.escape(w)}\b", folded) for w in words):
            chosen.append(target)
    return chosen


def _bullets(text: str) -> list[str]:
    return [
        line.strip().lstrip("-–• ").strip() for line in (text or "").splitlines() if line.strip()
    ]


def implementing_plan_draft(parent: Plan, unit: OrgUnit, due_on: dt.date | None = None) -> bytes:
    """A .docx draft of ``unit``'s plan implementing ``parent``, laid out per NĐ 30/2020.

    Only what the parent gives ``unit`` goes in: its tasks (led, supported, or for every unit),
    the targets set for every unit of its kind, and no note for the drafter in the body (the
    deadline ``due_on`` is on the obligation's page, not in a document meant to be signed).
    """
    # The unit's own plan is a kế hoạch; undated: the signer dates it when it is issued.
    doc = nd30.for_unit(
        unit, purpose="plans.draft", kind_word="Kế hoạch", subject=parent.title, doc_type="KH"
    )
    basis = basis_sentence(parent)
    nd30.add_paragraph(doc, f"{basis}, {unit.name} ban hành Kế hoạch thực hiện như sau:")
    n = 0
    nd30.add_heading(doc, f"{ROMAN[n]}. MỤC ĐÍCH, YÊU CẦU")
    nd30.add_heading(doc, "1. Mục đích")
    for line in _bullets(parent.purpose) or [
        "Triển khai kịp thời, đầy đủ các nhiệm vụ được giao tại Kế hoạch của cấp trên."
    ]:
        nd30.add_paragraph(doc, f"- {line}")
    nd30.add_heading(doc, "2. Yêu cầu")
    for line in _bullets(parent.requirements) or [
        "Phân công rõ trách nhiệm, thời hạn hoàn thành; thường xuyên theo dõi, đôn đốc."
    ]:
        nd30.add_paragraph(doc, f"- {line}")
    n += 1
    nd30.add_heading(doc, f"{ROMAN[n]}. NỘI DUNG, NHIỆM VỤ")
    group_no = 0
    current_group: int | None = -1
    for task in tasks_for_unit(parent, unit):
        if task.parent_id != current_group:
            current_group = task.parent_id
            if task.parent is not None and not is_unit_heading(task.parent.title):
                group_no += 1
                nd30.add_heading(doc, f"{group_no}. {task.parent.title}")
        line = f"- {task.title}"
        if task.recurrence:
            line += f" ({task.recurrence_label})"
        elif task.due_on:
            line += f" (hoàn thành trước ngày {_d(task.due_on)})"
        nd30.add_paragraph(doc, line)
    targets = targets_for_unit(parent, unit)
    if targets:
        n += 1
        nd30.add_heading(doc, f"{ROMAN[n]}. CHỈ TIÊU")
        for i, target in enumerate(targets, 1):
            nd30.add_paragraph(doc, f"{i}. {target.text}")
    n += 1
    nd30.add_heading(doc, f"{ROMAN[n]}. TỔ CHỨC THỰC HIỆN")
    nd30.add_paragraph(
        doc,
        "1. Các cơ quan, bộ phận chuyên môn căn cứ nhiệm vụ được giao chủ động triển khai thực "
        "hiện Kế hoạch này; định kỳ báo cáo kết quả về bộ phận theo dõi công tác dân vận.",
    )
    reports = list(parent.reporting.all())
    report_text = "; ".join(
        f"{str(ReportingPeriod(r.period).label).lower()}"
        + (f" trước ngày {r.due_day}/{r.due_month}" if r.due_day and r.due_month else "")
        for r in reports
    )
    nd30.add_paragraph(
        doc,
        f"2. Tổng hợp kết quả thực hiện, báo cáo {parent.owner.name}"
        + (f" ({report_text})" if report_text else "")
        + " theo quy định.",
    )
    authority = nd30.signing_authority(unit)
    nd30.add_recipients_and_signature(
        doc,
        recipients=[
            f"{parent.owner.short_name or parent.owner.name} (b/c);",
            "Lãnh đạo đơn vị;",
            "Lưu: VT.",
        ],
        authority=authority,
    )
    return nd30.to_bytes(doc)


def plan_status_docx(plan: Plan, today: dt.date | None = None) -> bytes:
    """The plan with each task's status and progress, as a report table (landscape A4)."""
    day = today or timezone.localdate()
    doc = nd30.for_unit(
        plan.owner,
        purpose="plans.status",
        kind_word="Tình hình thực hiện",
        subject=f"{plan} – {plan.title}",
        doc_type="BC",
        day=day,
        numbered=False,
        landscape=True,
    )
    nd30.add_paragraph(doc, f"Tiến độ chung: {plan_progress(plan)}% (số liệu đến ngày {_d(day)}).")
    headers = ["STT", "Nhiệm vụ", "Đơn vị chủ trì", "Hạn", "Trạng thái", "Tiến độ (%)"]
    nd30.add_table(doc, headers, _status_rows(plan, day), numeric=(5,))
    total = budget_total(plan)
    if total.amount:
        nd30.add_paragraph(doc, total.printed)
    return nd30.to_bytes(doc)


def _status_rows(plan: Plan, day: dt.date) -> list[list[Any]]:
    rows: list[list[Any]] = []
    counters: list[int] = []
    for task, depth in task_tree(plan, day):
        counters = counters[: depth + 1]
        while len(counters) <= depth:
            counters.append(0)
        counters[depth] += 1
        number = ".".join(str(c) for c in counters)
        due = task.recurrence_label if task.recurrence else _d(task.due_on)
        rows.append(
            [
                number,
                ("    " * depth) + task.title,
                task.lead_unit.display_name if task.lead_unit else "",
                due,
                str(TaskState(task.state).label),
                task.percent,
            ]
        )
    return rows


def plan_status_xlsx(plan: Plan, today: dt.date | None = None) -> bytes:
    day = today or timezone.localdate()
    book = Workbook()
    tasks = book.sheet("Nhiệm vụ")
    tasks.row([f"{plan} – {plan.title}"])
    tasks.row(
        [
            f"Đơn vị: {plan.owner.name}; số liệu đến ngày {_d(day)}; "
            f"tiến độ chung {plan_progress(plan)}%"
        ]
    )
    tasks.row()
    tasks.header(["STT", "Nhiệm vụ", "Đơn vị chủ trì", "Hạn", "Trạng thái", "Tiến độ (%)"])
    for row in _status_rows(plan, day):
        row[1] = row[1].strip()
        tasks.row(row)
    tasks.widths(8, 70, 30, 22, 16, 12)
    tasks.wrap(2, first_row=5)
    targets = book.sheet("Chỉ tiêu")
    targets.header(["Chỉ tiêu", "Giá trị", "Đơn vị tính", "Đạt được", "Tỷ lệ (%)"])
    for t in plan.targets.all():
        targets.row([t.text, t.value or 0, t.unit_label, t.achieved, t.progress])
    budget = book.sheet("Kinh phí")
    budget.header(["Nội dung", "Số tiền (đồng)", "Nguồn"])
    for line in plan.budget_lines.all():
        budget.row([line.item, line.amount, line.source])
    total = budget_total(plan)
    budget.row(["Tổng cộng", total.amount, ""], bold=True)
    budget.row([f"Bằng chữ: {total.words}"])
    return book.to_bytes()


__all__ = [
    "XLSX_MIME",
    "basis_sentence",
    "format_vnd",
    "implementing_plan_draft",
    "plan_status_docx",
    "plan_status_xlsx",
    "tasks_for_unit",
]
