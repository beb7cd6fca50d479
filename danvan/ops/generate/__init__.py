"""``danvan generate``: realistic data in every module, on the real units, at a chosen scale.

``danvan generate --scale small|province|national [--only parts] [--seed N]`` loads the real
administrative divisions (``vietnam-provinces``) and fills each module, one part after another:

========================  ==================================================================
part                      what it writes
========================  ==================================================================
orgs                      the units of one province (small, province) or of the country
plans                     the 2026 national plan cascaded to every commune, and each commune's
                          and department's yearly plans with their tasks (500,000 national)
reporting                 a monthly form of 56 elements (50 at province scale), 5 years of
                          submissions and their values (≈ 12.1 million national), the
                          province totals
petitions                 petitions over five years (2.5 million national)
dialogues                 dialogues with the people, their conclusions
hotspots                  public-opinion signals about the communes
hotspot_cases             confirmed hot spots (one commune in ten a year), resolved but the
                          last year's
participation             disclosures with their channels, consultations on drafts with
                          paragraphs and citizens' comments
surveys                   satisfaction questionnaires (SIPAS) with responses and answers
evaluation                the yearly evaluation scheme of each province
exemplars                 «Dân vận khéo» models with yearly reviews, commendations, contests
training                  officials in citizen-facing positions, each province's training
                          classes and their attendance
inspections               yearly inspection plans, rounds with teams, findings with the
                          responsible communes' reports
========================  ==================================================================

Sizes come from :mod:`.sizes` (the one table, shared with the benchmarks). Deterministic: the
same seed writes the same rows. Resumable: every part writes in chunks, each recorded in
:class:`~danvan.ops.models.GeneratedPart` in its own transaction, so a second run adds nothing
and an interrupted one goes on after its last committed chunk. Rows go in with COPY on
PostgreSQL and ``bulk_create`` elsewhere, through the models (defaults, derived fields) and the
services where a row needs more than its columns.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.utils.translation import gettext as _

from danvan.core.errors import UserError

# Each module registers its part when imported.
from . import (  # noqa: F401
    dialogues,
    evaluation,
    exemplars,
    hotspots,
    inspections,
    orgs,
    participation,
    petitions,
    plans,
    reporting,
    surveys,
    training,
)
from .base import PARTS, Context
from .sizes import ALL_SCALES, DEFAULT_SEED, SCALES, SIZES, Size

#: The order the parts run in when none is named (each after what it needs).
ORDER = (
    "orgs", "plans", "reporting", "petitions", "dialogues", "hotspots", "hotspot_cases",
    "participation", "surveys", "evaluation", "exemplars", "training", "inspections",
)  # fmt: skip

__all__ = ["ALL_SCALES", "DEFAULT_SEED", "PARTS", "SCALES", "SIZES", "Outcome", "Size", "run"]


@dataclass
class Outcome:
    part: str
    rows: int
    seconds: float
    skipped: bool


def order(only: list[str] | None) -> list[str]:
    """The parts to run, each after what it needs (``only`` plus their needs, in order)."""
    unknown = sorted(set(only or []) - set(PARTS))
    if unknown:
        raise UserError(
            _("Unknown part: %(names)s. The parts are: %(parts)s.")
            % {"names": ", ".join(unknown), "parts": ", ".join(PARTS)}
        )
    wanted = [p for p in ORDER if p in PARTS] if not only else only
    result: list[str] = []

    def add(name: str) -> None:
        for need in PARTS[name].needs:
            add(need)
        if name not in result:
            result.append(name)

    for name in wanted:
        add(name)
    return result


def run(
    scale: str,
    *,
    only: list[str] | None = None,
    seed: int = DEFAULT_SEED,
    out: Any = None,
) -> list[Outcome]:
    """Generate the parts of this scale; returns what each part wrote and how long it took."""
    from danvan.ops.models import GeneratedPart

    if scale not in SIZES:
        raise UserError(
            _("Unknown scale «%(scale)s»: choose small, province or national.") % {"scale": scale}
        )
    names = order(only)
    stream = out or sys.stdout
    ctx = Context(size=SIZES[scale], seed=seed, out=stream)
    other = (
        GeneratedPart.objects.filter(part__in=names, chunk="")
        .exclude(scale=scale, seed=seed)
        .values_list("part", "scale", "seed")
        .first()
    )
    if other is not None:
        raise UserError(
            _(
                "This database already holds the part %(part)s generated at scale %(scale)s with "
                "seed %(seed)s: use a database of its own for each scale."
            )
            % {"part": other[0], "scale": other[1], "seed": other[2]}
        )
    with _alone():
        return _run_parts(ctx, names, stream)


#: Key of the PostgreSQL advisory lock held while generating (any constant of the project's own).
LOCK_KEY = 170_317


@contextmanager
def _alone() -> Iterator[None]:
    """One ``danvan generate`` at a time per database: two at once would write the same chunk
    twice before either records it. PostgreSQL only (SQLite locks the whole file anyway)."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [LOCK_KEY])
        if not cursor.fetchone()[0]:
            raise UserError(
                _("Another «danvan generate» is running on this database: wait until it ends.")
            )
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [LOCK_KEY])


def _run_parts(ctx: Context, names: list[str], stream: Any) -> list[Outcome]:
    from danvan.ops.models import GeneratedPart

    scale, seed = ctx.size.name, ctx.seed
    outcomes: list[Outcome] = []
    for name in names:
        ctx.part, ctx.rows = name, 0
        started = time.perf_counter()
        if GeneratedPart.objects.filter(part=name, chunk="").exists():
            stream.write(f"{name}: already generated, skipped\n")
            outcomes.append(Outcome(name, 0, time.perf_counter() - started, True))
            continue
        stream.write(f"{name}: {PARTS[name].doc}\n")
        stream.flush()
        PARTS[name].run(ctx)
        seconds = time.perf_counter() - started
        GeneratedPart.objects.create(
            part=name, chunk="", scale=scale, seed=seed, rows=ctx.rows, seconds=seconds
        )
        stream.write(f"{name}: {ctx.rows:,} rows in {seconds:.1f} s\n")
        stream.flush()
        outcomes.append(Outcome(name, ctx.rows, seconds, False))
    if connection.vendor == "postgresql" and any(not o.skipped for o in outcomes):
        # The planner's row counts of every table written, and the visibility map that lets an
        # index answer alone: autovacuum would do both in its own time, and until then plans
        # assumed hundreds of rows where there were hundreds of thousands (the survey figures
        # of the country sorted 276,640 answers on disk: 0.45 s instead of 0.18 s) and
        # index-only scans read the table (open petitions: 0.36 s instead of 27 ms).
        started = time.perf_counter()
        with connection.cursor() as cursor:
            # VACUUM cannot run inside a transaction (a caller's, or a test's): ANALYZE can.
            cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)")
        seconds = time.perf_counter() - started
        stream.write(f"statistics and visibility refreshed (VACUUM ANALYZE) in {seconds:.1f} s\n")
    return outcomes


def table(outcomes: list[Outcome]) -> str:
    """The final table: rows and seconds per part."""
    lines = [f"{'part':<15} {'rows':>12} {'seconds':>9}"]
    for o in outcomes:
        rows = "skipped" if o.skipped else f"{o.rows:,}"
        lines.append(f"{o.part:<15} {rows:>12} {o.seconds:>9.1f}")
    total_rows = sum(o.rows for o in outcomes)
    total_seconds = sum(o.seconds for o in outcomes)
    lines.append(f"{'total':<15} {total_rows:>12,} {total_seconds:>9.1f}")
    return "\n".join(lines)
