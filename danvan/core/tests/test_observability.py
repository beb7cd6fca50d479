"""Logs a machine can read and metrics Prometheus can scrape, without leaking anyone.

Every log line of a request carries its id and the official's user id, the request line has
method, path, status and duration and never a query string or a secret from the path; task logs
carry the task id. ``/metrics`` counts requests by route, adds up every gunicorn worker's counts,
reports queue depth and overdue obligations, and answers nobody outside its allowance.
"""

from __future__ import annotations

import io
import json
import logging
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.test import Client, override_settings
from huey import MemoryHuey

from danvan.accounts.models import User
from danvan.core import logs, metrics
from danvan.core.obligations import kinds
from danvan.testing.fixtures import Tree, official, signed_in

from .test_settings import run_danvan

MARKER_NAME = "Hoàng Thị Mẫu Đánh Dấu"
MARKER_ID = "079199001234"


@pytest.fixture
def log_lines() -> Iterator[io.StringIO]:
    """Everything logged at INFO and above, formatted as LOG_FORMAT=json formats it."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(logs.ContextFilter())
    handler.setFormatter(logs.JsonFormatter())
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    try:
        yield stream
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)


def parsed(stream: io.StringIO) -> list[dict[str, object]]:
    return [json.loads(line) for line in stream.getvalue().splitlines() if line.strip()]


# --- request ids --------------------------------------------------------------------------------


def test_a_safe_incoming_request_id_is_kept_and_echoed(db: None) -> None:
    response = Client().get("/healthz", HTTP_X_REQUEST_ID="nginx-4f2a9c31")
    assert response["X-Request-ID"] == "nginx-4f2a9c31"


@pytest.mark.parametrize(
    "incoming",
    ["short", "x" * 65, "id with spaces", "id\r\nX-Evil: 1", "<script>alert(1)</script>", "ả" * 10],
)
def test_an_unsafe_incoming_request_id_is_replaced(db: None, incoming: str) -> None:
    response = Client().get("/healthz", HTTP_X_REQUEST_ID=incoming)
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])


# --- log lines --------------------------------------------------------------------------------


def test_the_request_line_names_request_user_route_status_and_duration(
    tree: Tree, log_lines: io.StringIO
) -> None:
    user = official("officer", tree.province, username="tinh.nhatky")
    client = signed_in(user)
    response = client.get("/khong-co-trang-nay/", HTTP_X_REQUEST_ID="req-0000-1111")
    assert response.status_code == 404
    records = parsed(log_lines)
    mine = [r for r in records if r.get("request_id") == "req-0000-1111"]
    # Django's own "Not Found" warning, logged inside the request, carries the id too.
    assert {r["logger"] for r in mine} >= {"django.request", "danvan.request"}
    (line,) = [r for r in mine if r["logger"] == "danvan.request"]
    assert line["method"] == "GET"
    assert line["path"] == "/khong-co-trang-nay/"
    assert line["status"] == 404
    assert isinstance(line["duration_ms"], float) and line["duration_ms"] >= 0
    assert line["user_id"] == user.pk
    assert line["level"] == "INFO" and line["time"]


def test_an_anonymous_request_has_no_user_id(db: None, log_lines: io.StringIO) -> None:
    Client().get("/healthz")
    (line,) = [r for r in parsed(log_lines) if r["logger"] == "danvan.request"]
    assert "user_id" not in line
    assert line["route"] == "healthz" and line["status"] == 200


def test_no_name_identity_number_or_tracking_code_reaches_the_log(
    tree: Tree, log_lines: io.StringIO
) -> None:
    """A search for a denouncer's name, an identity number and a citizen's tracking code are
    in the query string and the path; the log keeps neither (Luật Tố cáo 2018, Điều 47)."""
    user = official("officer", tree.province, username="tinh.timkiem")
    client = signed_in(user)
    client.get("/petitions/", {"q": MARKER_NAME})
    client.get("/api/v1/petitions/", {"q": MARKER_ID}, HTTP_AUTHORIZATION="Bearer sai")
    Client().get("/portal/petitions/MA-BI-MAT-7Q4Z/")
    text = log_lines.getvalue()
    assert MARKER_NAME not in text and MARKER_ID not in text
    assert "MA-BI-MAT-7Q4Z" not in text
    paths = [r["path"] for r in parsed(log_lines) if r["logger"] == "danvan.request"]
    assert paths == ["/petitions/", "/api/v1/petitions/", "/portal/petitions/{code}/"]


def test_text_lines_tag_the_request() -> None:
    record = logging.LogRecord("danvan.x", logging.INFO, __file__, 1, "việc %s", ("xong",), None)
    token = logs.bind_request("req-12345678", None)
    try:
        logs.ContextFilter().filter(record)
    finally:
        logs.unbind(token)
    line = logs.TextFormatter().format(record)
    assert line.endswith("INFO danvan.x [req=req-12345678] việc xong")


def test_task_logs_carry_the_task_id() -> None:
    huey = MemoryHuey(immediate=True)
    logs.install_task_context(huey)
    seen: list[tuple[str | None, str | None]] = []

    class Catch(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            seen.append((getattr(record, "task_id", None), getattr(record, "task_name", None)))

    handler = Catch()
    handler.addFilter(logs.ContextFilter())
    log = logging.getLogger("danvan.tests.task")
    log.addHandler(handler)
    log.setLevel(logging.INFO)

    @huey.task()
    def remind() -> None:
        log.info("đang nhắc việc")

    try:
        token = logs.bind_request("req-outer-0001", None)
        result = remind()
        # After the task, the request's own context is back.
        assert logs.current_request_id() == "req-outer-0001"
        logs.unbind(token)
        log.info("ngoài tác vụ")
    finally:
        log.removeHandler(handler)
    assert seen == [(result.id, "remind"), (None, None)]


def test_the_task_consumer_is_wired() -> None:
    from huey.contrib.djhuey import HUEY

    assert "danvan.logs.bind" in HUEY._pre_execute
    assert "danvan.logs.unbind" in HUEY._post_execute


def test_log_format_is_a_setting_and_a_wrong_one_is_refused() -> None:
    default = run_danvan(
        "shell", "-c", "from django.conf import settings; print(settings.LOG_FORMAT)",
        LOG_FORMAT="",
    )  # fmt: skip
    assert default.stdout.strip().splitlines()[-1] == "text"
    wrong = run_danvan("check", LOG_FORMAT="xml")
    assert wrong.returncode == 2
    assert "Cấu hình sai ở biến môi trường LOG_FORMAT" in wrong.stderr


def test_json_lines_from_a_management_command() -> None:
    result = run_danvan(
        "shell", "-c", "import logging; logging.getLogger('danvan.x').warning('thử %s', 1)",
        LOG_FORMAT="json",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    line = json.loads(result.stderr.strip().splitlines()[-1])
    assert line["message"] == "thử 1" and line["level"] == "WARNING"
    assert line["logger"] == "danvan.x"


# --- metrics: who may read them ------------------------------------------------------------------


def test_metrics_are_refused_to_anyone_outside_the_allowance(db: None) -> None:
    assert Client(REMOTE_ADDR="203.0.113.9").get("/metrics").status_code == 404


def test_metrics_answer_an_allowed_address(db: None) -> None:
    response = Client(REMOTE_ADDR="127.0.0.1").get("/metrics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert b"danvan_http_requests_total" in response.content


def test_a_request_relayed_by_an_untrusted_proxy_is_not_let_in_by_address(db: None) -> None:
    """Behind an nginx on the same machine that is not declared, everyone is 127.0.0.1."""
    client = Client(REMOTE_ADDR="127.0.0.1")
    assert client.get("/metrics", HTTP_X_FORWARDED_FOR="203.0.113.9").status_code == 404
    with override_settings(TRUSTED_PROXIES=[__import__("ipaddress").ip_network("127.0.0.1")]):
        relayed = client.get("/metrics", HTTP_X_FORWARDED_FOR="203.0.113.9")
        assert relayed.status_code == 404  # the real client is outside the allowance
        local = client.get("/metrics", HTTP_X_FORWARDED_FOR="127.0.0.1")
        assert local.status_code == 200


@override_settings(METRICS_TOKEN="t" * 40, METRICS_ALLOW_IPS=[])
def test_metrics_answer_the_bearer_token_only(db: None) -> None:
    client = Client(REMOTE_ADDR="203.0.113.9")
    assert client.get("/metrics").status_code == 404
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer " + "t" * 39).status_code == 404
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer " + "t" * 40).status_code == 200
    assert Client(REMOTE_ADDR="127.0.0.1").get("/metrics").status_code == 404
    assert client.post("/metrics", HTTP_AUTHORIZATION="Bearer " + "t" * 40).status_code == 404


def test_production_allows_no_address_by_default_and_refuses_a_short_token() -> None:
    production = {
        "DANVAN_ENV": "production",
        "SECRET_KEY": "k" * 60,
        "ALLOWED_HOSTS": "danvan.example.vn",
    }
    shown = run_danvan(
        "shell", "-c", "from django.conf import settings; print(settings.METRICS_ALLOW_IPS)",
        **production,
    )  # fmt: skip
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.strip().splitlines()[-1] == "[]"
    short = run_danvan("check", METRICS_TOKEN="ngan", **production)
    assert short.returncode == 2
    assert "METRICS_TOKEN" in short.stderr


# --- metrics: what they say ----------------------------------------------------------------------


def sample(text: str, name: str, **labels: str) -> float:
    """The value of one sample of the exposition text."""
    for line in text.splitlines():
        if not line.startswith(name + "{") and not line.startswith(name + " "):
            continue
        found = dict(re.findall(r'(\w+)="([^"]*)"', line.split("}")[0]))
        if all(found.get(k) == v for k, v in labels.items()):
            return float(line.rsplit(" ", 1)[1])
    raise AssertionError(f"no sample {name} {labels}")


def test_requests_are_counted_by_route_pattern_with_latency(tree: Tree) -> None:
    user = official("officer", tree.province, username="tinh.dodem")
    client = signed_in(user)
    route = "petitions/<id:pk>/"
    before = client.get("/metrics").text
    try:
        count_before = sample(before, "danvan_http_requests_total", route=route, status="404")
    except AssertionError:
        count_before = 0
    for pk in (999001, 999002, 999003):
        assert client.get(f"/petitions/{pk}/").status_code == 404
    after = client.get("/metrics").text
    assert (
        sample(after, "danvan_http_requests_total", route=route, status="404") == count_before + 3
    )
    assert sample(after, "danvan_http_request_duration_seconds_count", route=route) >= 3
    assert 'le="0.3"' in after
    # One series per pattern, not per id.
    assert "999001" not in after


@override_settings(METRICS_DOMAIN_CACHE_SECONDS=0)
def test_overdue_obligations_are_counted_per_kind(tree: Tree) -> None:
    from danvan.petitions.tests.factories import make_petition

    handler = official("reception_officer", tree.commune, username="xa.quahan")
    client = Client(REMOTE_ADDR="127.0.0.1")
    text = client.get("/metrics").text
    for kind in kinds():
        if kind.model is not None:
            assert sample(text, "danvan_obligations_overdue", kind=kind.key) == 0
    # Received in March, never answered: its step's due date has long passed.
    make_petition(handler, tree.commune)
    make_petition(handler, tree.commune, title="Đề nghị sửa đường liên thôn")
    text = client.get("/metrics").text
    assert sample(text, "danvan_obligations_overdue", kind="petitions.step") == 2
    assert sample(text, "danvan_obligations_overdue", kind="plans.task") == 0


def test_domain_figures_are_cached(db: None, monkeypatch: pytest.MonkeyPatch) -> None:
    from django.core.cache import cache

    cache.delete(metrics.DOMAIN_CACHE_KEY)
    calls: list[int] = []

    def counted() -> dict[str, int]:
        calls.append(1)
        return {}

    monkeypatch.setattr(metrics, "overdue_counts", counted)
    client = Client(REMOTE_ADDR="127.0.0.1")
    client.get("/metrics")
    client.get("/metrics")
    assert calls == [1]
    cache.delete(metrics.DOMAIN_CACHE_KEY)


@override_settings(METRICS_DOMAIN_CACHE_SECONDS=0)
def test_queue_depth_counts_waiting_tasks(db: None, tmp_path: Path) -> None:
    from huey import SqliteHuey

    queue = SqliteHuey("danvan-test", filename=str(tmp_path / "q.sqlite3"))

    @queue.task()
    def later() -> None:
        pass

    later.schedule(delay=3600)
    later()
    later()
    from unittest import mock

    def depth() -> tuple[float, float]:
        with mock.patch("huey.contrib.djhuey.HUEY", queue):
            text = Client(REMOTE_ADDR="127.0.0.1").get("/metrics").text
        return (
            sample(text, "danvan_task_queue_depth", state="pending"),
            sample(text, "danvan_task_queue_depth", state="scheduled"),
        )

    assert depth() == (3, 0)
    # What the consumer does with a task due later: takes it off the queue into the schedule.
    task = queue.dequeue()
    assert task is not None and task.eta is not None
    queue.add_schedule(task)
    assert depth() == (2, 1)


WORKER = """
import sys
from danvan.core import metrics
for _ in range(int(sys.argv[1])):
    metrics.observe_request("GET", "healthz", 200, 0.02)
"""


def test_counts_of_separate_processes_add_up(tmp_path: Path) -> None:
    """What gunicorn's workers do: each counts into the shared directory, a scrape adds up."""
    from prometheus_client import CollectorRegistry, generate_latest
    from prometheus_client.multiprocess import MultiProcessCollector

    env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(tmp_path)}
    for n in (7, 5):
        subprocess.run([sys.executable, "-c", WORKER, str(n)], env=env, check=True)
    registry = CollectorRegistry()
    MultiProcessCollector(registry, path=str(tmp_path))
    text = generate_latest(registry).decode()
    assert sample(text, "danvan_http_requests_total", route="healthz", status="200") == 12
    assert sample(text, "danvan_http_request_duration_seconds_count", route="healthz") == 12


def test_each_obligation_kind_with_rows_names_its_model() -> None:
    with_model = {k.key for k in kinds() if k.model is not None}
    assert {"petitions.step", "plans.task", "plans.obligation", "dialogues.follow_up"} <= with_model
    for kind in kinds():
        if kind.model is not None:
            assert kind.model.due_date_field and kind.model.open_q is not None


def test_a_user_id_is_never_read_by_making_authentication_happen(tree: Tree) -> None:
    """The filter looks at request.user only once something else has resolved it."""
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory
    from django.utils.functional import SimpleLazyObject

    user: User = official("officer", tree.province, username="tinh.luoi")
    request = RequestFactory().get("/")
    touched: list[int] = []

    def resolve() -> User:
        touched.append(1)
        return user

    request.user = SimpleLazyObject(resolve)  # type: ignore[assignment]
    assert logs.user_id_of(request) is None and touched == []
    assert request.user.pk == user.pk
    assert logs.user_id_of(request) == user.pk
    request.user = AnonymousUser()
    assert logs.user_id_of(request) is None


def test_serve_adds_up_its_workers_and_writes_json_lines(tmp_path: Path) -> None:
    """The real server: two gunicorn workers share the load; /metrics counts every request
    once whichever worker answers, and every request line is JSON with its request id."""
    import http.client
    import signal
    import socket
    import time

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE"}}
    env.update(DANVAN_VAR_DIR=str(tmp_path), DANVAN_ENV="demo", LOG_FORMAT="json")
    env.pop("DATABASE_URL", None)
    log_path = tmp_path / "server.log"

    def get(path: str, request_id: str = "") -> tuple[int, bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.request("GET", path, headers={"X-Request-ID": request_id} if request_id else {})
        answer = conn.getresponse()
        body = answer.read()
        conn.close()
        return answer.status, body

    with log_path.open("wb") as log_file:
        server = subprocess.Popen(
            [sys.executable, "-m", "danvan.cli", "serve", "--port", str(port), "--workers", "2",
             "--no-consumer"],
            env=env, stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        try:
            healthy = 0
            deadline = time.monotonic() + 90
            while time.monotonic() < deadline and not healthy:
                time.sleep(0.3)
                try:
                    healthy += get("/healthz")[0] == 200
                except OSError:
                    pass
            assert healthy
            for i in range(30):
                status, body = get("/healthz", request_id=f"e2e-request-{i:04d}")
                healthy += status == 200
            status, body = get("/metrics")
            assert status == 200
            text = body.decode()
            assert sample(text, "danvan_http_requests_total", route="healthz", status="200") == (
                healthy
            )
            # Not migrated: the overdue counts cannot be read, the request metrics still are.
            assert sample(text, "danvan_domain_figures_up") == 0
            time.sleep(0.5)
            lines = [json.loads(x) for x in log_path.read_text().splitlines() if x.startswith("{")]
            requests = [x for x in lines if x.get("logger") == "danvan.request"]
            ids = {x["request_id"] for x in requests}
            assert {f"e2e-request-{i:04d}" for i in range(30)} <= ids
            assert all(x["path"] in {"/healthz", "/metrics"} for x in requests)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)


def test_a_logged_path_names_whole_text_segments_and_keeps_ids() -> None:
    from types import SimpleNamespace

    from danvan.core.logs import loggable_path

    api = SimpleNamespace(
        path="/api/v1/plans/1", resolver_match=SimpleNamespace(kwargs={"plan_id": "1"})
    )
    assert loggable_path(api) == "/api/v1/plans/1"
    code = "AB12CD"
    portal = SimpleNamespace(
        path=f"/portal/petitions/{code}/", resolver_match=SimpleNamespace(kwargs={"code": code})
    )
    assert loggable_path(portal) == "/portal/petitions/{code}/"


# --- metrics: the task consumer's work -----------------------------------------------------------


@override_settings(METRICS_DOMAIN_CACHE_SECONDS=0)
def test_task_runs_counted_by_the_consumer_are_read_by_the_web_server(
    db: None, tmp_path: Path
) -> None:
    """The consumer and the web server share only the queue's storage (here a SQLite file, as
    without Redis): what one counts there, the other's /metrics reports."""
    from unittest import mock

    from huey import SqliteHuey

    from danvan.core import task_metrics

    filename = str(tmp_path / "q.sqlite3")
    consumer = SqliteHuey("danvan-test", filename=filename)
    task_metrics.install(consumer)

    @consumer.task(name="tests.fine")
    def fine() -> None:
        pass

    @consumer.task(name="tests.broken")
    def broken() -> None:
        raise ValueError("hỏng")

    @consumer.task(name="tests.flaky", retries=1)
    def flaky() -> None:
        raise ConnectionError("mạng chập chờn")

    fine(), fine(), broken(), flaky()
    # What a consumer's worker does with each message (the retried one is requeued once).
    for _ in range(10):
        task = consumer.dequeue()
        if task is None:
            break
        consumer.execute(task)

    web = SqliteHuey("danvan-test", filename=filename)  # another process's view of the storage
    fine_, broken_, flaky_ = names = [
        consumer._registry.task_to_string(type(t.s())) for t in (fine, broken, flaky)
    ]
    with (
        mock.patch("huey.contrib.djhuey.HUEY", web),
        mock.patch.object(task_metrics, "task_names", lambda: names),
    ):
        text = Client(REMOTE_ADDR="127.0.0.1").get("/metrics").text

    def runs(task: str, outcome: str) -> float:
        return sample(text, "danvan_task_runs_total", task=task, outcome=outcome)

    assert [runs(fine_, o) for o in ("started", "completed", "failed", "retried")] == [
        2, 2, 0, 0,
    ]  # fmt: skip
    assert [runs(broken_, o) for o in ("started", "completed", "failed", "retried")] == [
        1, 0, 1, 0,
    ]  # fmt: skip
    # Failed, was requeued, ran again and failed once more (no retries left).
    assert [runs(flaky_, o) for o in ("started", "completed", "failed", "retried")] == [
        2, 0, 2, 1,
    ]  # fmt: skip
    assert sample(text, "danvan_task_duration_seconds_count", task=fine_) == 2
    assert sample(text, "danvan_task_duration_seconds_bucket", task=fine_, le="+Inf") == 2
    assert sample(text, "danvan_task_duration_seconds_bucket", task=fine_, le="0.1") == 2
    assert sample(text, "danvan_task_duration_seconds_count", task=broken_) == 1


@override_settings(METRICS_DOMAIN_CACHE_SECONDS=0)
def test_a_project_task_run_shows_at_metrics(db: None) -> None:
    """The wiring: the platform's own queue counts its tasks (immediate mode in tests)."""
    from danvan.core.tasks import remind_obligations

    def started() -> float:
        text = Client(REMOTE_ADDR="127.0.0.1").get("/metrics").text
        task = "danvan.core.tasks.remind_obligations"
        assert sample(text, "danvan_task_duration_seconds_count", task=task) >= 0
        return sample(text, "danvan_task_runs_total", task=task, outcome="completed")

    before = started()
    remind_obligations()
    assert started() == before + 1
