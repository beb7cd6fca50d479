"""Page crawl: every kind of page, as each demo role, through the real server; p50/p95 per route.

Data in its own database (``dv_bench_pages`` at national scale, ``dv_bench_<scale>_pages``
otherwise, see scales.py): migrated, the demo loaded (``manage.py demo``: Cao Bằng, its
officials and every module's demo data), then filled to scale by ``manage.py generate --scale
<scale>`` when that command exists (province and national scale; the demo alone is the small
scale). Each run reuses what is there.

Then ``danvan serve`` as production runs it (server.py) and, for each demo persona (the superuser,
every level × role of the demo and the officials acting for another body — the same list as the
link crawl test — plus an anonymous citizen on the portal):

1. sign in: a session made by the test helper ``signed_in`` (password step done, a second factor
   verified where the role owes one) in this process against the same database, its cookie sent
   over HTTP (the server signs with the same SECRET_KEY);
2. discover: breadth-first from the home page (``/portal/`` for the citizen) over every
   same-origin link, as ``danvan.testing.crawl`` walks for the link test, links grouped by the
   Django route they resolve to (``/plans/7/`` and ``/plans/12/`` are ``plans:detail``), a few
   of each route followed from each kind of page;
3. time: per route, up to ``SAMPLES`` distinct URLs that answered 200, each requested once to
   warm up, then ``REPEAT`` timed requests over them (wall time to the last byte, one client,
   keep-alive where gunicorn allows it).

Figures: ``pages.<route>.p50`` (over every role's requests) and ``pages.<route>.p95`` (the worst
role's p95: a page is as slow as it is for the person who waits longest), goal < 300 ms, with
``GET /healthz`` through the same client as the reference (what the request path costs without
a page); ``pages.all.p95_max`` (the slowest route), ``pages.all.routes`` and
``pages.all.over_goal``. The table printed lists routes slowest first; for the slowest few it
prints the queries the page runs (count and time in SQL, through the test client in this
process), the first thing to read when one misses the goal.

Run: ``.venv/bin/python bench/bench_pages.py`` (BENCH_SCALE, BENCH_DB_PREFIX, BENCH_PG_URL as
every bench; BENCH_PAGES_REPEAT, BENCH_PAGES_SAMPLES, BENCH_PAGES_LIMIT, BENCH_WORKERS,
BENCH_PERSONAS=comma,separated,usernames to walk as some personas only).
"""

from __future__ import annotations

import http.client
import io
import os
import re
import statistics
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from email.message import Message
from pathlib import Path
from urllib.parse import quote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import results  # noqa: E402
import scales  # noqa: E402
import server  # noqa: E402

DB_NAME = scales.use_postgres("pages")
DATABASE = f"postgresql:{DB_NAME}"
scales.temporary_var_dir()
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
os.environ.setdefault("LOG_LEVEL", "WARNING")
os.environ.setdefault("AXES_ENABLED", "false")
# Sessions are made here and used by the server: their auth hash is signed with this key.
os.environ["SECRET_KEY"] = server.SECRET_KEY

GOAL_MS = 300
#: Distinct URLs timed per route and role (a sample of the detail pages of one kind).
SAMPLES = int(os.environ.get("BENCH_PAGES_SAMPLES", scales.sized(small=1, province=5, national=5)))
#: Timed requests per route and role, after one warm-up request per sampled URL.
REPEAT = int(os.environ.get("BENCH_PAGES_REPEAT", scales.sized(small=2, province=10, national=20)))
#: Pages a persona's discovery walk visits at most, and how many clicks deep.
LIMIT = int(os.environ.get("BENCH_PAGES_LIMIT", scales.sized(small=40, province=200, national=200)))
DEPTH = 3
#: Links of one route followed from each kind of page during discovery.
PER_ROUTE = 2
#: Seconds of crawling after which the remaining personas are skipped (small scale: CI's time).
BUDGET = float(os.environ.get("BENCH_PAGES_BUDGET", scales.sized(small=90, province=0, national=0)))
HEALTHZ_REQUESTS = scales.sized(small=50, province=200, national=200)
#: Routes whose queries are listed after the table (the slowest first).
EXPLAINED = 5
ANONYMOUS = "anonymous"
SMALL_PERSONAS = ("admin", "tinh.congchuc", "thucphan.tiepdan", ANONYMOUS)
#: What a URL keeps as it is when percent-encoding the rest (its separators, existing escapes).
URL_SAFE = "/?&=%:;,+@!$'()*~[]"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command, get_commands  # noqa: E402
from django.urls import Resolver404, resolve  # noqa: E402

from danvan.testing.crawl import crawl, url_pattern  # noqa: E402


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))]


@dataclass
class Page:
    """An HTTP answer as ``danvan.testing.crawl`` reads one from Django's test client."""

    status_code: int
    headers: Message
    content: bytes
    ms: float
    streaming: bool = False

    def get(self, name: str, default: str = "") -> str:
        return str(self.headers.get(name, default))

    def __getitem__(self, name: str) -> str:
        return str(self.headers[name])


class HttpClient:
    """One keep-alive connection to the server, with a persona's session cookie."""

    def __init__(self, port: int, session: str | None) -> None:
        self.port = port
        self.headers = {**server.HEADERS, "Host": "127.0.0.1"}
        if session:
            self.headers["Cookie"] = f"{settings.SESSION_COOKIE_NAME}={session}"
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)

    def get(self, path: str) -> Page:
        for attempt in (1, 2):
            started = time.perf_counter()
            try:
                # Links carry Vietnamese in their query strings as the page wrote them.
                self.conn.request("GET", quote(path, safe=URL_SAFE), headers=self.headers)
                response = self.conn.getresponse()
                body = response.read()
            except (OSError, http.client.HTTPException):
                # gunicorn's sync workers close the connection after each answer: reconnect.
                self.conn.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
                if attempt == 2:
                    raise
                continue
            ms = (time.perf_counter() - started) * 1000
            return Page(response.status, response.msg, body, ms)
        raise AssertionError("unreachable")


def route_of(url: str) -> str:
    """The Django route a URL resolves to, named as a figure: ``plans.detail``."""
    path = urlsplit(url).path
    try:
        match = resolve(path)
    except Resolver404:
        return "unresolved." + re.sub(r"[^a-z0-9]+", "_", url_pattern(path).lower()).strip("_")
    if match.view_name and not match.view_name.startswith(("<", "django.")):
        return match.view_name.replace(":", ".")
    return re.sub(r"[^a-z0-9]+", "_", (match.route or path).lower()).strip("_") or "root"


def prepare() -> None:
    """Migrate, load the demo, and fill to scale when the generator exists."""
    from danvan.accounts.models import User

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    if not User.objects.filter(username="admin").exists():
        print("loading the demo (manage.py demo, once)…", flush=True)
    # Idempotent and quick when everything is there; finishes a load that was interrupted.
    call_command("demo", stdout=io.StringIO())
    print(f"  demo ready in {time.perf_counter() - started:.0f} s", flush=True)
    if scales.SCALE == "small":
        return  # the demo is the small scale
    if "generate" not in get_commands():
        print(
            f"note: no `manage.py generate` in this checkout: the pages are measured on the demo "
            f"data alone, not at {scales.SCALE} scale",
            flush=True,
        )
        return
    started = time.perf_counter()
    print(f"filling to {scales.SCALE} scale (manage.py generate, resumable)…", flush=True)
    call_command("generate", scale=scales.SCALE)
    print(f"  generate done in {time.perf_counter() - started:.0f} s", flush=True)


def personas() -> list[str]:
    from danvan.core.demo.seed import persona_usernames

    chosen = [*persona_usernames(), ANONYMOUS]
    if scales.SCALE == "small" and not os.environ.get("BENCH_PERSONAS"):
        # Every route shape within the time CI gives it: the superuser (admin and every module),
        # a provincial officer, a commune's reception officer and the citizen.
        return [p for p in chosen if p in SMALL_PERSONAS]
    if os.environ.get("BENCH_PERSONAS"):
        wanted = {x.strip() for x in os.environ["BENCH_PERSONAS"].split(",") if x.strip()}
        chosen = [p for p in chosen if p in wanted]
    return chosen


_SESSIONS: dict[str, str | None] = {ANONYMOUS: None}


def session_of(persona: str) -> str | None:
    """A signed-in session of ``persona`` (second factor verified), made against the same DB;
    made once (a TOTP code is refused a second time within its 30 seconds)."""
    if persona not in _SESSIONS:
        from danvan.accounts.models import User
        from danvan.testing.fixtures import signed_in

        client = signed_in(User.objects.get(username=persona))
        _SESSIONS[persona] = str(client.cookies[settings.SESSION_COOKIE_NAME].value)
    return _SESSIONS[persona]


def walk(port: int, persona: str) -> tuple[dict[str, list[float]], dict[str, str], int]:
    """Discover the routes a persona reaches, then time each: ms per route, a sample URL of each
    route, and how many pages the discovery visited."""
    client = HttpClient(port, session_of(persona))
    start = "/portal/" if persona == ANONYMOUS else "/"
    found = crawl(
        client, [start], depth=DEPTH, limit=LIMIT, per_pattern=PER_ROUTE, pattern=route_of
    )
    if os.environ.get("BENCH_PAGES_DEBUG"):
        for visit in found.visits.values():
            print(f"    {visit.status} {visit.url} {visit.content_type} {visit.text[:200]!r}")
    urls: dict[str, list[str]] = defaultdict(list)
    for visit in found.visits.values():
        route = route_of(visit.url)
        if visit.status == 200 and len(urls[route]) < SAMPLES:
            urls[route].append(visit.url)
    timings: dict[str, list[float]] = {}
    for route, sample in urls.items():
        for url in sample:
            client.get(url)  # warm: this worker's caches, the database's pages
        times = []
        for i in range(REPEAT):
            page = client.get(sample[i % len(sample)])
            if page.status_code != 200:
                raise SystemExit(
                    f"{persona}: {sample[i % len(sample)]} answered {page.status_code}"
                )
            times.append(page.ms)
        timings[route] = times
    return timings, {route: sample[0] for route, sample in urls.items()}, len(found.visits)


def explain(route: str, persona: str, url: str) -> str:
    """Queries the page runs, through the test client in this process: count, time in SQL and
    the statement repeated most (an N+1 shows as one statement run once per row)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(raise_request_exception=False)
    session = session_of(persona)
    if session:
        client.cookies[settings.SESSION_COOKIE_NAME] = session
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    sql_ms = sum(float(q["time"]) for q in queries.captured_queries) * 1000
    shapes: dict[str, int] = defaultdict(int)
    for q in queries.captured_queries:
        shapes[re.sub(r"\b\d+\b", "#", q["sql"])[:160]] += 1
    shape, repeated = max(shapes.items(), key=lambda item: item[1]) if shapes else ("", 0)
    text = f"  {route} as {persona} ({url}): {len(queries)} queries, {sql_ms:.0f} ms in SQL"
    if repeated > 2:
        text += f"; run {repeated}×: {shape}"
    return text


def main() -> int:
    prepare()
    chosen = personas()
    workers = int(os.environ.get("BENCH_WORKERS", scales.sized(small=2, province=3, national=3)))
    by_route: dict[str, dict[str, list[float]]] = defaultdict(dict)
    example: dict[str, dict[str, str]] = defaultdict(dict)  # a URL of each route, per persona
    server.collect_static()
    started = time.perf_counter()
    with server.served(workers=workers) as (port, _process):
        reference = HttpClient(port, None)
        for _ in range(10):
            reference.get("/healthz")
        walked: list[str] = []
        crawl_started = time.perf_counter()
        for persona in chosen:
            begun = time.perf_counter()
            if BUDGET and walked and begun - crawl_started > BUDGET:
                print(f"  {persona}: skipped, the crawl has used its {BUDGET:.0f} s", flush=True)
                continue
            walked.append(persona)
            timings, urls, visited = walk(port, persona)
            for route, times in timings.items():
                by_route[route][persona] = times
                example[route][persona] = urls[route]
            print(
                f"  {persona}: {visited} pages visited, {len(timings)} routes timed, "
                f"{time.perf_counter() - begun:.1f} s",
                flush=True,
            )
        healthz = [reference.get("/healthz").ms for _ in range(HEALTHZ_REQUESTS)]
    h50, h95 = statistics.median(healthz), percentile(healthz, 0.95)
    rows = []
    for route, per_persona in by_route.items():
        every = [ms for times in per_persona.values() for ms in times]
        worst, p95 = max(
            ((persona, percentile(times, 0.95)) for persona, times in per_persona.items()),
            key=lambda item: item[1],
        )
        rows.append((p95, statistics.median(every), route, worst, len(per_persona), len(every)))
    rows.sort(reverse=True)
    print(
        f"\n{len(rows)} routes as {len(walked)} personas in {time.perf_counter() - started:.0f} s "
        f"({workers} gunicorn workers, {REPEAT} timed requests per route and persona); "
        f"reference GET /healthz: median {h50:.1f} ms, p95 {h95:.1f} ms"
    )
    print(f"{'p95 ms':>8} {'p50 ms':>8}  {'roles':>5} {'reqs':>5}  route (worst role)")
    for p95, p50, route, worst, roles, count in rows:
        flag = "  MISSED" if p95 >= GOAL_MS else ""
        print(f"{p95:8.1f} {p50:8.1f}  {roles:5d} {count:5d}  {route} ({worst}){flag}")
    print("queries of the slowest routes:")
    for _p95, _p50, route, worst, _roles, _count in rows[:EXPLAINED]:
        print(explain(route, worst, example[route][worst]))
    reference_text = "GET /healthz, same server and client"
    for p95, p50, route, _worst, _roles, count in rows:
        results.record(
            f"pages.{route}.p50", p50, "ms", database=DATABASE, rows=count,
            reference=f"{reference_text} (median)", reference_value=h50,
        )  # fmt: skip
        results.record(
            f"pages.{route}.p95", p95, "ms", database=DATABASE, rows=count,
            reference=f"{reference_text} (p95)", reference_value=h95, goal=f"< {GOAL_MS} ms",
        )  # fmt: skip
    slowest = rows[0] if rows else (0.0, 0.0, "", "", 0, 0)
    results.record(
        "pages.all.p95_max", slowest[0], "ms", database=DATABASE, rows=sum(r[5] for r in rows),
        reference=f"{reference_text} (p95)", reference_value=h95, goal=f"< {GOAL_MS} ms",
    )  # fmt: skip
    print(f"slowest route: {slowest[2]} ({slowest[0]:.1f} ms p95 as {slowest[3]})")
    results.record("pages.all.routes", len(rows), "routes", database=DATABASE)
    results.record(
        "pages.all.over_goal", sum(1 for r in rows if r[0] >= GOAL_MS), "routes",
        database=DATABASE, goal="< 1 routes",
    )  # fmt: skip
    print(f"command: BENCH_SCALE={scales.SCALE} .venv/bin/python bench/bench_pages.py ({DB_NAME})")
    if len(rows) < 10:
        raise SystemExit(f"the crawl found only {len(rows)} routes: the bench has rotted")
    return 0


if __name__ == "__main__":
    sys.exit(main())
