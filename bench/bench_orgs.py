"""Org-unit tree: the load of the divisions and the subtree listing of the largest province.

Goals (issue "Foundation"): full load < 60 s on SQLite; subtree listing < 20 ms.
Runs on a fresh SQLite database in a temporary folder (or on DATABASE_URL if set). At national
scale it loads the whole country; at the smaller scales (BENCH_SCALE, see scales.py) one province,
as ``danvan orgs load --province cao_bang`` does.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import results  # noqa: E402
import scales  # noqa: E402

scales.temporary_var_dir()
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402

from danvan.core.audit import SYSTEM  # noqa: E402
from danvan.orgs.loading import all_provinces, find_province, load_divisions  # noqa: E402
from danvan.orgs.models import OrgUnit  # noqa: E402


def main() -> None:
    call_command("migrate", verbosity=0)
    database = results.database_of(connection)
    print(f"database: {connection.vendor}")
    codename = scales.province_codename()
    provinces = all_provinces() if codename is None else [find_province(codename)]
    what = "full load" if codename is None else f"load of {codename}"

    started = time.perf_counter()
    result = load_divisions(provinces, actor=SYSTEM)
    load_seconds = time.perf_counter() - started
    print(f"{what}: {result.created} units created in {load_seconds:.2f} s (goal < 60 s)")
    results.record(
        "orgs.load.seconds", load_seconds, "s", database=database, rows=result.created,
        goal="< 60 s",
    )  # fmt: skip

    started = time.perf_counter()
    again = load_divisions(provinces, actor=SYSTEM)
    again_seconds = time.perf_counter() - started
    print(f"second {what}: {again.created} created in {again_seconds:.2f} s")
    results.record(
        "orgs.reload.seconds", again_seconds, "s", database=database,
        rows=again.created + again.existing,
    )  # fmt: skip

    largest = max(
        OrgUnit.objects.filter(kind="province"),
        key=lambda p: OrgUnit.objects.subtree(p).count(),
    )
    timings = []
    for _ in range(50):
        reset_queries()
        started = time.perf_counter()
        rows = list(OrgUnit.objects.subtree(largest).order_by("path"))
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    p95 = timings[int(len(timings) * 0.95)]
    median = statistics.median(timings)
    print(
        f"subtree listing of {largest.short_name} ({len(rows)} units): "
        f"median {median:.2f} ms, p95 {p95:.2f} ms (goal < 20 ms)"
    )
    results.record("orgs.subtree_listing.median", median, "ms", database=database, rows=len(rows))
    results.record(
        "orgs.subtree_listing.p95", p95, "ms", database=database, rows=len(rows), goal="< 20 ms"
    )


if __name__ == "__main__":
    main()
