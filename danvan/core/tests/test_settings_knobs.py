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
    assert name in readme_table_names()


# A variable read from the environment: env.str("X"), _int("X", …), _bool("X", …), _networks("X")
# in settings.py, os.environ.get("X") anywhere else in the package.
SETTINGS_READ = re.compile(r"(?:\benv\.\w+|\b_int|\b_bool|\b_networks)\(\s*\"([A-Z][A-Z0-9_]*)\"")
ENVIRON_READ = re.compile(r"os\.environ\.get\(\s*\"([A-Z][A-Z0-9_]*)\"")
#: Read from the environment but not a knob of the platform.
#: PROMETHEUS_MULTIPROC_DIR is set by ``danvan serve``'s gunicorn for its workers (core.metrics).
NOT_KNOBS = {"DJANGO_SETTINGS_MODULE", "PROMETHEUS_MULTIPROC_DIR"}


def environment_variables(package: Path) -> set[str]:
    names = set(SETTINGS_READ.findall((package / "settings.py").read_text(encoding="utf-8")))
    for path in package.rglob("*.py"):
        if {"tests", "testing"} & set(path.parts) or path.name == "settings.py":
            continue
        names |= set(ENVIRON_READ.findall(path.read_text(encoding="utf-8")))
    return names - NOT_KNOBS


def readme_table_names() -> set[str]:
    """Names in the first column of the README's tables (``| `NAME`, `OTHER` | … |``)."""
    names: set[str] = set()
    for line in README.read_text(encoding="utf-8").splitlines():
        if line.startswith("| `"):
            names |= set(re.findall(r"`([A-Z][A-Z0-9_]*)`", line.split("|")[1]))
    return names


def test_every_environment_variable_is_in_the_readme_table() -> None:
    found = environment_variables(PACKAGE)
    assert {"DATABASE_URL", "HOTSPOTS_LONG_RUNNING_DAYS", "WEB_KEEPALIVE"} <= found
    assert sorted(found - readme_table_names()) == []


def test_the_readme_check_finds_an_unlisted_variable(tmp_path: Path) -> None:
    (tmp_path / "settings.py").write_text(
        'A = _int("NEW_KNOB_DAYS", 3)\nB = env.str("DATABASE_URL", default="")\n',
        encoding="utf-8",
    )
    assert environment_variables(tmp_path) - readme_table_names() == {"NEW_KNOB_DAYS"}


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
