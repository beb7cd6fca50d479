"""The machinery every part of ``danvan generate`` shares: the context a part runs in, the
bookkeeping of finished chunks, the progress line and bulk writing (COPY on PostgreSQL).

A part is a function ``generate(ctx)`` registered with :func:`part`. It writes its rows in chunks
(typically one province, one period or 50,000 petitions), each in one transaction with
:meth:`Context.chunk`, which records the chunk in :class:`~danvan.ops.models.GeneratedPart` in
that same transaction; a chunk already recorded is skipped. Randomness comes from
:meth:`Context.rng`, seeded by (seed, part, chunk), so a resumed run writes exactly the rows an
uninterrupted one would have.
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TextIO

from django.db import connection, models, transaction
from django.utils import timezone

from .sizes import Size

BATCH = 5_000


@dataclass
class Part:
    name: str
    needs: tuple[str, ...]
    run: Callable[[Context], None]
    doc: str


PARTS: dict[str, Part] = {}


def part(name: str, *, needs: tuple[str, ...] = ("orgs",)) -> Callable[[Any], Any]:
    """Register a part; ``needs`` are run first (each skipped when already finished)."""

    def register(fn: Callable[[Context], None]) -> Callable[[Context], None]:
        PARTS[name] = Part(name, needs, fn, (fn.__doc__ or "").strip().splitlines()[0])
        return fn

    return register


class Progress:
    """One line on stderr: rewritten in place on a terminal, a new line every few seconds
    otherwise (a log file, CI)."""

    def __init__(self, label: str, total: int, out: TextIO | None = None) -> None:
        self.label, self.total, self.done = label, max(total, 1), 0
        self.out = out or sys.stderr
        self.tty = self.out.isatty()
        self.started = self.shown = time.perf_counter()

    def advance(self, n: int = 1) -> None:
        self.done += n
        now = time.perf_counter()
        if now - self.shown >= (0.2 if self.tty else 10.0) or self.done >= self.total:
            self.shown = now
            self.show(now)

    def show(self, now: float) -> None:
        share = min(1.0, self.done / self.total)
        elapsed = now - self.started
        left = elapsed / share - elapsed if share else 0.0
        bar = "#" * int(share * 20)
        line = (
            f"  {self.label} [{bar:<20}] {self.done:,}/{self.total:,} "
            f"{share:4.0%} {elapsed:5.0f} s, ≈ {left:.0f} s left"
        )
        self.out.write(("\r" + line) if self.tty else (line + "\n"))
        if self.tty and self.done >= self.total:
            self.out.write("\n")
        self.out.flush()


@dataclass
class Context:
    size: Size
    seed: int
    out: Any = field(default_factory=lambda: sys.stdout)
    part: str = ""
    rows: int = 0

    @property
    def postgres(self) -> bool:
        return connection.vendor == "postgresql"

    def rng(self, chunk: str = "") -> random.Random:
        # str seeds are hashed with SHA-512: the same on every run and machine.
        return random.Random(f"{self.seed}:{self.part}:{chunk}")

    def say(self, text: str) -> None:
        self.out.write(f"  {text}\n")
        self.out.flush()

    def progress(self, label: str, total: int) -> Progress:
        return Progress(f"{self.part}: {label}", total)

    def finished(self, chunk: str) -> bool:
        from danvan.ops.models import GeneratedPart

        return GeneratedPart.objects.filter(part=self.part, chunk=chunk).exists()

    def finished_chunks(self) -> set[str]:
        from danvan.ops.models import GeneratedPart

        return set(GeneratedPart.objects.filter(part=self.part).values_list("chunk", flat=True))

    @contextmanager
    def chunk(self, name: str) -> Iterator[list[int]]:
        """One chunk in one transaction, recorded as finished in that transaction. The caller
        adds the rows it wrote to the yielded list (``counter[0] += n``)."""
        from danvan.ops.models import GeneratedPart

        counter = [0]
        started = time.perf_counter()
        with transaction.atomic():
            yield counter
            GeneratedPart.objects.create(
                part=self.part, chunk=name, scale=self.size.name, seed=self.seed,
                rows=counter[0], seconds=time.perf_counter() - started,
            )  # fmt: skip
        self.rows += counter[0]

    # --- the units ------------------------------------------------------------------------

    def provinces(self) -> list[Any]:
        from danvan.orgs.models import OrgUnit, OrgUnitKind

        return list(
            OrgUnit.objects.current()
            .filter(kind=OrgUnitKind.PROVINCE, parent=None)
            .order_by("path")
        )

    def pending_provinces(self) -> list[Any]:
        """The provinces whose chunk of this part is not written yet, for the parts written one
        chunk per province (named by the province's key)."""
        done = self.finished_chunks()
        return [p for p in self.provinces() if p.key not in done]

    def communes(self, province: Any = None) -> list[Any]:
        """The communes the generated rows are spread over (the size's first N in path order)."""
        from danvan.orgs.models import OrgUnit, OrgUnitKind

        rows = OrgUnit.objects.current().filter(kind=OrgUnitKind.COMMUNE).order_by("path")
        chosen = list(rows[: self.size.communes] if self.size.communes else rows)
        if province is not None:
            chosen = [c for c in chosen if c.path.startswith(province.path)]
        return chosen

    def departments(self, province: Any = None) -> list[Any]:
        from danvan.orgs.models import OrgUnit, OrgUnitKind

        rows = OrgUnit.objects.current().filter(kind=OrgUnitKind.DEPARTMENT).order_by("path")
        if province is not None:
            rows = rows.filter(path__startswith=province.path)
        return list(rows)


def bulk_write(model: type[models.Model], objs: Iterable[models.Model], batch: int = BATCH) -> int:
    """Insert model instances: COPY on PostgreSQL, ``bulk_create`` in batches elsewhere.

    Every column is taken from the instance as Django would save it (defaults, ``auto_now``
    stamps, the field's own conversion), so a column added to the model later is filled with
    its default, never forgotten. Returns the rows written. Primary keys are not set on the
    instances (the caller reads them back when it needs them)."""
    if connection.vendor != "postgresql":
        written = 0
        chunk: list[models.Model] = []
        for obj in objs:
            chunk.append(obj)
            if len(chunk) >= batch:
                model._default_manager.bulk_create(chunk)
                written += len(chunk)
                chunk = []
        if chunk:
            model._default_manager.bulk_create(chunk)
            written += len(chunk)
        return written
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    stamped = [
        f for f in fields if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    columns = ", ".join(connection.ops.quote_name(str(f.column)) for f in fields)
    table = connection.ops.quote_name(str(model._meta.db_table))
    written = 0
    with connection.cursor() as cursor:
        raw = cursor.cursor
        with raw.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for obj in objs:
                for f in stamped:
                    if getattr(obj, f.attname) is None:
                        f.pre_save(obj, add=True)
                copy.write_row(
                    [f.get_db_prep_save(getattr(obj, f.attname), connection) for f in fields]
                )
                written += 1
    return written


#: Field types whose Python values psycopg adapts as they are (no per-row conversion needed).
_PLAIN = (
    models.CharField, models.TextField, models.IntegerField, models.BooleanField,
    models.DateField, models.ForeignKey,
)  # fmt: skip


def bulk_write_values(model: type[models.Model], rows: Iterable[dict[str, Any]]) -> int:
    """Insert rows given as ``{attname: value}``, every other column at the model's default.

    The fast path of the largest tables (millions of rows): no model instance per row. On
    PostgreSQL a COPY whose defaults are computed once (a callable default per row) and whose
    values are converted by the field only where psycopg would not take them as they are;
    elsewhere model instances through :func:`bulk_write`."""
    if connection.vendor != "postgresql":
        return bulk_write(model, (model(**row) for row in rows))
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    stamp = timezone.now()
    fixed: list[Any] = []
    for f in fields:
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            fixed.append(stamp)
        elif f.has_default() and callable(f.default):
            fixed.append(None)  # called per row below
        else:
            fixed.append(f.get_db_prep_save(f.get_default(), connection))
    percall = [
        not (getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False))
        and f.has_default()
        and callable(f.default)
        for f in fields
    ]
    plain = [isinstance(f, _PLAIN) for f in fields]
    columns = ", ".join(connection.ops.quote_name(str(f.column)) for f in fields)
    table = connection.ops.quote_name(str(model._meta.db_table))
    written = 0
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
    ):
        for row in rows:
            out = list(fixed)
            for i, f in enumerate(fields):
                if f.attname in row:
                    value = row[f.attname]
                    out[i] = value if plain[i] else f.get_db_prep_save(value, connection)
                elif percall[i]:
                    out[i] = f.get_db_prep_save(f.get_default(), connection)
            copy.write_row(out)
            written += 1
    return written


def now() -> Any:
    return timezone.now()


def spread(total: int, buckets: Sequence[Any]) -> list[int]:
    """``total`` divided over the buckets as evenly as integers allow (the first get one more)."""
    if not buckets:
        return []
    base, extra = divmod(total, len(buckets))
    return [base + (1 if i < extra else 0) for i in range(len(buckets))]


def drop_indexes(ctx: Context, table: str) -> None:
    """Drop the secondary indexes of ``table`` for a bulk load (PostgreSQL), keeping each one's
    definition as a chunk row so that a resumed run builds them again even after a crash."""
    from danvan.ops.models import GeneratedPart

    # Inside a caller's transaction (a test) the rows are few, and PostgreSQL refuses to build
    # an index on a table with pending foreign-key checks: the indexes stay.
    if not ctx.postgres or connection.in_atomic_block:
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s "
            "AND indexname NOT LIKE '%%_pkey' AND indexdef NOT ILIKE '%%UNIQUE%%'",
            [table],
        )
        for name, definition in cursor.fetchall():
            GeneratedPart.objects.get_or_create(
                part=ctx.part, chunk=f"index:{name}",
                defaults={"scale": ctx.size.name, "seed": ctx.seed, "note": definition},
            )  # fmt: skip
            cursor.execute(f"DROP INDEX IF EXISTS {connection.ops.quote_name(name)}")


def restore_indexes(ctx: Context, table: str) -> None:
    """Build again the indexes :func:`drop_indexes` dropped, then refresh the planner's figures."""
    from danvan.ops.models import GeneratedPart

    if not ctx.postgres or connection.in_atomic_block:
        return
    dropped = GeneratedPart.objects.filter(part=ctx.part, chunk__startswith="index:")
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '512MB'")
        for row in dropped:
            name = row.chunk.removeprefix("index:")
            cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = %s", [name])
            if cursor.fetchone() is None:
                cursor.execute(row.note)
        dropped.delete()
        cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")
    ctx.say(f"indexes of {table} built in {time.perf_counter() - started:.1f} s")
