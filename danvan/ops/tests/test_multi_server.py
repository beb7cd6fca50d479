"""Beyond one machine, proven on this one (issue 17): two app servers, two task consumers, one
PostgreSQL primary with a streaming replica, one Redis, nginx in front; one app server and one
consumer are killed mid-load.

Everything runs as child processes of the test on free ports, in a temporary directory:

- a PostgreSQL cluster of its own (``danvan.testing.pgcluster``, never the shared server) and a
  hot standby of it made with ``pg_basebackup -R`` (``DATABASE_REPLICA_URL``);
- ``redis-server`` without persistence (``REDIS_URL``: the task queue and the cache);
- two app servers, ``danvan serve --no-consumer`` each (gunicorn, two workers), and two
  consumers, ``danvan run_huey --no-periodic``;
- Debian's nginx with both app servers as one upstream (:data:`NGINX`, the configuration
  ``docs/deployment.md`` shows): a request that fails on one server is passed to the other
  when that is safe — GET and HEAD always, a POST only when it carries an ``Idempotency-Key``.

Then it checks, in this order:

1. **Read-only pages come from the replica, and a writer reads its writes.** With the replica's
   replay paused, a petition filed through server A is read back through server B by the
   client that filed it (pinned to the primary through the Redis cache the two servers share)
   while another client of the same official, reading through B, gets a 404: its read went to
   the replica, which has not seen the row yet. Replay resumed, it gets the petition.
2. **Rate limits are shared through Redis**: login failures from one address through server A
   lock that address out on server B; they are counted in Redis (no row in the database).
3. **Under load, nothing is lost or doubled.** Clients file petitions with Idempotency-Keys
   (retrying on a transport error or a 5xx, as a careful client does) and read portal pages
   and API lists through nginx, while the reminder job sends e-mails slowly on one consumer.
   Mid-load, app server A (its gunicorn master and workers) and the consumer running the batch
   are SIGKILLed. Every request must be answered (nginx passes it to server B); every
   acknowledged key is stored exactly once and nothing unacknowledged is stored; each reminder
   exists once and each e-mail went once (the killed consumer's claims are retried by the
   surviving one after their lease, as in ``core/tests/test_consumer_kill.py``); and the
   replica served the reads (its own statistics count the rows it returned).

Skipped only where nginx or PostgreSQL's binaries are missing (CI installs both).
"""

from __future__ import annotations

import http.client
import http.cookiejar
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from danvan.testing import consumers, pgcluster, redisserver

ROOT = Path(__file__).resolve().parents[3]
NGINX_BIN = "/usr/sbin/nginx"
CLIENTS = 8
LOAD_SECONDS = 14
KILL_AFTER = 1.5  # seconds into the load, at the earliest
BATCH = 30  # reminders, one e-mail each, 0.15 s apiece (SlowFileBackend): outlasts the kill
LEASE = 2
BUDGET = 150  # seconds for the whole test, building the database included

pytestmark = pytest.mark.skipif(
    not os.access(NGINX_BIN, os.X_OK) or bool(pgcluster.missing()) or bool(redisserver.missing()),
    reason=(
        f"needs {NGINX_BIN} (apt-get install nginx) and redis-server; "
        f"{pgcluster.missing() or 'PostgreSQL binaries present'}"
    ),
)

# The nginx the test runs; docs/deployment.md shows the same upstream and retry rules.
NGINX = """
daemon off;
worker_processes 2;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
events {{ worker_connections 512; }}
http {{
    log_format upstreams '$status "$request" upstreams=$upstream_addr statuses=$upstream_status';
    access_log {dir}/access.log upstreams;
    client_body_temp_path {dir}/body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;

    upstream danvan {{
        server 127.0.0.1:{a} max_fails=1 fail_timeout=30s;
        server 127.0.0.1:{b} max_fails=1 fail_timeout=30s;
    }}
    # A POST carrying an Idempotency-Key may be sent again to the other server: the platform
    # answers a repeated key with the petition the first try stored.
    map "$request_method:$http_idempotency_key" $keyed_post {{
        "~^POST:." 1;
        default 0;
    }}
    server {{
        listen 127.0.0.1:{port};
        client_max_body_size 25m;
        proxy_set_header Host $host;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto $scheme;
        proxy_set_header X-Request-ID $request_id;
        proxy_connect_timeout 2s;
        proxy_read_timeout 30s;

        location = /metrics {{ return 404; }}
        location / {{
            error_page 418 = @keyed;
            if ($keyed_post) {{ return 418; }}
            proxy_pass http://danvan;
            proxy_next_upstream error timeout http_502 http_503;
        }}
        location @keyed {{
            proxy_pass http://danvan;
            proxy_next_upstream error timeout http_502 http_503 non_idempotent;
        }}
    }}
}}
"""

SETUP = (
    consumers.BATCH_SETUP.format(prefix="multi", name="UBND xã Hai Máy", batch=BATCH)
    + """
import json
from danvan.accounts.services import issue_token
clerk = create_official(username="multi.tiepdan", password=None, org_unit=unit,
                        full_name="Cán bộ tiếp dân", actor=SYSTEM)
assign_role(clerk, "reception_officer", unit, actor=SYSTEM)
tokens = [issue_token(clerk, name, actor=SYSTEM)[1] for name in ("ghi", "đọc", "tải")]
print(json.dumps({"unit": unit.pk, "tokens": tokens}))
"""
)

COUNT = """
import django, json, os, pathlib, time; django.setup()
from django.db.models import Count
from danvan.notifications.models import Notification
from danvan.petitions.models import Petition
rows = Notification.objects.all()
# The surviving consumer retries the killed one's e-mails once their lease has run out.
deadline = time.monotonic() + 30
mail = pathlib.Path(os.environ["DANVAN_TEST_MAILDIR"])
while time.monotonic() < deadline and (
    rows.filter(email_wanted=True, emailed_at=None).exists()
    or len(list(mail.glob("*.eml"))) < rows.filter(email_wanted=True).count()
):
    time.sleep(0.2)
time.sleep(1)  # anything sent twice would show now
petitions = Petition.objects.annotate(n=Count("events"))
print(json.dumps({
    "notifications": rows.count(),
    "keys_doubled": rows.values("recipient", "key").annotate(n=Count("pk")).filter(n__gt=1).count(),
    "emailed": rows.filter(emailed_at__isnull=False).count(),
    "wanted": rows.filter(email_wanted=True).count(),
    "codes": sorted(p.tracking_code for p in petitions),
    "intake_keys": petitions.exclude(intake_key=None).values("intake_key").distinct().count(),
    "without_one_event": sum(1 for p in petitions if p.n != 1),
}))
"""


@dataclass
class Stack:
    """The running processes and what the checks need to reach them."""

    folder: Path
    env: dict[str, str]
    primary: pgcluster.Cluster
    replica: pgcluster.Cluster
    redis_port: int
    web: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    web_ports: dict[str, int] = field(default_factory=dict)
    consumers: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    nginx_port: int = 0
    unit: int = 0
    tokens: list[str] = field(default_factory=list)

    def python(self, code: str) -> str:
        done = subprocess.run([sys.executable, "-c", code], env=self.env, cwd=ROOT,
                              capture_output=True, text=True, timeout=120)  # fmt: skip
        assert done.returncode == 0, done.stderr[-3000:]
        return done.stdout

    def log(self, name: str) -> Path:
        return self.folder / f"{name}.log"

    def delivered(self) -> list[str]:
        return consumers.delivered(self.env)


def _sql(cluster: pgcluster.Cluster, query: str) -> Any:
    import psycopg

    with psycopg.connect(cluster.url(), autocommit=True) as connection:
        row = connection.execute(query).fetchone()
    return row[0] if row else None


def _wait(condition: Callable[[], Any], seconds: float, what: str | Callable[[], str]) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what() if callable(what) else what}")
        time.sleep(0.1)


def _tail(path: Path) -> str:
    return path.read_text(errors="replace")[-3000:] if path.exists() else ""


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return bool(response.status == 200)
    except (OSError, urllib.error.URLError):
        return False


def _spawn(stack: Stack, name: str, command: list[str]) -> subprocess.Popen[bytes]:
    # A session of its own: killing the group kills gunicorn's master and workers together,
    # as when a machine dies.
    return subprocess.Popen(command, env=stack.env, cwd=ROOT, stdout=stack.log(name).open("ab"),
                            stderr=subprocess.STDOUT, start_new_session=True)  # fmt: skip


def _end(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait(timeout=10)


def _kill(process: subprocess.Popen[bytes]) -> None:
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=10)


@contextmanager
def _processes(stack: Stack) -> Iterator[None]:
    try:
        yield
    finally:
        for process in [*stack.consumers.values(), *stack.web.values()]:
            _end(process)


@pytest.fixture
def stack() -> Iterator[Stack]:
    started = time.monotonic()
    with ExitStack() as cleanup:
        folder = Path(tempfile.mkdtemp(prefix="danvan-multi-"))
        cleanup.callback(shutil.rmtree, folder, True)
        primary = cleanup.enter_context(pgcluster.cluster(prefix="danvan-multi-pg-"))
        redis_port = cleanup.enter_context(redisserver.redis_server(
            folder, pgcluster.free_port(), log=folder / "redis.log"))  # fmt: skip
        env = {
            **consumers.site(folder, "multi_settings", LEASE), "DATABASE_URL": primary.url(),
            "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
            "FORWARDED_ALLOW_IPS": "127.0.0.1", "LOGIN_FAILURES_PER_ADDRESS_PER_HOUR": "5",
            "DB_CONNECT_TIMEOUT": "2", "HUEY_WORKERS": "2", "REPLICA_PIN_SECONDS": "30",
        }  # fmt: skip
        stack = Stack(folder, env, primary, primary, redis_port)
        # Building the database before the replica is made: the copy starts with the schema.
        subprocess.run([sys.executable, "-m", "danvan.cli", "migrate", "-v", "0"], env=env,
                       cwd=ROOT, check=True, capture_output=True, timeout=600)  # fmt: skip
        print(f"multi-server: database built in {time.monotonic() - started:.1f} s")
        stack.replica = cleanup.enter_context(pgcluster.replica_of(primary))
        _wait(lambda: _sql(primary, "SELECT count(*) FROM pg_stat_replication "
                                    "WHERE state = 'streaming'"), 30, "the replica to stream")  # fmt: skip
        print(f"multi-server: replica streaming at {time.monotonic() - started:.1f} s")
        # The officials and the reminders' follow-ups are written while the servers start.
        setup = subprocess.Popen([sys.executable, "-c", SETUP], env=env, cwd=ROOT,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
        cleanup.callback(_end_plain, setup)
        env["DATABASE_REPLICA_URL"] = stack.replica.url()
        cleanup.enter_context(_processes(stack))
        for name in ("a", "b"):
            port = stack.web_ports[name] = pgcluster.free_port()
            stack.web[name] = _spawn(stack, f"web-{name}", [
                sys.executable, "-m", "danvan.cli", "serve", "--no-consumer",
                "--port", str(port), "--workers", "2",
            ])  # fmt: skip
        for name in ("1", "2"):
            stack.consumers[name] = consumers.start(
                env, stack.log(f"consumer-{name}"), workers=2, new_session=True
            )
        stack.nginx_port = pgcluster.free_port()
        (folder / "nginx.conf").write_text(NGINX.format(
            dir=folder, a=stack.web_ports["a"], b=stack.web_ports["b"], port=stack.nginx_port,
        ))  # fmt: skip
        nginx = subprocess.Popen(
            [NGINX_BIN, "-p", str(folder), "-c", str(folder / "nginx.conf"), "-e",
             str(folder / "error.log")],
            stdout=(folder / "nginx.out").open("ab"), stderr=subprocess.STDOUT,
        )  # fmt: skip
        cleanup.callback(_end_plain, nginx)
        for name, port in stack.web_ports.items():
            log = stack.log(f"web-{name}")
            _wait(partial(_answers, f"http://127.0.0.1:{port}/healthz"), 120,
                  partial(_tail, log))  # fmt: skip
        _wait(lambda: _answers(f"http://127.0.0.1:{stack.nginx_port}/healthz"), 20,
              lambda: f"nginx: {_tail(folder / 'error.log')}")  # fmt: skip
        out, err = setup.communicate(timeout=120)
        assert setup.returncode == 0, err.decode()[-3000:]
        made = json.loads(out)
        stack.unit, stack.tokens = made["unit"], made["tokens"]
        print(f"multi-server: stack up in {time.monotonic() - started:.1f} s")
        yield stack


def _end_plain(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


# --- HTTP ---------------------------------------------------------------------------------------


def _request(url: str, *, token: str | None = None, body: Any = None, key: str | None = None,
             headers: dict[str, str] | None = None, timeout: float = 10,
             opener: urllib.request.OpenerDirector | None = None) -> tuple[int, Any, dict[str, str]]:  # fmt: skip
    all_headers = dict(headers or {})
    if token:
        all_headers["Authorization"] = f"Bearer {token}"
    if key:
        all_headers["Idempotency-Key"] = key
    data = None
    if body is not None:
        if isinstance(body, dict) and token:
            data = json.dumps(body).encode()
            all_headers["Content-Type"] = "application/json"
        else:
            data = urllib.parse.urlencode(body).encode()
            all_headers["Content-Type"] = "application/x-www-form-urlencoded"
    request = urllib.request.Request(url, data=data, headers=all_headers,
                                     method="POST" if data is not None else "GET")  # fmt: skip
    opener = opener or urllib.request.build_opener()
    try:
        with opener.open(request, timeout=timeout) as response:
            payload = response.read()
            status, got = response.status, dict(response.headers)
    except urllib.error.HTTPError as exc:
        payload, status, got = exc.read(), exc.code, dict(exc.headers)
    try:
        return status, json.loads(payload), got
    except ValueError:
        return status, payload.decode("utf-8", "replace"), got


def _petition(unit: int, key: str) -> dict[str, Any]:
    return {
        "handling_unit_id": unit, "title": f"Phản ánh {key}", "content": "Đèn đường hỏng.",
        "received_on": time.strftime("%Y-%m-%d"), "petitioner_name": "Lục Văn Sáu",
    }  # fmt: skip


# --- The checks ----------------------------------------------------------------------------------


def _replica_serves_reads_and_a_writer_reads_its_writes(stack: Stack) -> None:
    a, b = (f"http://127.0.0.1:{stack.web_ports[n]}" for n in ("a", "b"))
    writer, reader = stack.tokens[0], stack.tokens[1]
    # A token's first use records it (a write, after which that request reads the primary).
    assert _request(f"{b}/api/v1/petitions/?limit=1", token=reader)[0] == 200
    _sql(stack.replica, "SELECT pg_wal_replay_pause()")
    try:
        status, filed, _ = _request(f"{a}/api/v1/petitions/", token=writer,
                                    body=_petition(stack.unit, "replica-1"), key="replica-1")  # fmt: skip
        assert status == 201, filed
        url = f"{b}/api/v1/petitions/{filed['id']}"
        status, own, _ = _request(url, token=writer)
        assert status == 200, f"the writer did not read its write through the other server: {own}"
        status, other, _ = _request(url, token=reader)
        assert status == 404, f"a read that should have gone to the paused replica: {other}"
    finally:
        _sql(stack.replica, "SELECT pg_wal_replay_resume()")
    _wait(lambda: _request(url, token=reader)[0] == 200, 10, "the replica to replay")


def _rate_limits_are_shared(stack: Stack) -> None:
    address = {"X-Forwarded-For": "203.0.113.17"}  # a bucket of its own
    outcomes = []
    for n, server in enumerate(["a"] * 5 + ["b"]):
        base = f"http://127.0.0.1:{stack.web_ports[server]}"
        jar = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(
            http.cookiejar.CookieJar()))  # fmt: skip
        status, page, _ = _request(f"{base}/accounts/login/", headers=address, opener=jar)
        assert status == 200, page
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert token, "no CSRF token on the sign-in page"
        form = {"csrfmiddlewaretoken": token.group(1), "username": f"khong.co.{n}",
                "password": "sai mật khẩu"}  # fmt: skip
        status, _, _ = _request(f"{base}/accounts/login/", body=form, opener=jar,
                                headers={**address, "Referer": f"{base}/accounts/login/"})  # fmt: skip
        outcomes.append((server, status))
    assert outcomes == [("a", 200)] * 5 + [("b", 429)], outcomes
    # Shared through Redis, not the database: the five failures are one sorted set in Redis
    # (``core.ratelimit``) and no row was written on the primary.
    import redis

    from danvan.core.ratelimit import key

    shared = redis.Redis(port=stack.redis_port)
    try:
        assert shared.zcard(key(f"login-failures:{address['X-Forwarded-For']}")) == 5
    finally:
        shared.close()
    assert _sql(stack.primary, "SELECT count(*) FROM core_ratehit") == 0


@dataclass
class Tally:
    lock: threading.Lock = field(default_factory=threading.Lock)
    acknowledged: dict[str, str] = field(default_factory=dict)  # key → tracking code
    answers: Counter[str] = field(default_factory=Counter)
    retried: Counter[str] = field(default_factory=Counter)
    lost: list[str] = field(default_factory=list)

    def count(self, what: str, n: int = 1) -> None:
        with self.lock:
            self.answers[what] += n


def _until_answered(tally: Tally, what: str, call: Callable[[], tuple[int, Any, Any]],
                    wanted: int) -> Any:  # fmt: skip
    """A careful client: the same request again (a POST with the same key) on a transport
    error, a response cut short or a 5xx, until it is answered; what it answered, or None."""
    deadline = time.monotonic() + 30
    while True:
        try:
            status, body, _ = call()
        except (OSError, http.client.HTTPException) as exc:
            # HTTPException: IncompleteRead, a response whose server died after nginx had sent
            # its headers on (no proxy can pass such a request on; the client must ask again).
            status, body = 0, f"{type(exc).__name__}: {exc}"
        if status == wanted:
            tally.count(f"{what.split()[0]} {wanted}")
            return body
        if status and status < 500:
            with tally.lock:
                tally.lost.append(f"{what}: {status} {str(body)[:300]}")
            return None
        with tally.lock:
            tally.retried[f"{what.split()[0]} {status or str(body).split(':')[0]}"] += 1
        if time.monotonic() > deadline:
            with tally.lock:
                tally.lost.append(f"{what}: never answered ({status} {str(body)[:300]})")
            return None
        time.sleep(0.2)


def _client(
    stack: Stack, number: int, stop: threading.Event, tally: Tally, codes: list[str]
) -> None:
    base = f"http://127.0.0.1:{stack.nginx_port}"
    writer, lister = stack.tokens[0], stack.tokens[2]
    n = 0
    while not stop.is_set():
        n += 1
        key = f"c{number}-{n}-{uuid.uuid4().hex[:8]}"
        filed = _until_answered(tally, f"POST {key}", partial(
            _request, f"{base}/api/v1/petitions/", token=writer, body=_petition(stack.unit, key),
            key=key, timeout=8), 201)  # fmt: skip
        if filed is not None:
            with tally.lock:
                tally.acknowledged[key] = filed["tracking_code"]
        for path, token in ((f"/portal/petitions/{codes[n % len(codes)]}/", None),
                            ("/portal/", None),
                            ("/api/v1/petitions/?limit=5", lister)):  # fmt: skip
            _until_answered(tally, f"GET {path}", partial(
                _request, base + path, token=token, timeout=8), 200)  # fmt: skip


def _guarded(
    stack: Stack, number: int, stop: threading.Event, tally: Tally, codes: list[str]
) -> None:
    """A client that fails for any reason counts as a lost request, not a silent thread."""
    try:
        _client(stack, number, stop, tally, codes)
    except BaseException as exc:
        with tally.lock:
            tally.lost.append(f"client {number} stopped: {type(exc).__name__}: {exc}")


def _enqueue(stack: Stack, calls: str) -> subprocess.Popen[bytes]:
    """Enqueue jobs from a process of their own, without waiting for it to start Django."""
    return consumers.enqueue(stack.env, calls, stack.log("enqueue"))


def _consumer_running_the_batch(stack: Stack) -> str:
    for name in stack.consumers:
        if "remind_obligations" in stack.log(f"consumer-{name}").read_text(errors="replace"):
            return name
    raise AssertionError("no consumer logged the reminder job")


def _replica_rows_returned(stack: Stack) -> int:
    return int(_sql(stack.replica, "SELECT sum(tup_returned) FROM pg_stat_database "
                                   "WHERE datname = 'postgres'"))  # fmt: skip


def test_two_servers_lose_and_double_nothing_when_one_dies(stack: Stack) -> None:
    started = time.monotonic()
    _replica_serves_reads_and_a_writer_reads_its_writes(stack)
    _rate_limits_are_shared(stack)

    # Petitions whose portal pages the clients read (replicated before the load starts).
    codes = []
    for n in range(4):
        status, body, _ = _request(f"http://127.0.0.1:{stack.nginx_port}/api/v1/petitions/",
                                   token=stack.tokens[0], body=_petition(stack.unit, f"seed-{n}"),
                                   key=f"seed-{n}")  # fmt: skip
        assert status == 201, body
        codes.append(body["tracking_code"])
    seeded = {f"seed-{n}": code for n, code in enumerate(codes)}
    seeded["replica-1"] = ""
    time.sleep(1)
    replica_rows_before = _replica_rows_returned(stack)

    tally = Tally()
    stop = threading.Event()
    clients = [threading.Thread(target=_guarded, args=(stack, n, stop, tally, codes), daemon=True)
               for n in range(CLIENTS)]  # fmt: skip
    for client in clients:
        client.start()
    load_started = time.monotonic()
    first = _enqueue(stack, "remind_obligations()")
    # The kill lands once the load runs and the first e-mails of the batch went out.
    _wait(lambda: len(stack.delivered()) >= 3, 60, "the first reminder e-mails")
    time.sleep(max(0.0, KILL_AFTER - (time.monotonic() - load_started)))
    victim = _consumer_running_the_batch(stack)
    _kill(stack.web["a"])
    _kill(stack.consumers[victim])
    at_kill = len(stack.delivered())
    killed_at = time.monotonic()
    # What the restarted schedule does: the reminder job again, and the retry of e-mails whose
    # claim died with the killed consumer once their lease has run out.
    again = _enqueue(
        stack, f"remind_obligations(); send_pending_emails.schedule(delay={LEASE + 0.5})"
    )
    time.sleep(max(0.0, LOAD_SECONDS - (time.monotonic() - load_started)))
    stop.set()
    for client in clients:
        client.join(timeout=60)
    assert not any(client.is_alive() for client in clients), "a client never finished"
    load_seconds = time.monotonic() - load_started

    for enqueued in (first, again):
        assert enqueued.wait(timeout=60) == 0, "enqueueing the jobs failed"
    counts = json.loads(stack.python(COUNT))
    delivered = Counter(stack.delivered())
    replica_rows = _replica_rows_returned(stack) - replica_rows_before
    access = (stack.folder / "access.log").read_text()
    passed_on = sum(1 for line in access.splitlines() if "statuses=" in line
                    and "," in line.split("statuses=", 1)[1])  # fmt: skip
    print(
        f"multi-server: {dict(tally.answers)} in {load_seconds:.1f} s, client retries "
        f"{dict(tally.retried)}, {passed_on} requests passed on by nginx, {at_kill} of "
        f"{counts['wanted']} e-mails out at the kill of consumer {victim}, "
        f"{replica_rows} rows read on the replica, {time.monotonic() - killed_at:.1f} s after the kill"
    )

    # Every request answered; nginx passed what server A dropped to server B.
    assert tally.lost == [], tally.lost[:10]
    assert tally.answers["POST 201"] >= CLIENTS and tally.answers["GET 200"] >= 3 * CLIENTS
    # Every acknowledged key stored exactly once, nothing stored that was not acknowledged.
    expected = {**seeded, **tally.acknowledged}
    assert len(counts["codes"]) == len(set(counts["codes"])) == len(expected), (
        len(counts["codes"]), len(expected))  # fmt: skip
    assert set(tally.acknowledged.values()) <= set(counts["codes"])
    assert counts["intake_keys"] == len(expected) and counts["without_one_event"] == 0, counts
    # No job ran twice: one reminder per follow-up (and the watcher's), one e-mail each.
    assert at_kill < counts["wanted"], "the batch finished before the kill: nothing was tested"
    assert counts["notifications"] >= BATCH and counts["keys_doubled"] == 0, counts
    assert counts["emailed"] == counts["wanted"] == counts["notifications"], counts
    assert len(delivered) == counts["wanted"] and max(delivered.values()) == 1, delivered
    # The reads of the pages went to the replica.
    assert replica_rows >= tally.answers["GET 200"], replica_rows
    assert time.monotonic() - started < BUDGET
