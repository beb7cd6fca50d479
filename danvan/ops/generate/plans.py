"""Plans: the 2026 national plan cascaded to every commune, and every unit's yearly plans.

* The Ministry of Home Affairs' plan «01/KH-BNV» obliges every commune to issue its own plan by
  31/03/2026 (60 % on time, 20 % late, 20 % missing); each province implements it with a plan
  of its own that obliges its departments and communes by 28/02/2026, with ten tasks and four
  targets; four communes in five issued their plan, with five tasks each.
* Each commune and department has a yearly plan for each year of the scale, whose tasks make the
  total of the size (500,000 national): due through the year, the past ones 70 % done on time,
  15 % done late, 15 % still open (overdue); the future ones partly done.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from .base import Context, bulk_write, part

NATIONAL_KEY = "vn.bo-noi-vu"
NATIONAL_NUMBER = "01/KH-BNV"
TITLE = "Thực hiện công tác dân vận chính quyền năm 2026"
#: The day generated states are relative to (what is overdue, what is done), fixed so that the
#: same seed gives the same rows whenever it runs.
REFERENCE_DAY = dt.date(2026, 11, 22)

TASK_TITLES = [
    "Tổ chức hội nghị đối thoại với Nhân dân",
    "Tuyên truyền, phổ biến pháp luật về thực hiện dân chủ ở cơ sở",
    "Kiện toàn Ban Chỉ đạo công tác dân vận",
    "Sơ kết phong trào thi đua «Dân vận khéo»",
    "Tiếp công dân định kỳ của Chủ tịch UBND",
    "Công khai thủ tục hành chính tại bộ phận một cửa",
    "Khảo sát sự hài lòng của người dân",
    "Rà soát, giải quyết kiến nghị của cử tri",
    "Tập huấn kỹ năng dân vận cho cán bộ, công chức",
    "Báo cáo kết quả thực hiện quy chế dân chủ",
]


def _submitted(rng: random.Random, due: dt.date) -> dt.date | None:
    roll = rng.random()
    if roll < 0.6:
        return due - dt.timedelta(days=rng.randint(0, 30))
    if roll < 0.8:
        return due + dt.timedelta(days=rng.randint(1, 60))
    return None


def _task(rng: random.Random, plan_id: int, lead_id: int, i: int, due: dt.date) -> Any:
    from danvan.plans.models import Task

    roll = rng.random()
    completed: dt.date | None = None
    if due < REFERENCE_DAY:
        if roll < 0.7:
            status, percent, completed = "done", 100, due - dt.timedelta(days=rng.randint(0, 10))
        elif roll < 0.85:
            status, percent, completed = "done", 100, due + dt.timedelta(days=rng.randint(1, 20))
        else:
            status, percent = "in_progress", rng.choice([20, 50, 80])
    elif roll < 0.3:
        status, percent = "done", 100
        completed = REFERENCE_DAY - dt.timedelta(days=rng.randint(1, 60))
    elif roll < 0.7:
        status, percent = "in_progress", rng.choice([0, 20, 50, 80])
    else:
        status, percent = "not_started", 0
    return Task(
        plan_id=plan_id, title=TASK_TITLES[(i + rng.randrange(3)) % len(TASK_TITLES)],
        lead_unit_id=lead_id, position=i + 1, due_on=due, status=status, percent=percent,
        completed_on=completed,
    )  # fmt: skip


def _tasks_per_yearly_plan(ctx: Context) -> int:
    """Tasks of each yearly plan, so that all tasks together make the size's total."""
    communes = len(ctx.communes())
    provinces = len(ctx.provinces())
    departments = len(ctx.departments())
    cascade = 10 * provinces + round(5 * 0.8 * communes)
    plans = (communes + departments) * len(ctx.size.years)
    return max(1, round((ctx.size.tasks - cascade) / max(plans, 1)))


@part("plans")
def generate(ctx: Context) -> None:
    """the national plan's cascade, yearly plans and their tasks"""
    from danvan.core.audit import SYSTEM
    from danvan.orgs.models import OrgUnit, OrgUnitKind
    from danvan.orgs.services import create_unit
    from danvan.plans.models import ImplementationObligation, Plan

    done = ctx.finished_chunks()
    if "national" not in done:
        with ctx.chunk("national") as written:
            ministry = OrgUnit.objects.filter(key=NATIONAL_KEY).first() or create_unit(
                name="Bộ Nội vụ", short_name="Bộ Nội vụ", kind=OrgUnitKind.DEPARTMENT,
                key=NATIONAL_KEY, actor=SYSTEM,
            )  # fmt: skip
            national = Plan.objects.create(
                owner=ministry, number=NATIONAL_NUMBER, year_from=2026, year_to=2026,
                title=TITLE, status="issued", issued_on=dt.date(2026, 1, 10),
            )  # fmt: skip
            rng = ctx.rng("national")
            due = dt.date(2026, 3, 31)
            written[0] += 1 + bulk_write(
                ImplementationObligation,
                (
                    ImplementationObligation(
                        plan_id=national.pk,
                        unit_id=c.pk,
                        holder_id=c.pk,
                        due_on=due,
                        submitted_on=_submitted(rng, due),
                    )  # fmt: skip
                    for c in ctx.communes()
                ),
            )
    national = Plan.objects.get(owner__key=NATIONAL_KEY, number=NATIONAL_NUMBER)
    per_plan = _tasks_per_yearly_plan(ctx)
    provinces = ctx.provinces()
    progress = ctx.progress("provinces", len(provinces))
    for province in provinces:
        if province.key in done:
            progress.advance()
            continue
        rng = ctx.rng(province.key)
        with ctx.chunk(province.key) as written:
            written[0] += _province(ctx, rng, national, province, per_plan)
        progress.advance()


def _province(ctx: Context, rng: random.Random, national: Any, province: Any, per_plan: int) -> int:
    from danvan.plans.models import ImplementationObligation, Plan, Target

    written = 0
    plan = Plan.objects.create(
        owner=province, parent=national, number=f"{province.code}/KH-UBND", year_from=2026,
        year_to=2026, status="issued", issued_on=dt.date(2026, 1, 20), title=TITLE,
    )  # fmt: skip
    communes = ctx.communes(province)
    departments = ctx.departments(province)
    due = dt.date(2026, 2, 28)
    written += 1 + bulk_write(
        ImplementationObligation,
        (
            ImplementationObligation(
                plan_id=plan.pk,
                unit_id=u.pk,
                holder_id=u.pk,
                due_on=due,
                submitted_on=_submitted(rng, due),
            )  # fmt: skip
            for u in [*departments, *communes]
        ),
    )
    tasks = [
        _task(rng, plan.pk, (departments[i % len(departments)] if departments else province).pk, i,
              dt.date(2026, rng.randint(2, 12), rng.choice([15, 28])))
        for i in range(10)
    ]  # fmt: skip
    written += bulk_write(
        Target,
        (
            Target(
                plan_id=plan.pk,
                text=f"Chỉ tiêu {i + 1}",
                value=100,
                unit_label="%",
                achieved=rng.randint(20, 100),
                position=i,
            )  # fmt: skip
            for i in range(4)
        ),
    )
    issuing = [c for c in communes if rng.random() >= 0.2]
    children = Plan.objects.bulk_create(
        [
            Plan(
                owner=c,
                parent=plan,
                year_from=2026,
                year_to=2026,
                status="issued",
                issued_on=dt.date(2026, 2, 20),
                title=TITLE,
            )  # fmt: skip
            for c in issuing
        ]
    )
    written += len(children)
    for child in children:
        tasks += [
            _task(
                rng,
                child.pk,
                child.owner_id,
                i,
                dt.date(2026, rng.randint(2, 12), rng.choice([15, 28])),
            )  # fmt: skip
            for i in range(5)
        ]
    yearly = Plan.objects.bulk_create(
        [
            Plan(
                owner=u,
                year_from=year,
                year_to=year,
                status="issued",
                issued_on=dt.date(year, 1, 15),
                title=f"Kế hoạch công tác dân vận chính quyền năm {year}",
            )  # fmt: skip
            for u in [*communes, *departments]
            for year in ctx.size.years
        ],
        batch_size=2000,
    )
    written += len(yearly)
    for p in yearly:
        for i in range(per_plan):
            month = 1 + (i * 12) // per_plan
            tasks.append(
                _task(rng, p.pk, p.owner_id, i, dt.date(p.year_from, month, rng.choice([15, 28])))
            )
    written += bulk_write(type(tasks[0]), tasks) if tasks else 0
    return written
