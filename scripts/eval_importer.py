"""Score the document importer on ../shared/corpus and on every perturbed shape of it.

`make eval-importer` runs this.  For the seeds (gold) and dev (dev-gold) texts, as they are and in
each shape `../shared/tools/perturb_corpus.py` writes (hard-wrapped, table cells, web chrome, NFD,
CRLF), the documents are parsed in this process (or with `--cmd`, through the CLI as the scorer
would) and scored with `../shared/tools/score_import.py --pred`; one line per set.

Skips with a message (exit 0) when ../shared is not beside the repository.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SETS = (("seeds", "gold"), ("dev", "dev-gold"))
SHAPES = ("wrap70", "wrap50", "wrap35", "cells", "chrome", "nfd", "crlf")
COLUMNS = (
    ("failed", "fail"),
    ("references_f1", "refs"),
    ("deadlines_f1", "dead"),
    ("reporting_f1", "rept"),
    ("targets_f1", "targ"),
    ("assignments_f1", "asgn"),
    ("meta_number", "num"),
    ("meta_type", "type"),
    ("meta_issued_on", "date"),
    ("meta_issuer", "issr"),
    ("meta_signer", "sign"),
)


def _predict(docs: Path, out: Path) -> None:
    sys.path.insert(0, str(ROOT))
    from danvan.documents.parsing import DocumentReadError, parse_file

    out.mkdir(parents=True, exist_ok=True)
    for path in sorted(docs.glob("*.txt")):
        try:
            result = parse_file(path)
        except DocumentReadError as exc:
            print(f"  {path.name}: {exc}", file=sys.stderr)
            continue  # no prediction: the scorer counts a failure
        (out / f"{path.stem}.json").write_text(json.dumps(result, ensure_ascii=False), "utf-8")


def _score(docs: Path, gold: Path, pred: Path | None, cmd: str | None) -> dict[str, str]:
    command = [
        sys.executable,
        str(SHARED / "tools" / "score_import.py"),
        "--docs",
        str(docs),
        "--gold",
        str(gold),
    ]
    command += ["--cmd", cmd] if cmd else ["--pred", str(pred)]
    output = subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT).stdout
    last = output.strip().splitlines()[-1]
    return dict(part.split("=", 1) for part in last.split())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--cmd",
        help="score through a command instead, e.g. "
        "'.venv/bin/danvan parse {file} --json' (slower)",
    )
    parser.add_argument("--shapes", default=",".join(SHAPES), help="comma-separated shapes")
    args = parser.parse_args(argv)
    if not (SHARED / "corpus").is_dir() or not (SHARED / "tools" / "score_import.py").is_file():
        print(f"eval-importer: skipped, {SHARED} (the shared corpus and tools) is not present.")
        return 0
    shapes = [s for s in args.shapes.split(",") if s]
    header = f"{'set':<16}" + " ".join(f"{label:>5}" for _, label in COLUMNS)
    print(header)
    with tempfile.TemporaryDirectory(prefix="danvan-eval-") as work:
        tmp = Path(work)
        for folder, gold_folder in SETS:
            source = SHARED / "corpus" / folder
            gold = SHARED / "corpus" / gold_folder
            if shapes:
                subprocess.run(
                    [
                        sys.executable,
                        str(SHARED / "tools" / "perturb_corpus.py"),
                        "--docs",
                        str(source),
                        "--out",
                        str(tmp / folder),
                        "--shapes",
                        ",".join(shapes),
                    ],
                    check=True,
                    capture_output=True,
                )
            for shape in ("original", *shapes):
                docs = source if shape == "original" else tmp / folder / shape
                pred = tmp / "pred" / folder / shape
                if not args.cmd:
                    _predict(docs, pred)
                totals = _score(docs, gold, pred, args.cmd)
                cells = []
                for key, _ in COLUMNS:
                    value = totals.get(key, "-")
                    cells.append(f"{value:>5}" if key == "failed" else f"{value[:5]:>5}")
                print(f"{folder + '/' + shape:<16}" + " ".join(cells), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
