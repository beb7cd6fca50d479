"""Every benchmark writes its figures here: one JSON object per line, appended to
``var/bench/results.jsonl`` (``BENCH_RESULTS`` overrides the file), so runs can be compared over
time and across scales without reading their printed output.

Fields: ``name`` (stable dotted identifier), ``value`` and ``unit``; ``reference`` (what the same
work costs done another way, measured in the same run — DuckDB, a brute-force scan, a trivial
endpoint — or null), ``reference_value`` and ``ratio`` = value / reference_value; ``rows`` (how
many rows the figure was measured over), ``database``, ``scale`` (``BENCH_SCALE``), ``when``
(UTC start of the run: ``bench/run.py`` gives all its benchmarks the same one, so a run's lines
group) and ``goal`` (e.g. ``"< 50 ms"``, set for national scale; null when there is none).

``python bench/results.py [WHEN]`` prints the figures of the last run (or of the run WHEN).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sys
from pathlib import Path
from typing import Any

import scales

ROOT = Path(__file__).resolve().parent.parent
RESULTS_FILE = Path(os.environ.get("BENCH_RESULTS", ROOT / "var" / "bench" / "results.jsonl"))
WHEN = os.environ.get("BENCH_WHEN") or dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
GOAL = re.compile(r"^\s*(<=|>=|<|>)\s*([0-9.]+)")


def database_of(connection: Any) -> str:
    """``vendor:name`` of a Django connection, e.g. ``postgresql:dv_bench_small_plans``."""
    return f"{connection.vendor}:{connection.settings_dict['NAME']}"


def record(
    name: str,
    value: float,
    unit: str,
    *,
    database: str | None,
    rows: int | None = None,
    reference: str | None = None,
    reference_value: float | None = None,
    goal: str | None = None,
) -> dict[str, Any]:
    """Append one figure to the results file and return it."""
    ratio = value / reference_value if reference_value else None
    line = {
        "name": name,
        "value": round(float(value), 4),
        "unit": unit,
        "reference": reference if reference_value is not None else None,
        "reference_value": None if reference_value is None else round(float(reference_value), 4),
        "ratio": None if ratio is None else round(ratio, 4),
        "rows": rows,
        "database": database,
        "scale": scales.SCALE,
        "when": WHEN,
        "goal": goal,
    }
    RESULTS_FILE.parent.mkdir(parents=True, exist_ok=True)
    with RESULTS_FILE.open("a", encoding="utf-8") as out:
        out.write(json.dumps(line, ensure_ascii=False) + "\n")  # one write: lines never interleave
    return line


def goal_met(line: dict[str, Any]) -> bool | None:
    """Whether the figure meets its goal (None without a goal)."""
    match = GOAL.match(line.get("goal") or "")
    if not match:
        return None
    op, target, value = match.group(1), float(match.group(2)), float(line["value"])
    return {"<": value < target, "<=": value <= target, ">": value > target, ">=": value >= target}[
        op
    ]


def summary_line(line: dict[str, Any]) -> str:
    text = f"{line['name']}: {line['value']:g} {line['unit']}"
    if line.get("reference_value") is not None:
        text += f" (reference {line['reference_value']:g}, ratio {line['ratio']:g})"
    met = goal_met(line)
    if met is not None:
        text += f"; goal {line['goal']} {'met' if met else 'MISSED'}"
        if line.get("scale") != "national":
            text += " (the goal is for national scale)"
    return text


def read(when: str | None = None) -> list[dict[str, Any]]:
    """The figures of the run started at ``when`` (default: the last run in the file)."""
    if not RESULTS_FILE.exists():
        return []
    lines = [json.loads(x) for x in RESULTS_FILE.read_text(encoding="utf-8").splitlines() if x]
    when = when or (lines[-1]["when"] if lines else None)
    return [x for x in lines if x.get("when") == when]


if __name__ == "__main__":
    for figure in read(sys.argv[1] if len(sys.argv) > 1 else None):
        print(summary_line(figure))
