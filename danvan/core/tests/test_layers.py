"""Layers: the kernel imports no domain app.

``core`` (and the foundation it stands on with it: the unit tree, officials, notifications, the
output builders) must not know the modules built on it. Domain modules plug in through
registries instead — demo loaders (``core.demo.registry.register_demo``), dashboard tiles
(``core.dashboard.register_tile``), obligations (``core.obligations.register``), successor
hand-overs (``orgs.succession.register_hand_over``), report sources
(``reporting.sources.register``). Every app with an ``apps.py`` that is not in ``KERNEL`` is a
domain app, so a new module is covered without editing this test.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

import danvan

ROOT = Path(danvan.__file__).parent
#: The kernel and the foundation apps it may use (see docs/architecture.md, "Shape").
KERNEL = ("core", "orgs", "accounts", "notifications", "outputs")


def domain_apps() -> set[str]:
    return {p.parent.name for p in ROOT.glob("*/apps.py")} - set(KERNEL)


def _modules(package: str) -> Iterator[Path]:
    for path in sorted((ROOT / package).rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if "tests" in parts or "migrations" in parts:
            continue
        yield path


def references(path: Path) -> Iterator[tuple[int, str]]:
    """Every module imported by ``path`` (at the top or inside a function) and every app named
    in ``apps.get_model("app", …)`` or a dotted ``import_string("danvan.app…")``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module
        elif isinstance(node, ast.Call) and node.args:
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            first = node.args[0]
            if not isinstance(first, ast.Constant) or not isinstance(first.value, str):
                continue
            if name == "get_model":
                yield node.lineno, f"danvan.{first.value.split('.')[0]}"
            elif name == "import_string":
                yield node.lineno, first.value


def offending(package: str, domain: set[str]) -> list[str]:
    found = []
    for path in _modules(package):
        for line, module in references(path):
            parts = module.split(".")
            if len(parts) > 1 and parts[0] == "danvan" and parts[1] in domain:
                found.append(f"{path.relative_to(ROOT.parent)}:{line} {module}")
    return found


def test_domain_apps_are_found() -> None:
    assert {"plans", "petitions", "reporting", "dialogues"} <= domain_apps()


@pytest.mark.parametrize("package", KERNEL)
def test_kernel_imports_no_domain_app(package: str) -> None:
    assert not offending(package, domain_apps())


def test_the_check_sees_an_import_inside_a_function(tmp_path: Path) -> None:
    """A lazy import inside a function is still a dependency: the walk must catch it."""
    sample = tmp_path / "sample.py"
    sample.write_text(
        "def f():\n    from danvan.plans.models import Plan\n    return Plan\n"
        "def g(apps):\n    return apps.get_model('petitions', 'Petition')\n",
        encoding="utf-8",
    )
    seen = {module for _, module in references(sample)}
    assert {"danvan.plans.models", "danvan.petitions"} <= seen
