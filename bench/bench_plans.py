"""Plans at national scale on PostgreSQL: compliance of all communes, a unit dashboard.

Data (generated once, reused when present) in its own database ``dv_bench_plans``: every unit
of the 34 provinces (the orgs loader), a national plan of the Ministry of Home Affairs
cascaded to all 3,321 communes, one plan per province implementing it and cascaded to the
province's departments and communes, and for each commune that issued its plan five tasks
with progress (≈ 13,000 tasks). Obligations are 60 % on time, 20 % late, 20 % missing.

Measured (goal < 200 ms each): the compliance of one plan for all 3,321 communes (totals,
the by-province level and the list of every commune with its state), the same page rendered
over HTTP, and the plans dashboard of the largest province (service and page).

At the smaller scales (``BENCH_SCALE``, see scales.py) only one province's units are loaded
(``dv_bench_<scale>_plans``), with the same plans, cascade and tasks over them. The HTTP pages are
compared with ``/healthz`` through the same client (the cost of the request path itself).

Run: ``.venv/bin/python bench/bench_plans.py`` (BENCH_PG_URL overrides the server URL).
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import results  # noqa: E402
import scales  # noqa: E402

DB_NAME = scales.use_postgres("plans")
scales.temporary_var_dir()
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
os.environ.setdefault("LOG_LEVEL", "WARNING")
RUNS = 30
TODAY = dt.date(2026, 11, 22)
NATIONAL_KEY = "vn.bo-noi-vu"


import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import Count  # noqa: E402

from danvan.core.audit import SYSTEM  # noqa: E402
from danvan.orgs.loading import all_provinces, find_province, load_divisions  # noqa: E402
from danvan.orgs.models import OrgUnit, OrgUnitKind  # noqa: E402
from danvan.orgs.services import create_unit  # noqa: E402
from danvan.plans.cascade import compliance, unit_rows  # noqa: E402
from danvan.plans.dashboard import unit_dashboard  # noqa: E402
from danvan.plans.models import (  # noqa: E402
    ImplementationObligation,
    Plan,
    PlanStatus,
    Target,
    Task,
    TaskStatus,
)


@dataclass
class Timing:
    median: float
    p95: float


def timed(label: str, fn: Callable[[], object], goal_ms: float | None = 200) -> Timing:
    fn()  # warm-up
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        fn()
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    p95 = timings[int(len(timings) * 0.95) - 1]
    median = statistics.median(timings)
    if goal_ms is None:
        print(f"{label}: median {median:.1f} ms, p95 {p95:.1f} ms")
    else:
        verdict = "ok" if p95 < goal_ms else "OVER GOAL"
        print(
            f"{label}: median {median:.1f} ms, p95 {p95:.1f} ms (goal < {goal_ms:.0f} ms) {verdict}"
        )
    return Timing(median, p95)


def write(
    name: str, timing: Timing, rows: int, reference: tuple[str, Timing] | None = None
) -> None:
    """The median and p95 of one measurement (goal on the p95), with the reference's same
    statistic when there is one."""
    database = f"postgresql:{DB_NAME}"
    for stat, goal in (("median", None), ("p95", "< 200 ms")):
        results.record(
            f"plans.{name}.{stat}", getattr(timing, stat), "ms", database=database, rows=rows,
            reference=f"{reference[0]} ({stat})" if reference else None,
            reference_value=getattr(reference[1], stat) if reference else None, goal=goal,
        )  # fmt: skip


def _submitted(rng: random.Random, due: dt.date) -> dt.date | None:
    roll = rng.random()
    if roll < 0.6:
        return due - dt.timedelta(days=rng.randint(0, 30))
    if roll < 0.8:
        return due + dt.timedelta(days=rng.randint(1, 60))
    return None


def generate() -> Plan:
    """The data of this scale, once; later runs find the national plan and reuse everything."""
    codename = scales.province_codename()
    if codename is None and OrgUnit.objects.filter(kind=OrgUnitKind.COMMUNE).count() < 3000:
        started = time.perf_counter()
        load_divisions(all_provinces(), actor=SYSTEM)
        print(f"loaded the units of 34 provinces in {time.perf_counter() - started:.1f} s")
    elif codename is not None and not OrgUnit.objects.filter(kind=OrgUnitKind.COMMUNE).exists():
        started = time.perf_counter()
        load_divisions([find_province(codename)], actor=SYSTEM)
        print(f"loaded the units of {codename} in {time.perf_counter() - started:.1f} s")
    existing = Plan.objects.filter(owner__key=NATIONAL_KEY, number="01/KH-BNV").first()
    if existing is not None and existing.obligations.exists():
        return existing
    started = time.perf_counter()
    rng = random.Random(2026)
    with transaction.atomic():
        ministry = OrgUnit.objects.filter(key=NATIONAL_KEY).first() or create_unit(
            name="Bộ Nội vụ",
            short_name="Bộ Nội vụ",
            kind=OrgUnitKind.DEPARTMENT,
            key=NATIONAL_KEY,
            actor=SYSTEM,
        )
        national = Plan.objects.create(
            owner=ministry, number="01/KH-BNV", year_from=2026, year_to=2026,
            title="Thực hiện công tác dân vận chính quyền năm 2026",
            status=PlanStatus.ISSUED, issued_on=dt.date(2026, 1, 10),
        )  # fmt: skip
        due = dt.date(2026, 3, 31)
        communes = list(
            OrgUnit.objects.current().filter(kind=OrgUnitKind.COMMUNE).values_list("pk", flat=True)
        )
        ImplementationObligation.objects.bulk_create(
            [
                ImplementationObligation(
                    plan=national,
                    unit_id=pk,
                    holder_id=pk,
                    due_on=due,
                    submitted_on=_submitted(rng, due),
                )  # fmt: skip
                for pk in communes
            ],
            batch_size=2000,
        )
        provinces = list(OrgUnit.objects.filter(kind=OrgUnitKind.PROVINCE, parent=None))
        tasks: list[Task] = []
        targets: list[Target] = []
        for province in provinces:
            plan = Plan.objects.create(
                owner=province, parent=national, number=f"{province.code}/KH-UBND",
                year_from=2026, year_to=2026, status=PlanStatus.ISSUED,
                issued_on=dt.date(2026, 1, 20),
                title="Thực hiện công tác dân vận chính quyền năm 2026",
            )  # fmt: skip
            below = list(
                OrgUnit.objects.current()
                .subtree(province, include_self=False)
                .filter(kind__in=[OrgUnitKind.COMMUNE, OrgUnitKind.DEPARTMENT])
            )
            province_due = dt.date(2026, 2, 28)
            ImplementationObligation.objects.bulk_create(
                [
                    ImplementationObligation(
                        plan=plan,
                        unit=u,
                        holder=u,
                        due_on=province_due,
                        submitted_on=_submitted(rng, province_due),
                    )  # fmt: skip
                    for u in below
                ],
                batch_size=2000,
            )
            departments = [u for u in below if u.kind == OrgUnitKind.DEPARTMENT]
            for i in range(10):
                lead = departments[i % len(departments)] if departments else province
                tasks.append(_task(rng, plan, lead, i))
            targets += [
                Target(
                    plan=plan,
                    text=f"Chỉ tiêu {i}",
                    value=100,
                    unit_label="%",
                    achieved=rng.randint(20, 100),
                    position=i,
                )  # fmt: skip
                for i in range(4)
            ]
            for commune in (u for u in below if u.kind == OrgUnitKind.COMMUNE):
                if rng.random() < 0.2:
                    continue
                child = Plan.objects.create(
                    owner=commune, parent=plan, year_from=2026, year_to=2026,
                    status=PlanStatus.ISSUED, issued_on=dt.date(2026, 2, 20),
                    title="Thực hiện công tác dân vận chính quyền năm 2026",
                )  # fmt: skip
                tasks += [_task(rng, child, commune, i) for i in range(5)]
        Task.objects.bulk_create(tasks, batch_size=5000)
        Target.objects.bulk_create(targets, batch_size=2000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"generated {ImplementationObligation.objects.count()} obligations, "
        f"{Plan.objects.count()} plans, {Task.objects.count()} tasks "
        f"in {time.perf_counter() - started:.1f} s"
    )
    return national


def _task(rng: random.Random, plan: Plan, lead: OrgUnit, i: int) -> Task:
    roll = rng.random()
    if roll < 0.4:
        status, percent = TaskStatus.DONE, 100
    elif roll < 0.8:
        status, percent = TaskStatus.IN_PROGRESS, rng.choice([0, 20, 50, 80])
    else:
        status, percent = TaskStatus.NOT_STARTED, 0
    return Task(
        plan=plan, title=f"Nhiệm vụ {i + 1}", lead_unit=lead, position=i + 1,
        due_on=dt.date(2026, rng.randint(2, 12), rng.choice([15, 28])),
        status=status, percent=percent,
    )  # fmt: skip


def main() -> None:
    call_command("migrate", verbosity=0)
    print(f"database: {connection.vendor} ({DB_NAME})")
    national = generate()
    communes = national.obligations.count()
    largest = (
        OrgUnit.objects.filter(kind=OrgUnitKind.PROVINCE, parent=None)
        .annotate(n=Count("children"))
        .order_by("-n")
        .first()
    )
    assert largest is not None

    tasks = Task.objects.count()

    def compliance_of_all_communes() -> None:
        result = compliance(national, today=TODAY, national=True)
        rows = unit_rows(national, None, today=TODAY, limit=None)
        assert result.total.total == len(rows) == communes

    write(
        "compliance_service",
        timed(
            f"compliance of one plan, all {communes} communes (service)", compliance_of_all_communes
        ),
        communes,
    )
    write(
        "dashboard_service",
        timed(
            f"dashboard of {largest.short_name or largest.name} (service)",
            lambda: unit_dashboard(largest, TODAY),
        ),
        tasks,
    )

    from django.contrib.auth import get_user_model
    from django.test import Client

    user_model = get_user_model()
    admin = user_model.objects.filter(username="bench-admin").first()
    if admin is None:
        admin = user_model.objects.create(username="bench-admin", is_superuser=True, is_staff=True)
    client = Client(HTTP_HOST="localhost")
    client.force_login(admin)
    # A superuser always owes a second factor: the session carries a verified device, as after
    # the code page, so the pages measured are the pages and not the redirect to that page.
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_static.models import StaticDevice

    device, _ = StaticDevice.objects.get_or_create(
        user=admin, name="bench", defaults={"confirmed": True}
    )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    assert client.get("/healthz").status_code == 200
    healthz = (
        "GET /healthz, same client",
        timed("/healthz (HTTP, reference)", lambda: client.get("/healthz"), None),
    )
    page = f"/plans/{national.pk}/compliance/?unit=all"
    assert client.get(page).status_code == 200
    write(
        "compliance_page",
        timed(
            "compliance page (HTTP, by province, first 300 communes listed)",
            lambda: client.get(page),
        ),
        communes,
        healthz,
    )
    dash = f"/plans/dashboard/{largest.pk}/"
    assert client.get(dash).status_code == 200
    write(
        "dashboard_page",
        timed(
            f"dashboard page of {largest.short_name or largest.name} (HTTP)",
            lambda: client.get(dash),
        ),
        tasks,
        healthz,
    )
    print(f"command: BENCH_SCALE={scales.SCALE} .venv/bin/python bench/bench_plans.py")


if __name__ == "__main__":
    main()
