"""Plans at national scale on PostgreSQL: compliance of all communes, a unit dashboard.

Data (``danvan generate``'s plans part, generated once, reused when present) in its own database
``dv_bench_plans``: every unit of the 34 provinces (the orgs loader), a national plan of the
Ministry of Home Affairs cascaded to all 3,321 communes, one plan per province implementing it
and cascaded to the province's departments and communes, five tasks for each commune that issued
its plan, and every commune's and department's yearly plans 2022–2026 (500,000 tasks in all).
Obligations are 60 % on time, 20 % late, 20 % missing.

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


import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402

from danvan.ops.generate.plans import NATIONAL_KEY, NATIONAL_NUMBER  # noqa: E402
from danvan.orgs.models import OrgUnit, OrgUnitKind  # noqa: E402
from danvan.plans.cascade import compliance, unit_rows  # noqa: E402
from danvan.plans.dashboard import unit_dashboard  # noqa: E402
from danvan.plans.models import (  # noqa: E402
    Plan,
    Task,
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


def main() -> None:
    call_command("migrate", verbosity=0)
    print(f"database: {connection.vendor} ({DB_NAME})")
    scales.generate("plans")
    national = Plan.objects.get(owner__key=NATIONAL_KEY, number=NATIONAL_NUMBER)
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
