"""The quality goals on the shared corpus (seeds and dev), scored with the project's scorer.

Skips when ../shared (beside the repository) is absent.
"""

import importlib.util
import json
import re
from pathlib import Path
from types import ModuleType

import pytest

from danvan.documents.parsing import parse_file

SHARED = Path(__file__).resolve().parents[3].parent / "shared"
SCORER = SHARED / "tools" / "score_import.py"
KINDS = ("references", "deadlines", "reporting", "targets", "assignments")
META = ("number", "type", "issued_on", "signer", "issuer")
GOALS = {
    "references": 0.98,
    "deadlines": 0.95,
    "reporting": 0.95,
    "targets": 0.85,
    "assignments": 0.85,
}

pytestmark = pytest.mark.skipif(not SCORER.exists(), reason="../shared is not present")


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_import", SCORER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _score(docs: Path, gold_dir: Path) -> tuple[dict[str, float], dict[str, float], int]:
    """F1 per list and accuracy per metadata field, as score_import.py computes them."""
    sc = _scorer()
    totals = {kind: [0, 0, 0] for kind in KINDS}
    meta_ok = dict.fromkeys(META, 0)
    meta_n = dict.fromkeys(META, 0)
    count = 0
    for gold_path in sorted(gold_dir.glob("*.json")):
        doc_path = docs / (gold_path.stem + ".txt")
        if not doc_path.exists():
            continue
        count += 1
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        pred = json.loads(json.dumps(parse_file(doc_path), ensure_ascii=False))
        gdoc, pdoc = gold.get("doc") or {}, pred.get("doc") or {}
        for field in META:
            if field not in gdoc:
                continue
            meta_n[field] += 1
            want, got = gdoc.get(field), pdoc.get(field)
            if field == "issuer":
                ok = sc.issuer_match(got, want)
            elif field == "number" and want and got:
                ok = sc.ref_key(want) == sc.ref_key(got)
            else:
                ok = sc.fold(want) == sc.fold(got)
            meta_ok[field] += ok
        for kind in KINDS:
            if kind not in gold:
                continue
            items = gold.get(kind) or []
            pk = sc.keys(kind, pred.get(kind))
            gk = sc.keys(kind, [i for i in items if not i.get("inferred")])
            neutral = set(sc.keys(kind, [i for i in items if i.get("inferred")]))
            if kind == "targets":
                splits = {
                    float(m)
                    for i in items
                    for b in i.get("breakdown", [])
                    for m in re.findall(r"\d+(?:[.,]\d+)?", b)[:1]
                }
                neutral |= {key for key in pk if key[0] in splits}
            pk = [key for key in pk if key not in neutral or key in gk]
            match = sc.ref_match if kind == "references" else None
            for index, value in enumerate(sc.prf(pk, gk, match)):
                totals[kind][index] += value
    f1s = {kind: sc.f1(*totals[kind])[2] for kind in KINDS}
    meta = {field: meta_ok[field] / meta_n[field] for field in META if meta_n[field]}
    return f1s, meta, count


@pytest.mark.parametrize(("docs", "gold"), [("seeds", "gold"), ("dev", "dev-gold")])
def test_quality_goals(docs: str, gold: str) -> None:
    f1s, meta, count = _score(SHARED / "corpus" / docs, SHARED / "corpus" / gold)
    assert count > 0
    for kind, goal in GOALS.items():
        assert f1s[kind] >= goal, (kind, f1s[kind])
    for field, accuracy in meta.items():
        assert accuracy >= 0.95, (field, accuracy)
