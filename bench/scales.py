"""The size a benchmark runs at, and the PostgreSQL database that holds the data of that size.

``BENCH_SCALE=small|province|national`` (default ``national``, what the goals are set for):

* ``small``: a few thousand rows on the units of one small province (Cao Bằng), enough to run
  every code path and query shape; every benchmark together finishes in a few minutes, so CI runs
  it and a benchmark can never rot unnoticed. Its figures say nothing about the goals.
* ``province``: one province (Hồ Chí Minh, the most communes) at full national density.
* ``national``: the whole country, as the goals of the issues are stated.

Each scale keeps its data in its own database (``dv_bench_<bench>`` at national scale, as before;
``dv_bench_<scale>_<bench>`` otherwise), created when absent and filled once by ``danvan generate``
(:func:`generate`: the parts the benchmark needs, deterministic, skipped when already there);
later runs reuse it (``BENCH_DB_PREFIX`` replaces ``dv_bench``). The sizes of each scale are the
generator's own table (``danvan/ops/generate/sizes.py``), the one table for both.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from danvan.ops.generate.sizes import SCALES, SIZES, Size  # noqa: E402

SERVER = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")
T = TypeVar("T")


def current() -> str:
    scale = os.environ.get("BENCH_SCALE", "national").strip().lower() or "national"
    if scale not in SCALES:
        raise SystemExit(f"BENCH_SCALE={scale!r}: expected one of {', '.join(SCALES)}")
    return scale


SCALE = current()


def sized(*, small: T, province: T, national: T) -> T:
    """The value of this scale among the three."""
    return {"small": small, "province": province, "national": national}[SCALE]


SIZE: Size = SIZES[SCALE]


def province_codename() -> str | None:
    """The one province the smaller scales load (None at national scale: all 34)."""
    return SIZE.province


def generate(*parts: str) -> None:
    """Fill this bench's database with the generator's parts of this scale (after
    ``django.setup()``); what is already there is skipped in a moment."""
    from danvan.ops import generate as generator

    started = time.perf_counter()
    outcomes = generator.run(SCALE, only=list(parts))
    if any(not o.skipped for o in outcomes):
        print(generator.table(outcomes))
    print(f"data of {SCALE} scale ready in {time.perf_counter() - started:.1f} s", flush=True)


def database_name(bench: str) -> str:
    # BENCH_DB_PREFIX gives a run databases of its own (e.g. beside someone else's national data).
    prefix = os.environ.get("BENCH_DB_PREFIX", "dv_bench")
    return f"{prefix}_{bench}" if SCALE == "national" else f"{prefix}_{SCALE}_{bench}"


def use_postgres(bench: str) -> str:
    """Point Django at this bench's database of the current scale, creating it when absent.

    Must run before ``django.setup()``; returns the database name."""
    import psycopg

    name = database_name(bench)
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = f"{SERVER}/{name}"
    return name


def temporary_var_dir() -> None:
    """Give the benchmark its own DANVAN_VAR_DIR (task queue, media), removed when it exits."""
    if "DANVAN_VAR_DIR" in os.environ:
        return
    import atexit
    import shutil
    import tempfile

    path = tempfile.mkdtemp(prefix="danvan-bench-")
    atexit.register(shutil.rmtree, path, ignore_errors=True)
    # The static root lives there; WhiteNoise warns on every process start when it is missing.
    os.mkdir(os.path.join(path, "static"))
    os.environ["DANVAN_VAR_DIR"] = path
