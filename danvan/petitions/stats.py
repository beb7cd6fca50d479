"""Statistics of petitions by kind, source, state and timeliness, per unit and period; .xlsx."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q

from danvan.core.obligations import overdue_filter
from danvan.outputs.xlsx import Workbook

from .casework.confidentiality import public_name
from .models import FINISHED_STATES, Petition, PetitionKind, PetitionSource, PetitionState


@dataclass
class Statistics:
    total: int = 0
    by_kind: list[tuple[str, int]] = field(default_factory=list)
    by_source: list[tuple[str, int]] = field(default_factory=list)
    by_state: list[tuple[str, int]] = field(default_factory=list)
    by_unit: list[dict[str, Any]] = field(default_factory=list)
    rows: list[Petition] = field(default_factory=list)


def compute_statistics(user: Any, start: dt.date, end: dt.date, today: dt.date) -> Statistics:
    qs = Petition.objects.visible_to(user).filter(received_on__gte=start, received_on__lte=end)
    # One pass for the total and the three breakdowns (a year of the country's petitions is
    # ≈ 500,000 rows: four passes took 0.9 s).
    combos = list(qs.order_by().values_list("kind", "source", "state").annotate(n=Count("pk")))
    stats = Statistics(total=sum(n for *_key, n in combos))
    position = {"kind": 0, "source": 1, "state": 2}

    def grouped(field_name: str, choices: Any) -> list[tuple[str, int]]:
        counts: dict[str, int] = {}
        for row in combos:
            value = row[position[field_name]]
            counts[value] = counts.get(value, 0) + row[3]
        labels = dict(choices)
        result = [(str(labels[v]), counts.get(v, 0)) for v in labels]
        if counts.get(""):
            result.append(("Chưa phân loại", counts[""]))
        return result

    stats.by_kind = grouped("kind", PetitionKind.choices)
    stats.by_source = grouped("source", PetitionSource.choices)
    stats.by_state = grouped("state", PetitionState.choices)
    finished = Q(state__in=FINISHED_STATES)
    units = (
        qs.values("handling_unit_id", "handling_unit__name")
        .annotate(
            total=Count("pk"),
            done=Count("pk", filter=finished),
            open_on_time=Count(
                "pk", filter=~finished & (Q(due_on__gte=today) | Q(due_on__isnull=True))
            ),
            overdue=Count("pk", filter=overdue_filter(Petition, today)),
        )
        .order_by("handling_unit__name")
    )
    stats.by_unit = [dict(u) for u in units]
    return stats


def statistics_workbook(stats: Statistics, start: dt.date, end: dt.date, rows: Any = None) -> bytes:
    """The statistics as an .xlsx workbook (no petitioner identity of denunciations)."""
    book = Workbook()
    summary = book.sheet("Tổng hợp")
    summary.row([f"Thống kê đơn từ {start:%d/%m/%Y} đến {end:%d/%m/%Y}"], bold=True)
    summary.row(["Tổng số đơn", stats.total])
    for title, data in (
        ("Theo loại đơn", stats.by_kind),
        ("Theo nguồn đơn", stats.by_source),
        ("Theo trạng thái", stats.by_state),
    ):
        summary.row()
        summary.row([title], bold=True)
        summary.rows([label, n] for label, n in data)
    summary.widths(40, 14)
    units = book.sheet("Theo đơn vị")
    units.header(["Đơn vị", "Tổng", "Đã xong", "Đang xử lý trong hạn", "Quá hạn"])
    units.rows(
        [u["handling_unit__name"], u["total"], u["done"], u["open_on_time"], u["overdue"]]
        for u in stats.by_unit
    )
    units.widths(40, 10, 10, 22, 10)
    if rows is not None:
        listing = book.sheet("Danh sách đơn")
        listing.header(["Mã", "Ngày nhận", "Loại", "Người gửi", "Tóm tắt", "Trạng thái", "Hạn"])
        listing.rows(
            [
                p.tracking_code,
                p.received_on,
                p.get_kind_display(),
                public_name(p),
                p.title,
                p.get_state_display(),
                p.due_on,
            ]
            for p in rows
        )
        listing.widths(12, 12, 24, 24, 60, 20, 12)
    return book.to_bytes()
