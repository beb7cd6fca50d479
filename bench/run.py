"""Run every benchmark in this folder (bench_*.py), each in its own process, and print results.

`make bench` calls this at national scale, `make bench-small` with BENCH_SCALE=small (see
scales.py). Benchmarks print their own figures and append them to var/bench/results.jsonl
(results.py); a table of this run's figures follows. A benchmark that crashes (non-zero exit)
fails the run; a missed goal does not (goals are stated for national scale and printed).

`python bench/run.py [NAME ...]` runs only the benchmarks named (e.g. `petitions plans`).
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import scales  # noqa: E402


def main(names: list[str]) -> int:
    scripts = sorted(HERE.glob("bench_*.py"))
    if names:
        wanted = {n.removeprefix("bench_").removesuffix(".py") for n in names}
        unknown = wanted - {s.stem.removeprefix("bench_") for s in scripts}
        if unknown:
            print(f"no such benchmark: {', '.join(sorted(unknown))}", file=sys.stderr)
            return 2
        scripts = [s for s in scripts if s.stem.removeprefix("bench_") in wanted]
    when = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    env = {**os.environ, "BENCH_SCALE": scales.SCALE, "BENCH_WHEN": when}
    print(f"benchmarks at {scales.SCALE} scale, run {when}", flush=True)
    failed: list[str] = []
    durations: list[tuple[str, float]] = []
    started = time.perf_counter()
    for script in scripts:
        print(f"== {script.name}", flush=True)
        begun = time.perf_counter()
        result = subprocess.run([sys.executable, str(script)], cwd=HERE.parent, env=env)
        durations.append((script.name, time.perf_counter() - begun))
        if result.returncode != 0:
            failed.append(script.name)
            print(f"!! {script.name} failed (exit {result.returncode})", flush=True)
    total = time.perf_counter() - started

    os.environ["BENCH_WHEN"] = when
    import results

    figures = results.read(when)
    # A benchmark that exits 0 without writing a figure has rotted as surely as one that crashes.
    for script, _ in durations:
        prefix = script.removeprefix("bench_").removesuffix(".py") + "."
        if script not in failed and not any(f["name"].startswith(prefix) for f in figures):
            failed.append(script)
            print(f"!! {script} wrote no figure", flush=True)
    print(f"== {len(figures)} figures written to {results.RESULTS_FILE} (when = {when})")
    for figure in figures:
        print(f"  {results.summary_line(figure)}")
    print(
        "== time: "
        + ", ".join(f"{name} {seconds:.0f} s" for name, seconds in durations)
        + f"; total {total:.0f} s at {scales.SCALE} scale"
    )
    if failed:
        print(f"== FAILED: {', '.join(failed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
