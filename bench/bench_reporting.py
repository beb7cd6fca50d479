"""Reporting at national scale on PostgreSQL: consolidation and completeness, DuckDB as reference.

Data (``danvan generate``'s reporting part, generated once, reused when present) in its own
database ``dv_bench_reporting``: every unit of the 34 provinces, a national form of 50 integer
elements that communes and departments report monthly, 5 years (2022–2026) of submissions
(≈ 4,000 units × 60 months ≈ 240,000 submissions, 90 % approved, a few missing) and their values
(≈ 12 million rows). Submissions go in with COPY; values with one INSERT … SELECT per month on the
server with the secondary indexes dropped and rebuilt afterwards; the province totals are then
summed once.

Goals (issue #5): consolidation of one form and period for the whole country p95 < 100 ms, for
one province < 20 ms; completeness for all units of one period < 100 ms. The same aggregation
runs in DuckDB over the same rows (exported once to a DuckDB file) as a reference.

At the smaller scales (``BENCH_SCALE``, see scales.py) only one province's units are loaded
(``dv_bench_<scale>_reporting``): at province scale with the same 50 elements over 5 years, at
small scale 10 elements over 2026 (a few thousand values); their DuckDB copy is rebuilt each run.

Run: ``.venv/bin/python bench/bench_reporting.py`` (BENCH_PG_URL overrides the server URL).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import results  # noqa: E402
import scales  # noqa: E402

DB_NAME = scales.use_postgres("reporting")
scales.temporary_var_dir()
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
os.environ.setdefault("LOG_LEVEL", "WARNING")
DUCKDB_FILE = Path(
    os.environ.get(
        "BENCH_DUCKDB",
        scales.sized(
            small=ROOT / "var" / "bench" / "reporting_small.duckdb",
            province=ROOT / "var" / "bench" / "reporting_province.duckdb",
            national=ROOT / "var" / "bench_reporting.duckdb",
        ),
    )
)
ELEMENTS = scales.SIZE.report_elements
RUNS = 30
DATABASE = f"postgresql:{DB_NAME}"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from danvan.ops.generate.reporting import FORM_CODE  # noqa: E402
from danvan.orgs.models import OrgUnit  # noqa: E402
from danvan.reporting.consolidation import completeness, consolidate  # noqa: E402
from danvan.reporting.models import ReportForm, Submission  # noqa: E402


@dataclass
class Timing:
    median: float
    p95: float


def timed(label: str, fn: Callable[[], object], goal_ms: float | None = None) -> Timing:
    fn()  # warm-up
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        fn()
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    p95 = timings[int(len(timings) * 0.95) - 1]
    goal = f" (goal p95 < {goal_ms:g} ms)" if goal_ms else ""
    print(f"{label}: median {statistics.median(timings):.1f} ms, p95 {p95:.1f} ms{goal}")
    return Timing(statistics.median(timings), p95)


def write(
    name: str,
    timing: Timing,
    rows: int,
    goal_ms: float | None = None,
    reference: tuple[str, Timing] | None = None,
) -> None:
    """The median and p95 of one measurement (a goal is on the p95), each with the reference's
    same statistic when there is one."""
    for stat in ("median", "p95"):
        results.record(
            f"reporting.{name}.{stat}", getattr(timing, stat), "ms", database=DATABASE, rows=rows,
            reference=f"{reference[0]} ({stat})" if reference else None,
            reference_value=getattr(reference[1], stat) if reference else None,
            goal=f"< {goal_ms:g} ms" if goal_ms is not None and stat == "p95" else None,
        )  # fmt: skip


def load_data() -> ReportForm:
    scales.generate("reporting")
    return ReportForm.objects.get(code=FORM_CODE)


def check_exact(form: ReportForm, period: str, province: OrgUnit) -> None:
    """Consolidation (through the province totals) equals a plain aggregate of the values."""
    from danvan.core.scoping import subtree_upper_bound

    sql = (
        "SELECT e.code, sum(v.value), count(v.value) FROM reporting_datavalue v "
        "JOIN reporting_dataelement e ON e.id = v.element_id "
        "WHERE v.approved AND v.form_id = %s AND v.period = %s AND v.path >= %s AND v.path < %s "
        "GROUP BY e.code"
    )
    for unit, low, high in [(None, "", "~"), (province, province.path, None)]:
        with connection.cursor() as cursor:
            cursor.execute(sql, [form.pk, period, low, high or subtree_upper_bound(low)])
            expected = {code: (total, n) for code, total, n in cursor.fetchall()}
        figures = consolidate(form, period, unit)
        got = {code: (f.value, f.reported_by) for code, f in figures.items()}
        assert got == expected, f"consolidation differs from the raw values for {unit}"
    print("exactness: consolidation = plain SUM/COUNT of the raw values (country, province)")


def duckdb_reference(
    form: ReportForm, period: str, province: OrgUnit, commune: OrgUnit
) -> dict[str, Timing]:
    """The same aggregation over the same approved rows in DuckDB (whole country, the province,
    the commune), and as a plain aggregate over the raw values in PostgreSQL, written with DuckDB
    as their reference; returns the DuckDB timings for the application's figures."""
    import duckdb

    from danvan.core.scoping import subtree_upper_bound

    DUCKDB_FILE.parent.mkdir(parents=True, exist_ok=True)
    if scales.SCALE != "national":
        # Cheap at these sizes, and never stale when the database was built again.
        DUCKDB_FILE.unlink(missing_ok=True)
    db = duckdb.connect(str(DUCKDB_FILE))
    have = db.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'datavalue'"
    ).fetchone()
    if not have or not have[0]:
        started = time.perf_counter()
        csv = DUCKDB_FILE.with_suffix(".csv")
        with connection.cursor() as cursor, open(csv, "wb") as out:
            sql = (
                "COPY (SELECT form_id, period, element_id, path, value FROM reporting_datavalue "
                "WHERE approved) TO STDOUT WITH (FORMAT csv)"
            )
            with cursor.connection.cursor().copy(sql) as copy:
                for chunk in copy:
                    out.write(chunk)
        db.execute(
            "CREATE TABLE datavalue AS SELECT * FROM read_csv(?, header=false, columns={"
            "'form_id': 'BIGINT', 'period': 'VARCHAR', 'element_id': 'BIGINT', "
            "'path': 'VARCHAR', 'value': 'DECIMAL(18,4)'})",
            [str(csv)],
        )
        csv.unlink()
        print(f"duckdb: copied the approved rows once in {time.perf_counter() - started:.1f} s")
    counted = db.execute("SELECT count(*) FROM datavalue").fetchone()
    rows = int(counted[0]) if counted else 0
    print(f"duckdb rows: {rows}")
    national_sql = (
        "SELECT element_id, sum(value), avg(value), min(value), max(value), count(value) "
        "FROM datavalue WHERE form_id = ? AND period = ? GROUP BY element_id"
    )
    range_sql = national_sql.replace("GROUP BY", "AND path >= ? AND path < ? GROUP BY")
    upper = subtree_upper_bound(province.path)
    commune_upper = subtree_upper_bound(commune.path)
    duck = {
        "country": timed(
            "duckdb consolidation, whole country",
            lambda: db.execute(national_sql, [form.pk, period]).fetchall(),
        ),
        "province": timed(
            "duckdb consolidation, one province",
            lambda: db.execute(range_sql, [form.pk, period, province.path, upper]).fetchall(),
        ),
        "commune": timed(
            "duckdb consolidation, one commune",
            lambda: db.execute(
                range_sql, [form.pk, period, commune.path, commune_upper]
            ).fetchall(),
        ),
    }
    # the same plain aggregation over the raw values on PostgreSQL (no province totals), so the
    # engines are compared on equal work as well as the application against DuckDB
    pg_sql = (
        national_sql.replace("?", "%s")
        .replace("FROM datavalue", "FROM reporting_datavalue")
        .replace("WHERE", "WHERE approved AND")  # only approved rows are in DuckDB
    )
    pg_province_sql = pg_sql.replace("GROUP BY", "AND path >= %s AND path < %s GROUP BY")

    def pg(sql: str, params: list[Any]) -> Callable[[], object]:
        def run() -> object:
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                return cursor.fetchall()

        return run

    raw_national = timed(
        "postgresql plain aggregate over the raw values, whole country",
        pg(pg_sql, [form.pk, period]),
    )
    raw_one = timed(
        "postgresql plain aggregate over the raw values, one province",
        pg(pg_province_sql, [form.pk, period, province.path, upper]),
    )
    print(
        f"ratio PostgreSQL / DuckDB, same plain aggregate over the same rows (median): whole "
        f"country {raw_national.median / duck['country'].median:.2f}, one province "
        f"{raw_one.median / duck['province'].median:.2f}"
    )
    write(
        "plain_aggregate.country", raw_national, rows,
        reference=("DuckDB, same aggregate and rows", duck["country"]),
    )  # fmt: skip
    write(
        "plain_aggregate.province", raw_one, rows,
        reference=("DuckDB, same aggregate and rows", duck["province"]),
    )  # fmt: skip
    return duck


def main() -> None:
    call_command("migrate", verbosity=0)
    print(f"database: {connection.vendor} {DB_NAME}")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('jit'), current_setting('work_mem'), "
            "current_setting('max_parallel_workers_per_gather')"
        )
        print(
            "settings (jit, work_mem, parallel workers per gather): {}, {}, {}".format(
                *cursor.fetchone()
            )
        )
    form = load_data()
    submissions = Submission.objects.filter(form=form).count()
    print(f"org units: {OrgUnit.objects.count()}, submissions: {submissions}")
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples::bigint FROM pg_class WHERE relname='reporting_datavalue'")
        values = int(cursor.fetchone()[0])
        print(f"values (estimate): {values}")
        if scales.SCALE != "national":  # exact where counting is cheap
            cursor.execute("SELECT count(*) FROM reporting_datavalue")
            values = int(cursor.fetchone()[0])
    period = "2026-06"
    province = max(
        OrgUnit.objects.filter(kind="province"), key=lambda p: OrgUnit.objects.subtree(p).count()
    )
    print(f"period {period}; province {province.display_name}")
    check_exact(form, period, province)
    country = timed(
        f"consolidation ({ELEMENTS} elements), whole country",
        lambda: consolidate(form, period),
        goal_ms=100,
    )
    one_province = timed(
        f"consolidation ({ELEMENTS} elements), {province.display_name}",
        lambda: consolidate(form, period, OrgUnit.objects.get(pk=province.pk)),
        goal_ms=20,
    )
    commune = OrgUnit.objects.subtree(province).filter(kind="commune").order_by("path").first()
    assert commune is not None
    one_commune = timed(
        f"consolidation ({ELEMENTS} elements), one commune ({commune.display_name}, raw values)",
        lambda: consolidate(form, period, OrgUnit.objects.get(pk=commune.pk)),
    )
    counts = timed(
        "completeness of every unit of the country, one period (counts at every level)",
        lambda: completeness(form, period),
        goal_ms=100,
    )
    objects = timed(
        "  … and every unit's state as objects (what the API returns)",
        lambda: completeness(form, period).units,
    )
    page = timed(
        f"completeness page of {province.display_name} (tree with every unit)",
        lambda: completeness(form, period, OrgUnit.objects.get(pk=province.pk)).root,
    )
    duck = duckdb_reference(form, period, province, commune)
    print(
        f"ratio PostgreSQL (application, with province totals) / DuckDB (median): whole country "
        f"{country.median / duck['country'].median:.2f}, one province "
        f"{one_province.median / duck['province'].median:.2f}"
    )
    reference = "DuckDB, same aggregation over the same approved rows"
    write("consolidation.country", country, values, 100, (reference, duck["country"]))
    write("consolidation.province", one_province, values, 20, (reference, duck["province"]))
    write("consolidation.commune", one_commune, values, None, (reference, duck["commune"]))
    write("completeness.country", counts, submissions, 100)
    write("completeness.country_objects", objects, submissions)
    write("completeness.province_tree", page, submissions)
    print(f"command: BENCH_SCALE={scales.SCALE} .venv/bin/python bench/bench_reporting.py")


if __name__ == "__main__":
    main()
