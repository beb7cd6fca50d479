"""Petitions at national scale on PostgreSQL: duplicate lookup and intake through the API.

Data (``danvan generate``'s petitions part, generated once, reused when present) in its own
database ``dv_bench_petitions``: the real units of the country and 2.5 million petitions over five
years about their 3,321 communes, written with COPY (secondary indexes dropped during the load and
rebuilt after). The lookup probes and the intake requests are about the communes of the province
with the most petitions, as its reception officer sees them.

Goals (issue #6):
* duplicate lookup (same identity number, same folded name + address, similar content by
  pg_trgm ``similarity()`` among the petitions about the same commune) p95 < 50 ms, against a
  brute-force scan of the same 2.5 million rows as the reference (the ratio is printed);
* intake through the API (``POST /api/v1/petitions/``) with 32 concurrent clients:
  ≥ 200 requests/s and p99 < 250 ms, through ``danvan serve`` as production runs it (gunicorn,
  2 × cores + 1 processes × 1 thread, DANVAN_ENV=production, persistent connections), loaded by
  ``wrk`` (Debian package) when installed, else by 32 Python threads; the CPU time one request
  costs in the web workers and in PostgreSQL is printed too (what one core sustains).

Every intake request carries its own ``Idempotency-Key`` (as the goal is stated: intake with
idempotency keys). The reference of the intake figures is ``GET /healthz`` of the same server
under the same load generator and clients, measured in the same run: what the request path costs
before any intake work.

At the smaller scales (``BENCH_SCALE``, see scales.py; database ``dv_bench_<scale>_petitions``):
province = Hồ Chí Minh's 168 communes and 140,000 petitions (national density), small = 50 communes
of Cao Bằng and 5,000 petitions with a 5-second intake run on 2 gunicorn workers.

Run: ``.venv/bin/python bench/bench_petitions.py`` (BENCH_PG_URL overrides the server URL;
BENCH_INTAKE_SECONDS the length of the intake run, BENCH_WORKERS gunicorn's workers,
BENCH_ONLY=lookup|intake one half, BENCH_NO_WRK=1 the Python load generator).
"""

from __future__ import annotations

import datetime as dt
import http.client
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import results  # noqa: E402
import scales  # noqa: E402
import server  # noqa: E402

DB_NAME = scales.use_postgres("petitions")
DATABASE = f"postgresql:{DB_NAME}"
scales.temporary_var_dir()
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
os.environ.setdefault("LOG_LEVEL", "WARNING")
os.environ.setdefault("AXES_ENABLED", "false")
TOTAL = scales.SIZE.petitions
PROBES = 200
BRUTE_PROBES = int(
    os.environ.get("BENCH_BRUTE_PROBES", scales.sized(small=10, province=5, national=3))
)
CLIENTS = 32
INTAKE_SECONDS = float(
    os.environ.get("BENCH_INTAKE_SECONDS", scales.sized(small=5, province=20, national=20))
)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from danvan.core.audit import SYSTEM  # noqa: E402
from danvan.core.text import fold  # noqa: E402
from danvan.ops.generate.petitions import ROADS, SUBJECTS, VILLAGES  # noqa: E402
from danvan.orgs.models import OrgUnit, OrgUnitKind  # noqa: E402
from danvan.petitions.casework.duplicates import (  # noqa: E402
    CONTENT_THRESHOLD,
    find_similar,
    search_text_for,
)
from danvan.petitions.models import Petition  # noqa: E402


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))]


def the_province() -> tuple[OrgUnit, list[int]]:
    """The province with the most generated petitions and the ids of its communes."""
    provinces = list(OrgUnit.objects.filter(kind=OrgUnitKind.PROVINCE, parent=None))
    counts = {
        p.pk: Petition.objects.filter(place__path__startswith=p.path).count() for p in provinces
    }
    province = max(provinces, key=lambda p: counts[p.pk])
    communes = (
        Petition.objects.filter(place__path__startswith=province.path)
        .values_list("place_id", flat=True)
        .distinct()
    )
    return province, sorted(set(communes))


def bench_user(province: OrgUnit) -> Any:
    """The province's reception officer (scope: the whole province) used by both benchmarks."""
    from danvan.accounts.models import User
    from danvan.accounts.services import assign_role

    user = User.objects.filter(username="bench.tiepdan").first()
    if user is None:
        user = User.objects.create(username="bench.tiepdan", org_unit=province)
        assign_role(user, "reception_officer", province, include_subtree=True, actor=SYSTEM)
    return user


def bench_lookup(province: OrgUnit) -> None:
    today = dt.date(2026, 6, 30)
    rng = random.Random(11)
    inside = list(
        Petition.objects.filter(place__path__startswith=province.path)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    ids = rng.sample(inside, min(PROBES, len(inside)))
    probes = list(
        Petition.objects.filter(pk__in=ids).values(
            "pk", "place_id", "handling_unit_id", "petitioner_id_number", "petitioner_name",
            "petitioner_address", "title", "content",
        )
    )  # fmt: skip
    base = Petition.objects.visible_to(bench_user(province))  # an officer's scope, as in use

    def lookup(p: Any) -> list[Any]:
        return find_similar(
            base,
            handling_unit_id=p["handling_unit_id"],
            place_id=p["place_id"],
            id_number=p["petitioner_id_number"],
            name=p["petitioner_name"],
            address=p["petitioner_address"],
            title=p["title"],
            content=p["content"],
            exclude_pk=p["pk"],
            today=today,
        )

    lookup(probes[0])
    timings, found = [], 0
    for p in probes:
        started = time.perf_counter()
        found += len(lookup(p))
        timings.append((time.perf_counter() - started) * 1000)
    p95 = percentile(timings, 0.95)
    median = statistics.median(timings)
    print(
        f"duplicate lookup ({len(probes)} probes over {TOTAL:,} petitions): median "
        f"{statistics.median(timings):.1f} ms, p95 {p95:.1f} ms (goal < 50 ms) "
        f"{'OK' if p95 < 50 else 'MISSED'}; {found / len(probes):.1f} matches per probe"
    )
    brute = []
    with connection.cursor() as cursor:
        for p in probes[:BRUTE_PROBES]:
            text = search_text_for(str(p["title"]), str(p["content"]))
            started = time.perf_counter()
            cursor.execute(
                "SELECT id FROM petitions_petition WHERE id <> %s AND (petitioner_id_number = %s "
                "OR (name_key = %s AND address_key = %s) OR similarity(search_text, %s) >= %s) "
                "ORDER BY similarity(search_text, %s) DESC LIMIT 10",
                [
                    p["pk"], p["petitioner_id_number"], fold(str(p["petitioner_name"])),
                    fold(str(p["petitioner_address"])), text, CONTENT_THRESHOLD, text,
                ],
            )  # fmt: skip
            cursor.fetchall()
            brute.append((time.perf_counter() - started) * 1000)
    reference = statistics.median(brute)
    print(
        f"brute-force scan of the same rows (similarity on every row, {BRUTE_PROBES} probes): "
        f"median {reference:.0f} ms; indexed lookup is "
        f"{reference / statistics.median(timings):.0f}× faster at the median"
    )
    scan = (
        f"brute-force scan of the same rows, similarity on every row (median, {len(brute)} probes)"
    )
    results.record(
        "petitions.duplicate_lookup.median", median, "ms", database=DATABASE, rows=TOTAL,
        reference=scan, reference_value=reference,
    )  # fmt: skip
    # The scan is too slow at national scale for enough probes to give it a p95 of its own.
    results.record(
        "petitions.duplicate_lookup.p95", p95, "ms", database=DATABASE, rows=TOTAL, goal="< 50 ms"
    )


WRK_DONE = """
done = function(summary, latency, requests)
  io.write(string.format("BENCH %d %f %f %f %d\\n", summary.requests, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout))
end
"""
WRK_INTAKE = """
local token = "%(token)s"
local places = {%(places)s}
local subjects = {%(subjects)s}
local n = 0
local sent = 0
function setup(thread) thread:set("seed", n); n = n + 1 end
function init(args) math.randomseed(os.time() + seed * 7919) end
request = function()
  local place = places[math.random(1, #places)]
  local s = subjects[math.random(1, #subjects)]
  local body = string.format('{"handling_unit_id": %%d, "place_id": %%d, "title": "%%s", '
    .. '"content": "%%s", "received_on": "2026-06-29", "source": "post", '
    .. '"petitioner_name": "Nông Văn Tám", "petitioner_address": "Thôn Nà Rị", '
    .. '"petitioner_id_number": "%%012d"}', place, place, s[1],
    string.format(s[2], math.random(2, 300)), math.random(0, 999999999))
  sent = sent + 1
  local key = string.format("bench-%%d-%%d-%%d-%%d", os.time(), seed, sent,
    math.random(0, 999999999))
  return wrk.format("POST", "/api/v1/petitions/", {["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/json", ["X-Forwarded-Proto"] = "https",
    ["Idempotency-Key"] = key}, body)
end
""" + WRK_DONE.replace("%", "%%")
WRK_HEALTHZ = (
    """
request = function()
  return wrk.format("GET", "/healthz", {["X-Forwarded-Proto"] = "https"})
end
"""
    + WRK_DONE
)

#: A request of the Python load generator: method, path, body, headers.
Request = tuple[str, str, str | None, dict[str, str]]
#: What a load run measured: requests, seconds, median ms, p99 ms, errors.
Run = tuple[int, float, float, float, int]


def _cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time of these processes (Linux /proc; 0 elsewhere)."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def _descendants(pid: int) -> list[int]:
    """Process ids below ``pid``: gunicorn's master and workers (Linux /proc; none elsewhere)."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parents[int(stat.parent.name)] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
    found, frontier = [], [pid]
    while frontier:
        children = [child for child, parent in parents.items() if parent in frontier]
        found.extend(children)
        frontier = children
    return found


def _backend_pids() -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            [DB_NAME],
        )
        return [row[0] for row in cursor.fetchall()]


def _wrk_run(port: int, script_text: str, seconds: float) -> Run:
    """Requests, seconds, median ms, p99 ms and errors of a wrk run (32 connections)."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(script_text)
    try:
        out = subprocess.run(
            ["wrk", "-t2", f"-c{CLIENTS}", f"-d{int(seconds)}s", "--timeout", "30s",
             "-s", script.name, f"http://127.0.0.1:{port}"],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
    finally:
        os.unlink(script.name)
    line = next(x for x in out.splitlines() if x.startswith("BENCH "))
    count, elapsed, median, p99, errors = line.split()[1:]
    return int(count), float(elapsed), float(median), float(p99), int(errors)


def _threads_run(
    port: int, make: Callable[[random.Random], Request], expected: int, seconds: float
) -> Run:
    """The same load from 32 Python threads (when wrk is not installed)."""
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    stop_at = time.perf_counter() + seconds

    def client(seed: int) -> None:
        rng = random.Random(seed)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine: list[float] = []
        while time.perf_counter() < stop_at:
            method, path, body, headers = make(rng)
            started = time.perf_counter()
            try:
                conn.request(method, path, body=body, headers=headers)
                response = conn.getresponse()
                response.read()
                if response.status != expected:
                    with lock:
                        errors.append(str(response.status))
            except (OSError, http.client.HTTPException) as exc:
                with lock:
                    errors.append(type(exc).__name__)
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                continue
            mine.append((time.perf_counter() - started) * 1000)
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(CLIENTS)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    if errors:
        print(f"  first errors: {errors[:5]}")
    if not latencies:
        return 0, elapsed, 0.0, 0.0, len(errors)  # the caller judges (errors fail a small run)
    return (
        len(latencies),
        elapsed,
        statistics.median(latencies),
        percentile(latencies, 0.99),
        len(errors),
    )


def _petition_request(token: str, communes: list[int]) -> Callable[[random.Random], Request]:
    """A random intake request with its own Idempotency-Key (the Python load generator's)."""
    headers = {
        "Authorization": f"Bearer {token}",
        "Content-Type": "application/json",
        "X-Forwarded-Proto": "https",
    }

    def petition(rng: random.Random) -> Request:
        place = communes[rng.randrange(len(communes))]
        title, text = SUBJECTS[rng.randrange(len(SUBJECTS))]
        body = json.dumps(
            {
                "handling_unit_id": place, "place_id": place, "title": title,
                "content": text.format(n=rng.randint(2, 300), v=VILLAGES[0], r=ROADS[0]),
                "received_on": "2026-06-29", "source": "post",
                "petitioner_name": "Nông Văn Tám", "petitioner_address": "Thôn Nà Rị",
                "petitioner_id_number": f"{rng.randrange(10**12):012d}",
            }
        )  # fmt: skip
        return "POST", "/api/v1/petitions/", body, {**headers, "Idempotency-Key": str(uuid.uuid4())}

    return petition


def _healthz_request(rng: random.Random) -> Request:
    return "GET", "/healthz", None, {"X-Forwarded-Proto": "https"}


def _loads(token: str, communes: list[int]) -> tuple[Callable[[int, float], Run], ...]:
    """The intake load and the /healthz load, by wrk when installed, else by Python threads."""
    import shutil

    if shutil.which("wrk") is not None and os.environ.get("BENCH_NO_WRK") != "1":
        subjects = ", ".join(
            f'{{"{title}", "{text.format(n="%d", v=VILLAGES[0], r=ROADS[0])}"}}'
            for title, text in SUBJECTS
        )
        intake_script = WRK_INTAKE % {
            "token": token, "places": ", ".join(map(str, communes)), "subjects": subjects,
        }  # fmt: skip
        return (
            lambda port, seconds: _wrk_run(port, intake_script, seconds),
            lambda port, seconds: _wrk_run(port, WRK_HEALTHZ, seconds),
        )
    petition = _petition_request(token, communes)
    return (
        lambda port, seconds: _threads_run(port, petition, 201, seconds),
        lambda port, seconds: _threads_run(port, _healthz_request, 200, seconds),
    )


def _warm_up(port: int, token: str, communes: list[int], workers: int) -> None:
    """Until every gunicorn worker has imported the application, connected and filled its
    caches: rounds of 2 × workers simultaneous intake requests, each waited for (a timed load
    would leave a backlog behind), until two rounds in a row finish within a second. Workers
    boot lazily, and on a busy machine a cold one answers its first request seconds later."""
    make = _petition_request(token, communes)
    rng = random.Random(5)
    good, rounds, started = 0, 0, time.perf_counter()

    failures: list[str] = []

    def one(request: Request, out: list[float]) -> None:
        method, path, body, headers = request
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        begun = time.perf_counter()
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            answer = response.read()
        except (OSError, http.client.HTTPException) as exc:
            failures.append(f"{type(exc).__name__}: {exc}")
            return
        finally:
            conn.close()
        if response.status != 201:
            failures.append(f"HTTP {response.status}: {answer[:300]!r}")
            return
        out.append(time.perf_counter() - begun)

    while good < 2 and time.perf_counter() - started < 120:
        took: list[float] = []
        threads = [threading.Thread(target=one, args=(make(rng), took)) for _ in range(2 * workers)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        if failures:
            raise SystemExit(f"warm-up: an intake request failed: {failures[0]}")
        rounds += 1
        good = good + 1 if max(took) < 1.0 else 0
    took_s = time.perf_counter() - started
    print(f"  warm-up: {rounds} rounds of {2 * workers} requests, {took_s:.1f} s")


def bench_intake(province: OrgUnit, communes: list[int]) -> None:
    """Intake through ``danvan serve`` as in production (gunicorn processes × threads as its
    defaults, access log, DANVAN_ENV=production, DEBUG off, persistent connections), by wrk when it
    is installed (else by 32 Python threads). Also prints the CPU time one request costs in the
    web workers and in PostgreSQL, i.e. what one core sustains. Then ``GET /healthz`` under the
    same load: the reference."""
    import shutil

    from danvan.accounts.services import issue_token

    _, token = issue_token(bench_user(province), "bench", actor=SYSTEM)
    # danvan serve's own defaults unless asked otherwise (2 × cores + 1 processes × 1 thread);
    # two at small scale, where booting five workers was most of the bench's time on a busy CI
    # machine and the figures are not compared with the goals.
    workers = int(
        os.environ.get(
            "BENCH_WORKERS",
            scales.sized(
                small=2, province=server.default_workers(), national=server.default_workers()
            ),
        )
    )
    threads = int(os.environ.get("BENCH_THREADS", "1"))
    # Exactly what production runs: ``danvan serve`` (gunicorn, access log on stdout).
    with server.served(workers=workers, threads=threads) as (port, process):
        use_wrk = shutil.which("wrk") is not None and os.environ.get("BENCH_NO_WRK") != "1"
        run, run_healthz = _loads(token, communes)
        _warm_up(port, token, communes, workers)
        run(port, 2)  # and a short run of the load itself, as before
        web_pids = _descendants(process.pid)
        db_before = {pid: _cpu_seconds([pid]) for pid in _backend_pids()}
        web0 = _cpu_seconds(web_pids)
        web_by_pid = {pid: _cpu_seconds([pid]) for pid in web_pids}
        count, elapsed, median, p99, errors = run(port, INTAKE_SECONDS)
        web_ms = (_cpu_seconds(web_pids) - web0) * 1000 / count if count else 0.0
        per_process = sorted(_cpu_seconds([pid]) - before for pid, before in web_by_pid.items())
        # Backends opened during the run (a worker thread reconnecting) count from zero.
        db_ms = (
            sum(_cpu_seconds([pid]) - db_before.get(pid, 0.0) for pid in _backend_pids())
            * 1000
            / max(count, 1)
        )
        rate = count / elapsed
        print(
            f"intake through the API ({'wrk' if use_wrk else 'Python threads'}), {CLIENTS} "
            f"clients, gunicorn {workers} workers × {threads} threads, production settings, on "
            f"{os.cpu_count()} cores shared with PostgreSQL and the load generator: {count:,} "
            f"petitions in {elapsed:.1f} s = {rate:.0f} req/s (goal ≥ 200) "
            f"{'OK' if rate >= 200 else 'MISSED'}; median {median:.0f} ms, p99 {p99:.0f} ms "
            f"(goal < 250) {'OK' if p99 < 250 else 'MISSED'}; errors {errors}"
        )
        busy = [round(seconds / elapsed, 2) for seconds in per_process if seconds > 0.05]
        print(f"  cores used by each gunicorn process during the run: {busy}")
        if web_ms > 0:
            print(
                f"  CPU per request: web workers {web_ms:.1f} ms + PostgreSQL {db_ms:.1f} ms = "
                f"{web_ms + db_ms:.1f} ms, i.e. one core sustains ≈ "
                f"{1000 / (web_ms + db_ms):.0f} req/s and 200 req/s needs ≈ "
                f"{200 * (web_ms + db_ms) / 1000:.1f} cores besides the load generator"
            )
        h_count, h_elapsed, h_median, h_p99, h_errors = run_healthz(port, INTAKE_SECONDS)
        h_rate = h_count / h_elapsed if h_elapsed else 0.0
        print(
            f"reference: GET /healthz, same server, clients and load generator: {h_rate:.0f} "
            f"req/s, median {h_median:.0f} ms, p99 {h_p99:.0f} ms, errors {h_errors}; intake "
            f"runs at {rate / h_rate if h_rate else 0:.2f} of its rate"
        )
    healthz = "GET /healthz, same server, clients and load generator"
    for name, value, unit, reference, goal in (
        ("rate", rate, "req/s", h_rate, ">= 200 req/s"),
        ("median", median, "ms", h_median, None),
        ("p99", p99, "ms", h_p99, "< 250 ms"),
    ):
        results.record(
            f"petitions.intake.{name}", value, unit, database=DATABASE, rows=TOTAL,
            reference=f"{healthz} ({name})", reference_value=reference, goal=goal,
        )  # fmt: skip
    results.record("petitions.intake.errors", errors, "requests", database=DATABASE, rows=count)
    if web_ms > 0:
        results.record(
            "petitions.intake.cpu_per_request", web_ms + db_ms, "ms", database=DATABASE, rows=count
        )
    errors += h_errors
    if errors and scales.SCALE != "national":
        # Nothing overloads the server at this size: a failing request means the bench (or the
        # API it calls) has rotted, which must fail the run.
        raise SystemExit(f"intake: {errors} requests failed")


def main() -> int:
    call_command("migrate", verbosity=0)
    scales.generate("petitions")
    province, communes = the_province()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE) petitions_petition")  # visibility map: index-only scans
        cursor.execute("ANALYZE orgs_orgunit")  # the units, for the planner
        cursor.execute("SHOW jit")
        print(f"PostgreSQL jit = {cursor.fetchone()[0]} (the lookup's plans cost far below "
              f"jit_above_cost, so JIT never starts for them)")  # fmt: skip
    if os.environ.get("BENCH_ONLY") != "intake":
        bench_lookup(province)
    if os.environ.get("BENCH_ONLY") != "lookup":
        bench_intake(province, communes)
    # Intake rows are removed so reruns measure the same 2.5 million rows.
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM petitions_petitionevent WHERE petition_id IN (SELECT id FROM "
            "petitions_petition WHERE tracking_code LIKE '%%-%%')"
        )
        cursor.execute("DELETE FROM petitions_petition WHERE tracking_code LIKE '%%-%%'")
    print(
        f"command: BENCH_SCALE={scales.SCALE} .venv/bin/python bench/bench_petitions.py ({DB_NAME})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
