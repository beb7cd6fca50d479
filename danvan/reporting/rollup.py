"""Province totals: approved values pre-summed per form, period, element and province.

:class:`~danvan.reporting.models.ProvinceTotal` is derived from :class:`DataValue` and kept in
step with it inside the transaction that changes which values are approved (approval, unlock),
so consolidation stays real time — there is no overnight job. A refresh recomputes the rows of
one province from its approved values (one index range scan, a few thousand rows at most), which
also keeps minimum and maximum right when values leave the total.

Concurrency: a refresh first takes a transaction-scoped advisory lock per form × period ×
province on PostgreSQL, and only then reads the values; under READ COMMITTED that read sees
every transaction that refreshed the same province before, so two approvals in one province at
the same moment cannot lose each other's figures. SQLite has a single writer anyway.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection, transaction

from danvan.core.scoping import subtree_upper_bound
from danvan.orgs.paths import SEGMENT_WIDTH

_SELECT = f"""
    SELECT t.form_id, t.period, t.element_id, u.id, t.prefix, t.n, t.total, t.low, t.high
    FROM (
        SELECT form_id, period, element_id, SUBSTR(path, 1, {SEGMENT_WIDTH}) AS prefix,
               COUNT(value) AS n, SUM(value) AS total, MIN(value) AS low, MAX(value) AS high
        FROM reporting_datavalue
        WHERE approved AND {{where}}
        GROUP BY form_id, period, element_id, SUBSTR(path, 1, {SEGMENT_WIDTH})
    ) t
    JOIN orgs_orgunit u ON u.path = t.prefix
"""
_INSERT = (
    "INSERT INTO reporting_provincetotal "
    "(form_id, period, element_id, unit_id, prefix, n, total, low, high) "
)


def prefix_of(path: str) -> str:
    """The path of the province (top-level unit) a path belongs to."""
    return path[:SEGMENT_WIDTH]


def refresh(form_id: int, period: str, paths: Iterable[str]) -> None:
    """Recompute the province totals of ``form_id`` × ``period`` for the provinces of ``paths``.

    Call it inside the transaction that approved or unapproved values, after changing them.
    """
    prefixes = sorted({prefix_of(p) for p in paths})  # one lock order: no deadlocks
    with transaction.atomic(), connection.cursor() as cursor:
        for prefix in prefixes:
            if connection.vendor == "postgresql":
                cursor.execute(
                    "SELECT pg_advisory_xact_lock(hashtext(%s))",
                    [f"reporting.provincetotal:{form_id}:{period}:{prefix}"],
                )
            cursor.execute(
                "DELETE FROM reporting_provincetotal "
                "WHERE form_id = %s AND period = %s AND prefix = %s",
                [form_id, period, prefix],
            )
            where = "form_id = %s AND period = %s AND path >= %s AND path < %s"
            cursor.execute(
                _INSERT + _SELECT.format(where=where),
                [form_id, period, prefix, subtree_upper_bound(prefix)],
            )


def rebuild(form_id: int | None = None) -> None:
    """Recompute every province total (of one form, or of all): after bulk loads (demo, bench)."""
    with transaction.atomic(), connection.cursor() as cursor:
        if form_id is None:
            cursor.execute("DELETE FROM reporting_provincetotal")
            cursor.execute(_INSERT + _SELECT.format(where="1 = 1"))
        else:
            cursor.execute("DELETE FROM reporting_provincetotal WHERE form_id = %s", [form_id])
            cursor.execute(_INSERT + _SELECT.format(where="form_id = %s"), [form_id])
