"""Rate limits shared by every worker and machine: a sliding window counted in Redis when
``REDIS_URL`` is set, in the database otherwise.

A limit counted in one process's memory (Django's local-memory cache) lets each of gunicorn's
workers admit its own quota: 21 portal filings from one address in an hour against a limit of 5
with five workers. Here a request is admitted while the hits of its bucket in the last
``window`` seconds, its own included, are at most ``limit``. Refused hits count too, so
hammering keeps a client out rather than letting it in at the window's edge.

Where the hits are kept:

- **Redis** (``REDIS_URL`` set, several machines): each bucket is one sorted set,
  ``danvan:ratelimit:<bucket>``, a member per hit scored by its time in milliseconds. One Lua
  script (:data:`_HIT`) trims hits older than :data:`KEEP`, adds this one, renews the key's
  expiry and counts the window. A script runs atomically on the server, so two machines
  hitting one bucket at once never both see the last free place; and it takes the time from
  Redis (``TIME``), not from the calling machine, so app servers whose clocks disagree still
  share one window. A script rather than ``MULTI`` with ``ZADD``/``ZREMRANGEBYSCORE``/
  ``ZCOUNT``: the same atomicity in one round trip, with the server's clock. Nothing is written
  to the database, so the busiest pages (the portal) put no rows on the primary.
- **The database** (no ``REDIS_URL``, one machine): each hit is a :class:`RateHit` row,
  counted with the same rule.

Redis down must not take pages down (``core/tests/test_redis_down.py``): a hit or count that
Redis does not answer (refused, timed out, any ``RedisError``) is counted in the database
instead, with a warning in the log, and Redis is not asked again for :data:`RETRY_SECONDS` so
that a Redis that hangs costs one timeout, not one per request. While it is down each app
server counts in the shared database, so the limit still holds across machines; the hits of
the outage and those in Redis are not added together, so a client may get up to twice its
quota across the moment Redis stops or comes back.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
import uuid
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import RateHit

log = logging.getLogger(__name__)

#: Hits older than this are deleted as new ones arrive; no window is longer.
KEEP = dt.timedelta(days=1)
#: Prefix of the Redis keys, one sorted set per bucket.
PREFIX = "danvan:ratelimit:"
#: After Redis failed to answer, count in the database for this long before asking it again.
RETRY_SECONDS = 5.0
#: Redis answers in well under a millisecond; waiting longer only holds the request up.
TIMEOUT_SECONDS = 0.5

# KEYS[1] the bucket's set; ARGV: window (ms), keep (ms), this hit's member, expiry (s).
# Returns the hits within the window, this one included.
_HIT = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', string.format('%d', now - tonumber(ARGV[2])))
redis.call('ZADD', KEYS[1], string.format('%d', now), ARGV[3])
redis.call('EXPIRE', KEYS[1], ARGV[4])
return redis.call('ZCOUNT', KEYS[1], string.format('(%d', now - tonumber(ARGV[1])), '+inf')
"""

# KEYS[1] the bucket's set; ARGV[1] the window (ms). Read only.
_COUNT = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
return redis.call('ZCOUNT', KEYS[1], string.format('(%d', now - tonumber(ARGV[1])), '+inf')
"""

#: Per Redis URL, this process's client (its own connection pool) as the two scripts, which
#: are sent by digest (EVALSHA) and loaded again only when Redis has forgotten them.
_clients: dict[str, tuple[Any, Any]] = {}
#: Per Redis URL, the monotonic time before which Redis is not asked again.
_down_until: dict[str, float] = {}


def _scripts() -> tuple[Any, Any] | None:
    """This process's hit and count scripts on the shared Redis, or None to use the database."""
    url = settings.REDIS_URL
    if not url or _down_until.get(url, 0.0) > time.monotonic():
        return None
    scripts = _clients.get(url)
    if scripts is None:
        import redis

        client = redis.Redis.from_url(
            url, socket_connect_timeout=TIMEOUT_SECONDS, socket_timeout=TIMEOUT_SECONDS
        )
        scripts = _clients[url] = (client.register_script(_HIT), client.register_script(_COUNT))
    return scripts


def _failed(exc: Exception) -> None:
    url = settings.REDIS_URL
    _down_until[url] = time.monotonic() + RETRY_SECONDS
    log.warning(
        "Rate limits are counted in the database for %.0f s: Redis did not answer (%s: %s).",
        RETRY_SECONDS, type(exc).__name__, exc,
    )  # fmt: skip


def key(bucket: str) -> str:
    """The Redis key holding ``bucket``'s hits."""
    return PREFIX + bucket[:120]


def hit(bucket: str, limit: int, window: int = 3600) -> bool:
    """Count one request in ``bucket``; True when it is over ``limit`` within ``window`` s."""
    scripts = _scripts()
    if scripts is not None:
        import redis

        keep = int(KEEP.total_seconds())
        try:
            hits = scripts[0](
                keys=[key(bucket)], args=[window * 1000, keep * 1000, uuid.uuid4().hex, keep]
            )
        except redis.RedisError as exc:
            _failed(exc)
        else:
            return int(hits) > limit
    return _hit_in_database(bucket, limit, window)


def count(bucket: str, window: int = 3600) -> int:
    """How many hits ``bucket`` has had within ``window`` s (read only)."""
    scripts = _scripts()
    if scripts is not None:
        import redis

        try:
            return int(scripts[1](keys=[key(bucket)], args=[window * 1000]))
        except redis.RedisError as exc:
            _failed(exc)
    since = timezone.now() - dt.timedelta(seconds=window)
    return RateHit.objects.filter(bucket=bucket[:120], at__gt=since).count()


def _hit_in_database(bucket: str, limit: int, window: int) -> bool:
    now = timezone.now()
    bucket = bucket[:120]
    with transaction.atomic():
        RateHit.objects.filter(bucket=bucket, at__lt=now - KEEP).delete()
        RateHit.objects.create(bucket=bucket, at=now)
        count = RateHit.objects.filter(bucket=bucket, at__gt=now - dt.timedelta(seconds=window))
        return count.count() > limit


__all__ = ["count", "hit", "key"]
