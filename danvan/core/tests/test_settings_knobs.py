"""Every knob a module reads is declared in settings.py from the environment and in the README.

A module that reads ``getattr(settings, "NAME", default)`` carries a default the environment
cannot change and the README does not list; this test finds such reads in the code.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings

from .test_settings import run_danvan

PACKAGE = Path(__file__).resolve().parents[2]
README = PACKAGE.parent / "README.md"
# getattr(settings, "UPPER_NAME", <anything>) — a project setting read with a default.
GETATTR_WITH_DEFAULT = re.compile(r"getattr\(\s*settings\s*,\s*[\"']([A-Z][A-Z0-9_]*)[\"']\s*,")
KNOBS = (
    "DOCUMENTS_MAX_UPLOAD_BYTES",
    "PLANS_MAX_ATTACHMENT_BYTES",
    "PETITIONS_MAX_ATTACHMENT_BYTES",
    "DIALOGUES_MAX_MINUTES_BYTES",
    "REPORTING_MAX_IMPORT_BYTES",
    "PETITIONS_PORTAL_MIN_FILL_SECONDS",
    "PETITIONS_PORTAL_SUBMISSIONS_PER_HOUR",
    "DIALOGUES_REMIND_DAYS_BEFORE",
    "HOTSPOTS_LONG_RUNNING_DAYS",
)


def offending_reads(root: Path) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.py")):
        if "tests" in path.parts or path.name == "settings.py":
            continue
        text = path.read_text(encoding="utf-8")
        for match in GETATTR_WITH_DEFAULT.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            found.append(f"{path.relative_to(root.parent)}:{line}: {match.group(1)}")
    return found


def test_no_module_reads_a_setting_with_its_own_default() -> None:
    assert offending_reads(PACKAGE) == []


def test_the_check_finds_a_read_with_a_default(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "mod.py").write_text(
        'LIMIT = int(getattr(settings, "PLANS_MAX_ATTACHMENT_BYTES", 10))\n'
        'OK = getattr(settings, "PLANS_MAX_ATTACHMENT_BYTES")\n',
        encoding="utf-8",
    )
    assert offending_reads(package) == ["pkg/mod.py:1: PLANS_MAX_ATTACHMENT_BYTES"]


@pytest.mark.parametrize("name", KNOBS)
def test_each_knob_is_declared_and_listed_in_the_readme(name: str) -> None:
    assert isinstance(getattr(settings, name), int)
    assert f"`{name}`" in README.read_text(encoding="utf-8")


def test_a_knob_comes_from_the_environment_and_is_validated() -> None:
    result = run_danvan(
        "shell", "-c", "from django.conf import settings; print(settings.HOTSPOTS_LONG_RUNNING_DAYS)",
        HOTSPOTS_LONG_RUNNING_DAYS="45",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "45"
    wrong = run_danvan("check", PETITIONS_PORTAL_SUBMISSIONS_PER_HOUR="nhiều")
    assert wrong.returncode == 2
    assert "Cấu hình sai ở biến môi trường PETITIONS_PORTAL_SUBMISSIONS_PER_HOUR" in wrong.stderr
