"""With ``REDIS_URL`` set, rate limits are counted in Redis, shared by every machine.

A redis-server of the test's own (``danvan.testing.redisserver``, a free port, never the shared
one) serves the tests that need it; they are skipped only where the binary is absent. The
fallback to the database when Redis does not answer needs no server at all: it points at a
port where nothing listens.
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import redis
from django.test import Client

from danvan.core import ratelimit
from danvan.core.models import RateHit
from danvan.testing import redisserver
from danvan.testing.pgcluster import free_port

pytestmark = pytest.mark.django_db

needs_redis = pytest.mark.skipif(bool(redisserver.missing()), reason=redisserver.missing() or "")

HOUR_MS = 3_600_000


@pytest.fixture(scope="module")
def redis_port() -> Iterator[int]:
    with tempfile.TemporaryDirectory(prefix="danvan-ratelimit-redis-") as folder:
        with redisserver.redis_server(Path(folder), free_port()) as port:
            yield port


@pytest.fixture(autouse=True)
def fresh_clients(monkeypatch: pytest.MonkeyPatch) -> None:
    # Each test starts as a freshly started process: no client yet, Redis not known to be down.
    monkeypatch.setattr(ratelimit, "_clients", {})
    monkeypatch.setattr(ratelimit, "_down_until", {})


@pytest.fixture
def shared(redis_port: int, settings: Any) -> Iterator[redis.Redis]:
    """The Redis every machine of the test talks to, emptied; REDIS_URL pointing at it."""
    settings.REDIS_URL = f"redis://127.0.0.1:{redis_port}/0"
    direct = redis.Redis(port=redis_port)
    direct.flushall()
    yield direct
    direct.close()


def _age(direct: redis.Redis, bucket: str, milliseconds: int, first: int | None = None) -> None:
    """Move the hits of ``bucket`` (the ``first`` oldest, or all) back in time."""
    key = ratelimit.key(bucket)
    members: list[tuple[bytes, float]] = direct.zrange(  # type: ignore[assignment]
        key, 0, -1 if first is None else first - 1, withscores=True
    )
    direct.zadd(key, {member: score - milliseconds for member, score in members})


@needs_redis
def test_two_machines_count_one_window_in_redis(
    shared: redis.Redis, monkeypatch: pytest.MonkeyPatch
) -> None:
    bucket = "portal:submit:203.0.113.5"
    # Each machine has its own client and connection pool (as two app servers would).
    machine_a: dict[str, Any] = {}
    machine_b: dict[str, Any] = {}
    monkeypatch.setattr(ratelimit, "_clients", machine_a)
    on_a = [ratelimit.hit(bucket, 3) for _ in range(3)]
    monkeypatch.setattr(ratelimit, "_clients", machine_b)
    on_b = [ratelimit.hit(bucket, 3) for _ in range(2)]
    assert on_a == [False, False, False]
    assert on_b == [True, True], "machine B admitted hits beyond the limit machine A had used"
    assert ratelimit.count(bucket) == 5
    # Two clients really connected, and the hits live in Redis, not in the database.
    client_a = machine_a[shared_url(shared)][0].registered_client
    client_b = machine_b[shared_url(shared)][0].registered_client
    assert client_a is not client_b and client_a.connection_pool is not client_b.connection_pool
    assert len(shared.client_list()) >= 3  # A, B and this test's own
    assert shared.zcard(ratelimit.key(bucket)) == 5
    assert 0 < shared.ttl(ratelimit.key(bucket)) <= ratelimit.KEEP.total_seconds()
    assert RateHit.objects.count() == 0
    # Another bucket has its own count.
    assert ratelimit.hit("portal:submit:203.0.113.6", 3) is False


def shared_url(direct: redis.Redis) -> str:
    port = direct.connection_pool.connection_kwargs["port"]
    return f"redis://127.0.0.1:{port}/0"


@needs_redis
def test_hits_leave_the_window_and_old_ones_are_trimmed(shared: redis.Redis) -> None:
    bucket = "login-failures:198.51.100.7"
    assert [ratelimit.hit(bucket, 3) for _ in range(4)] == [False, False, False, True]
    # Two hours later none of them is in an hour's window, but all are in a day's.
    _age(shared, bucket, 2 * HOUR_MS)
    assert ratelimit.count(bucket) == 0
    assert ratelimit.count(bucket, window=3 * 3600) == 4
    assert ratelimit.hit(bucket, 3) is False
    # Day-old hits are deleted as a new one arrives.
    _age(shared, bucket, 48 * HOUR_MS)
    ratelimit.hit(bucket, 3)
    assert shared.zcard(ratelimit.key(bucket)) == 1
    assert RateHit.objects.count() == 0


@needs_redis
def test_refused_hits_keep_a_hammering_client_out(shared: redis.Redis) -> None:
    bucket = "portal:submit:192.0.2.9"
    assert [ratelimit.hit(bucket, 2) for _ in range(5)] == [False, False, True, True, True]
    # The two admitted hits leave the window; the three refused ones are still in it, so the
    # client stays out instead of getting in at the window's edge.
    _age(shared, bucket, 2 * HOUR_MS, first=2)
    assert ratelimit.count(bucket) == 3
    assert ratelimit.hit(bucket, 2) is True
    # Once the refused ones have left too, it is admitted again.
    _age(shared, bucket, 2 * HOUR_MS)
    assert ratelimit.hit(bucket, 2) is False


@needs_redis
def test_the_login_limit_is_counted_in_redis(shared: redis.Redis, settings: Any) -> None:
    settings.LOGIN_FAILURES_PER_ADDRESS_PER_HOUR = 3
    client = Client(REMOTE_ADDR="198.51.100.20")
    statuses = [
        client.post("/accounts/login/", {"username": f"ai{n}", "password": "sai"}).status_code
        for n in range(4)
    ]
    assert statuses == [200, 200, 200, 429]
    assert shared.zcard(ratelimit.key("login-failures:198.51.100.20")) == 3
    assert RateHit.objects.count() == 0


def test_redis_down_counts_in_the_database_and_pages_serve(
    settings: Any, caplog: pytest.LogCaptureFixture
) -> None:
    settings.REDIS_URL = f"redis://127.0.0.1:{free_port()}/0"  # nothing listens there
    settings.LOGIN_FAILURES_PER_ADDRESS_PER_HOUR = 3
    with caplog.at_level(logging.WARNING, logger="danvan.core.ratelimit"):
        assert [ratelimit.hit("portal:submit:192.0.2.50", 2) for _ in range(3)] == [
            False, False, True,
        ]  # fmt: skip
        assert ratelimit.count("portal:submit:192.0.2.50") == 3
        client = Client(REMOTE_ADDR="192.0.2.51")
        statuses = [
            client.post("/accounts/login/", {"username": f"ai{n}", "password": "sai"}).status_code
            for n in range(4)
        ]
    assert statuses == [200, 200, 200, 429]
    assert RateHit.objects.filter(bucket="portal:submit:192.0.2.50").count() == 3
    assert RateHit.objects.filter(bucket="login-failures:192.0.2.51").count() == 3
    warnings = [r for r in caplog.records if r.name == "danvan.core.ratelimit"]
    # Said once, not per request: Redis is not asked again for a while after it failed.
    assert len(warnings) == 1 and "Redis did not answer" in warnings[0].getMessage()
    assert warnings[0].levelno == logging.WARNING


@needs_redis
def test_redis_is_asked_again_once_the_pause_is_over(
    shared: redis.Redis, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = shared_url(shared)
    monkeypatch.setitem(ratelimit._down_until, url, float("inf"))
    ratelimit.hit("portal:submit:192.0.2.60", 5)
    assert RateHit.objects.count() == 1 and shared.dbsize() == 0
    monkeypatch.setitem(ratelimit._down_until, url, 0.0)
    ratelimit.hit("portal:submit:192.0.2.60", 5)
    assert (
        RateHit.objects.count() == 1
        and shared.zcard(ratelimit.key("portal:submit:192.0.2.60")) == 1
    )
