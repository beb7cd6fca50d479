"""The registry of models and the per-unit counts as .xlsx (outputs.xlsx: no live formulas)."""

from __future__ import annotations

from django.db.models import QuerySet

from danvan.orgs.models import OrgUnit
from danvan.outputs.xlsx import Workbook

from .counts import unit_counts
from .models import Exemplar


def registry_xlsx(models: QuerySet[Exemplar], root: OrgUnit, year: int) -> bytes:
    book = Workbook()
    sheet = book.sheet("Danh sách mô hình")
    sheet.header(["Đơn vị", "Tên mô hình", "Loại", "Lĩnh vực", "Cấp", "Ngày bắt đầu",
                  "Nhân rộng từ", "Khen thưởng"])  # fmt: skip
    for e in models.select_related("unit", "replicates").prefetch_related("commendations"):
        sheet.row([
            e.unit.name, e.title, e.get_kind_display(), e.get_field_display(),
            e.get_level_display(), e.started_on, e.replicates.title if e.replicates else "",
            "; ".join(f"{c.form} ({c.decision_number})" for c in e.commendations.all()),
        ])  # fmt: skip
    sheet.widths(30, 45, 16, 24, 12, 14, 35, 35)
    counts = book.sheet(f"Mô hình mới năm {year}")
    counts.row(
        [f"{root.name} — mô hình mới năm {year} (chỉ tiêu ít nhất 1 mô hình/năm)"], bold=True
    )
    counts.header(["Đơn vị", "Số mô hình mới", "Đạt chỉ tiêu"])
    counts.rows(
        [r.unit.name, r.new, "Đạt" if r.meets else "Chưa đạt"] for r in unit_counts(root, year)
    )
    counts.widths(45, 16, 14)
    return book.to_bytes()
