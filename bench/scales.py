"""The size a benchmark runs at, and the PostgreSQL database that holds the data of that size.

``BENCH_SCALE=small|province|national`` (default ``national``, what the goals are set for):

* ``small``: a few thousand rows on the units of one small province (Cao Bằng), enough to run
  every code path and query shape; every benchmark together finishes in a few minutes, so CI runs
  it and a benchmark can never rot unnoticed. Its figures say nothing about the goals.
* ``province``: one province (Hồ Chí Minh, the most communes) at full national density.
* ``national``: the whole country, as the goals of the issues are stated.

Each scale keeps its data in its own database (``dv_bench_<bench>`` at national scale, as before;
``dv_bench_<scale>_<bench>`` otherwise), created when absent and filled once by the benchmark's
deterministic generator; later runs reuse it (``BENCH_DB_PREFIX`` replaces ``dv_bench``).
``BENCH_PROVINCE`` (a ``vietnam-provinces`` codename, e.g. ``cao_bang``) overrides the province
of the two smaller scales.
"""

from __future__ import annotations

import os
from typing import TypeVar

SCALES = ("small", "province", "national")
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


def province_codename() -> str | None:
    """The one province the smaller scales load (None at national scale: all 34)."""
    if SCALE == "national":
        return None
    return os.environ.get("BENCH_PROVINCE") or sized(
        small="cao_bang", province="ho_chi_minh", national=""
    )


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
