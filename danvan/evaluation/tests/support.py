"""A small evaluation scheme for tests, built through the services."""

from __future__ import annotations

import datetime as dt
from itertools import count
from typing import Any

from danvan.evaluation import services
from danvan.evaluation.models import Scheme
from danvan.orgs.models import OrgUnit
from danvan.plans.models import Plan, Task, TaskStatus

_n = count(1)

#: Communes only: NV (ratio, 10) + DTH (value, 10) + M (manual, 80) = 100.
GROUPS = [
    (
        "Nhiệm vụ",
        [
            (
                "NV",
                "Nhiệm vụ đúng hạn",
                10,
                "ratio",
                "plans.tasks_done_on_time",
                "plans.tasks_due",
                [[0, 0], [50, 5], [100, 10]],
                10,
                "",
                "standard",
            ),
            (
                "DTH",
                "Đối thoại",
                10,
                "value",
                "dialogues.held",
                "",
                [[1, 5], [2, 10]],
                None,
                "",
                "standard",
            ),
        ],
    ),
    (
        "Khác",
        [
            ("M", "Công tác dân vận", 80, "manual", "", "", [], None, "", "standard"),
            ("THUONG", "Điểm thưởng", 5, "manual", "", "", [], None, "", "bonus"),
        ],
    ),
]
BANDS = [(1, "Xuất sắc", 90), (2, "Tốt", 80), (3, "Khá", 65), (4, "Trung bình", 50), (5, "Yếu", 0)]
CAPS = [("NV", 5, "Khá", "Không xếp loại Tốt nếu nhiệm vụ đúng hạn dưới 50%.")]


def make_scheme(actor: Any, province: OrgUnit, year: int = 2025, **kw: Any) -> Scheme:
    return services.create_scheme(
        province,
        year,
        title="Đánh giá công tác dân vận",
        basis="QĐ thử/2025",
        groups=kw.pop("groups", GROUPS),
        bands=BANDS,
        caps=kw.pop("caps", CAPS),
        unit_kinds="commune",
        **kw,
        actor=actor,
    )


def make_task(unit: OrgUnit, due_on: dt.date, completed_on: dt.date | None) -> Task:
    plan = Plan.objects.create(
        owner=unit, title=f"Kế hoạch {next(_n)}", year_from=due_on.year, year_to=due_on.year
    )
    return Task.objects.create(
        plan=plan,
        title="Nhiệm vụ",
        lead_unit=unit,
        due_on=due_on,
        status=TaskStatus.DONE if completed_on else TaskStatus.IN_PROGRESS,
        completed_on=completed_on,
    )
