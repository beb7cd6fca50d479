"""Change stamps: per-process caches of rarely changed data that stay right across processes.

Some data is read on nearly every request but changes a few times a year: officials' role
assignments and the merges that widen their scope, API tokens, deadline rules and the working
calendar. Reading it again on each request cost more than the request's own work (intake
through the API spent two thirds of its time there). Each such data set has a *stamp*: a row of
:class:`~danvan.core.models.ChangeStamp` whose random token is replaced, inside the same
transaction, whenever a row of the set is saved or deleted (:func:`watch` connects the signals;
bulk writers call :func:`touch` themselves).

A process keeps what it read together with the token it read it under (:class:`StampedCache`).
A request reads all stamps once, in one small query, and trusts a cache only while its token
still matches, so an edit made anywhere is seen by every web worker and task consumer on their
next request. A rolled-back edit restores the old token; what was read under the new one is
never matched again, because random tokens do not repeat (a counter would, after a rollback).
A stamp row that does not exist (a flushed test database) turns caching off for that set.

Writes that bypass model signals (``QuerySet.update``, raw SQL) must call :func:`touch`.
"""

from __future__ import annotations

import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, Generic, TypeVar

from django.db import connection
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save

from . import replicas

ACCESS = "access"  # officials, roles, assignments, API tokens, org units and their history
LEGAL = "legal"  # deadline rules and the working calendar

_snapshot: ContextVar[dict[str, str] | None] = ContextVar("danvan_stamps", default=None)
_TABLE = "core_changestamp"

V = TypeVar("V")


def _read_all() -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT key, token FROM {_TABLE}")  # noqa: S608 (constant name)
        return dict(cursor.fetchall())


def current(key: str) -> str | None:
    """The token of stamp ``key`` as this request sees it (read once per request)."""
    snapshot = _snapshot.get()
    if snapshot is None:
        return _read_all().get(key)
    if not snapshot:
        snapshot.update(_read_all())
        snapshot.setdefault("", "")  # read, even when the table is empty
    return snapshot.get(key)


@contextmanager
def request_snapshot() -> Iterator[None]:
    """Read the stamps at most once inside the block (a request, a task)."""
    token = _snapshot.set({})
    try:
        yield
    finally:
        _snapshot.reset(token)


def touch(key: str) -> None:
    """Give stamp ``key`` a new token, in the current transaction."""
    new = uuid.uuid4().hex
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {_TABLE} SET token = %s WHERE key = %s", [new, key])  # noqa: S608
        if cursor.rowcount == 0:
            cursor.execute(f"INSERT INTO {_TABLE} (key, token) VALUES (%s, %s)", [key, new])  # noqa: S608
    snapshot = _snapshot.get()
    if snapshot:
        snapshot[key] = new


def watch(key: str, *models: type[Model], ignore_fields: frozenset[str] = frozenset()) -> None:
    """Touch stamp ``key`` whenever a row of these models is saved or deleted.

    A save limited to ``ignore_fields`` (``save(update_fields=…)``, e.g. the last sign-in time
    Django stamps at each login) changes nothing cached and does not touch the stamp, so that
    it takes no lock on the stamp's row.
    """

    def changed(sender: Any, **kwargs: Any) -> None:
        if kwargs.get("raw"):  # loaddata writes the fixture's rows as they are
            return
        action = kwargs.get("action")
        if action is not None and not str(action).startswith("post_"):
            return
        fields = kwargs.get("update_fields")
        if fields and ignore_fields and set(fields) <= ignore_fields:
            return
        touch(key)

    for model in models:
        for signal in (post_save, post_delete):
            signal.connect(changed, sender=model, weak=False, dispatch_uid=f"stamp-{key}-{model}")
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through  # type: ignore[attr-defined]
            m2m_changed.connect(
                changed, sender=through, weak=False, dispatch_uid=f"stamp-{key}-{through}"
            )


class StampedCache(Generic[V]):
    """Values read under stamp ``key``; all are dropped when its token changes.

    ``maxsize`` bounds the entries kept (least recently used go first), so a cache keyed by
    official or token cannot grow without limit.
    """

    def __init__(self, key: str, maxsize: int = 4096) -> None:
        self.key = key
        self.maxsize = maxsize
        self._token: str | None = None
        self._values: OrderedDict[Any, V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, name: Any, load: Callable[[], V]) -> V:
        """The value of ``name``, read with ``load`` when it is not kept."""
        return self.get_many([name], lambda _missing: {name: load()})[name]

    def get_many(self, names: list[Any], load: Callable[[list[Any]], dict[Any, V]]) -> dict[Any, V]:
        """The values of ``names``; those not kept are read with one call of ``load``, which
        returns what it found (names it does not return are not kept)."""
        token = current(self.key)
        if token is None:
            with replicas.primary():
                return load(list(names))
        found: dict[Any, V] = {}
        with self._lock:
            if token == self._token:
                for name in names:
                    if name in self._values:
                        self._values.move_to_end(name)
                        found[name] = self._values[name]
        missing = [name for name in names if name not in found]
        if missing:
            # The token came from the primary: data read from a replica that has not yet
            # replayed the change would be kept under the new token, stale until the next one.
            with replicas.primary():
                loaded = load(missing)
            with self._lock:
                if token != self._token:
                    self._values.clear()
                    self._token = token
                self._values.update(loaded)
                while len(self._values) > self.maxsize:
                    self._values.popitem(last=False)
            found.update(loaded)
        return found

    def clear(self) -> None:
        with self._lock:
            self._values.clear()
            self._token = None
