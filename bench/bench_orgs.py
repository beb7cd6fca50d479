"""Org-unit tree: the full national load and the subtree listing of the largest province.

Goals (issue "Foundation"): full load < 60 s on SQLite; subtree listing < 20 ms.
Runs on a fresh SQLite database in a temporary folder (or on DATABASE_URL if set).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DANVAN_VAR_DIR", tempfile.mkdtemp(prefix="danvan-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402

from danvan.orgs.loading import all_provinces, load_divisions  # noqa: E402
from danvan.orgs.models import OrgUnit  # noqa: E402


def main() -> None:
    call_command("migrate", verbosity=0)
    print(f"database: {connection.vendor}")

    started = time.perf_counter()
    result = load_divisions(all_provinces())
    load_seconds = time.perf_counter() - started
    print(f"full load: {result.created} units created in {load_seconds:.2f} s (goal < 60 s)")

    started = time.perf_counter()
    again = load_divisions(all_provinces())
    print(f"second full load: {again.created} created in {time.perf_counter() - started:.2f} s")

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
    print(
        f"subtree listing of {largest.short_name} ({len(rows)} units): "
        f"median {statistics.median(timings):.2f} ms, p95 {p95:.2f} ms (goal < 20 ms)"
    )


if __name__ == "__main__":
    main()
