"""The demo plan: Cao Bằng's 512/KH-UBND as a plan, cascaded to its departments and communes.

Called by ``danvan demo`` after the demo documents are imported. Deterministic (seeded random,
fixed demo day 22/11/2026) and idempotent: when the plan issued by 512/KH-UBND exists, it
returns after one query.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction

from danvan.core.audit import SYSTEM
from danvan.documents.models import Document
from danvan.orgs.models import OrgUnit
from danvan.outputs.nd30 import symbol_of

from .importing import create_from_proposal, propose
from .models import ImplementationObligation, Plan, Task, TaskStatus
from .services import add_budget_line, add_task, create_plan, record_target_progress, update_task

DEMO_TODAY = dt.date(2026, 11, 22)
PROVINCE_PLAN_NUMBER = "512/KH-UBND"
SEED = 512
# Units whose own plan is one of the demo documents (key → number of that document).
OWN_DOCUMENTS = {"p04.so-noi-vu": "45/KH-SNV", "w01273": "18/KH-UBND"}
COMMUNE_TASKS = (
    "Tổ chức quán triệt Kế hoạch đến cán bộ, công chức",
    "Tổ chức đối thoại giữa người đứng đầu với Nhân dân",
    'Xây dựng mô hình "Dân vận khéo"',
)


def seed_plans_demo(today: dt.date = DEMO_TODAY) -> Plan | None:
    """Create the demo plan and its cascade once; later calls return the existing plan."""
    document = Document.objects.filter(number=PROVINCE_PLAN_NUMBER, owner__key="p04").first()
    if document is None:
        return None
    existing = Plan.objects.filter(issued_document=document).first()
    if existing is not None:
        return existing
    rng = random.Random(SEED)
    with transaction.atomic():
        proposal = propose(document)
        plan = create_from_proposal(
            document,
            plan=proposal.plan,
            tasks=proposal.tasks,
            targets=proposal.targets,
            reporting=proposal.reporting,
            cascade=proposal.cascade,
            legal_basis=proposal.legal_basis,
            actor=SYSTEM,
        )
        add_budget_line(
            plan,
            item="Tổ chức các lớp tập huấn kỹ năng công tác dân vận",
            amount=60_000_000,
            source="Ngân sách tỉnh",
            actor=SYSTEM,
        )
        add_budget_line(
            plan,
            item='Tuyên truyền, biểu dương mô hình "Dân vận khéo"',
            amount=40_000_000,
            source="Ngân sách tỉnh",
            actor=SYSTEM,
        )
        _progress_province_tasks(plan, rng, today)
        _sub_plans(plan, rng, today)
        for target in plan.targets.all():
            if target.value:
                record_target_progress(
                    target,
                    achieved=round(float(target.value) * rng.uniform(0.4, 0.95)),
                    actor=SYSTEM,
                )
    return plan


def _progress_province_tasks(plan: Plan, rng: random.Random, today: dt.date) -> None:
    for task in Task.objects.filter(plan=plan).leaves().order_by("position", "id"):
        roll = rng.random()
        if roll < 0.45:
            update_task(
                task,
                version=task.version,
                status=TaskStatus.DONE,
                evidence="Đã hoàn thành, có báo cáo kết quả.",
                today=today,
                actor=SYSTEM,
            )
        elif roll < 0.85:
            update_task(
                task,
                version=task.version,
                percent=rng.choice([20, 40, 60, 75]),
                evidence="Đang triển khai.",
                today=today,
                actor=SYSTEM,
            )


def _sub_plans(plan: Plan, rng: random.Random, today: dt.date) -> None:
    """A realistic mix: most units issue on time, some late, some not at all."""
    own_docs = {
        key: Document.objects.filter(number=number, owner__key=key).first()
        for key, number in OWN_DOCUMENTS.items()
    }
    obligations = (
        ImplementationObligation.objects.filter(plan=plan)
        .select_related("holder")
        .order_by("holder__path")
    )
    for obligation in obligations:
        unit: OrgUnit = obligation.holder
        document = own_docs.get(unit.key)
        roll = rng.random()
        if document is not None and document.issued_on:
            issued_on = document.issued_on
        elif roll < 0.62:
            issued_on = obligation.due_on - dt.timedelta(days=rng.randint(0, 30))
        elif roll < 0.82:
            issued_on = obligation.due_on + dt.timedelta(days=rng.randint(3, 60))
        else:
            continue  # missing
        # «Số: 27/KH-SNV»: the number symbol from the unit's own name (NĐ 30/2020, Phụ lục I).
        number = document.number if document else f"{rng.randint(10, 99)}/{symbol_of(unit)}"
        child = create_plan(
            owner=unit,
            title="Thực hiện công tác dân vận chính quyền năm 2026",
            number=number,
            year_from=plan.year_from,
            parent=plan,
            purpose=plan.purpose,
            requirements=plan.requirements,
            issued_on=issued_on,
            issued_document=document,
            actor=SYSTEM,
        )
        for i, title in enumerate(COMMUNE_TASKS):
            due = dt.date(plan.year_from, rng.choice([3, 6, 9, 11, 12]), rng.choice([15, 28]))
            task = add_task(
                child, title=title, lead_unit=unit, due_on=due, weight=i + 1, actor=SYSTEM
            )
            roll = rng.random()
            if roll < 0.4:
                update_task(
                    task,
                    version=task.version,
                    status=TaskStatus.DONE,
                    evidence="Đã thực hiện.",
                    today=today,
                    actor=SYSTEM,
                )
            elif roll < 0.8:
                update_task(
                    task,
                    version=task.version,
                    percent=rng.choice([10, 30, 50, 80]),
                    today=today,
                    actor=SYSTEM,
                )
