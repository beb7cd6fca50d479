"""Read-only pages from a streaming replica, every write and what follows it from the primary.

With ``DATABASE_REPLICA_URL`` set (a hot standby of ``DATABASE_URL``), settings add a ``replica``
database alias and :class:`ReplicaRouter`. :class:`ReplicaMiddleware` then serves a safe request
(GET, HEAD, OPTIONS) with its reads on the replica, and everything else on the primary. Three
rules keep what a reader sees right:

- **Read your writes.** A replica is a little behind (milliseconds on a quiet network, more under
  load). A client that has just written is pinned to the primary for ``REPLICA_PIN_SECONDS``: a
  browser by a cookie (any app server honours it; no shared state needed), an API client, which
  keeps no cookies, by its ``Authorization`` header's digest in the shared cache (Redis).
- **Transactions read where they write.** Inside ``transaction.atomic`` on the primary (a
  service called from a GET, ``select_for_update``) reads go to the primary; once a safe request
  has written anything, the rest of it reads the primary; and an object read from one database
  reads its relations from the same one.
- **Caches checked against change stamps load from the primary.** The stamps are read from the
  primary (:mod:`danvan.core.stamps`); data loaded from a lagging replica under a newer stamp
  would stay cached, stale, until the next change (a revoked role kept). ``StampedCache`` loads
  inside :func:`primary`.

Task consumers, management commands and the migrations know nothing of the replica: without a
request they read from the primary, and the router never migrates the replica (it is read-only;
it receives the primary's schema by replication).
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.http import HttpRequest, HttpResponse

PRIMARY = "default"
REPLICA = "replica"
#: The cookie that pins a browser to the primary: the Unix time until which it is pinned.
PIN_COOKIE = "danvan_primary"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

_reads: ContextVar[str] = ContextVar("danvan_read_alias", default=PRIMARY)
log = logging.getLogger(__name__)


def enabled() -> bool:
    return REPLICA in settings.DATABASES


def read_alias() -> str:
    """Where a read made now, outside any transaction, goes."""
    return _reads.get()


@contextmanager
def reading_from(alias: str) -> Iterator[None]:
    token = _reads.set(alias)
    try:
        yield
    finally:
        _reads.reset(token)


def primary() -> Any:
    """Reads inside the block go to the primary (whatever the request is)."""
    return reading_from(PRIMARY)


class ReplicaRouter:
    """Reads where :func:`read_alias` says (see the module docstring); writes to the primary."""

    def db_for_read(self, model: Any, **hints: Any) -> str:
        instance = hints.get("instance")
        if instance is not None and getattr(instance._state, "db", None):
            return str(instance._state.db)
        alias = _reads.get()
        if alias != PRIMARY and connections[PRIMARY].in_atomic_block:
            return PRIMARY
        return alias

    def db_for_write(self, model: Any, **hints: Any) -> str:
        # A safe request that writes (a token's last use, a get_or_create) reads the primary
        # from then on: what it reads next may be what it has just written. The request's
        # ``reading_from`` block restores the value when it ends.
        if _reads.get() != PRIMARY:
            _reads.set(PRIMARY)
        return PRIMARY

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        return True  # the replica holds the primary's rows: the same database

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == PRIMARY


def _credential_key(request: HttpRequest) -> str | None:
    authorization = request.headers.get("Authorization", "")
    if not authorization:
        return None
    return "replica-pin:" + hashlib.sha256(authorization.encode()).hexdigest()[:32]


def _pinned(request: HttpRequest) -> bool:
    try:
        if float(request.COOKIES.get(PIN_COOKIE, "0")) > time.time():
            return True
    except ValueError:
        pass
    key = _credential_key(request)
    if key is None:
        return False
    try:
        return bool(cache.get(key))
    except Exception:  # Redis down: the page is still served, from the replica
        log.warning("Không đọc được dấu ghim máy chủ chính.", exc_info=True)
        return False


def _pin(request: HttpRequest, response: HttpResponse) -> None:
    seconds = settings.REPLICA_PIN_SECONDS
    if not seconds:
        return
    response.set_cookie(
        PIN_COOKIE, f"{time.time() + seconds:.0f}", max_age=seconds, httponly=True,
        samesite="Lax", secure=settings.SESSION_COOKIE_SECURE,
    )  # fmt: skip
    key = _credential_key(request)
    if key is not None:
        try:
            cache.set(key, 1, seconds)
        except Exception:
            log.warning("Không ghi được dấu ghim máy chủ chính.", exc_info=True)


class ReplicaMiddleware:
    """Serve a safe request from the replica unless its client has just written."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not enabled():
            return self.get_response(request)
        if request.method in SAFE_METHODS:
            if _pinned(request):
                return self.get_response(request)
            with reading_from(REPLICA):
                return self.get_response(request)
        response = self.get_response(request)
        _pin(request, response)
        return response


__all__ = [
    "PIN_COOKIE",
    "PRIMARY",
    "REPLICA",
    "ReplicaMiddleware",
    "ReplicaRouter",
    "enabled",
    "primary",
    "read_alias",
    "reading_from",
]
