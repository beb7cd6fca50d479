"""Configuration from the environment: wrong values stop the start with a clear message."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def run_danvan(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "DANVAN_ENV", "DJANGO_SETTINGS_MODULE"}
    }
    base["DJANGO_SETTINGS_MODULE"] = "danvan.settings"
    base.setdefault(
        "DANVAN_VAR_DIR", str(Path(os.environ.get("DANVAN_VAR_DIR", "/tmp")) / "settings-test")
    )
    base.update(env)
    return subprocess.run(
        [sys.executable, "-m", "danvan.cli", *args],
        env=base,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DATABASE_URL": "mysql://root@localhost/danvan"}, "DATABASE_URL"),
        ({"REDIS_URL": "http://localhost:6379"}, "REDIS_URL"),
        ({"DEBUG": "maybe"}, "DEBUG"),
        ({"AXES_FAILURE_LIMIT": "many"}, "AXES_FAILURE_LIMIT"),
        ({"DANVAN_ENV": "staging"}, "DANVAN_ENV"),
        ({"DANVAN_ENV": "production", "ALLOWED_HOSTS": "danvan.example.vn"}, "SECRET_KEY"),
        ({"DANVAN_ENV": "production", "SECRET_KEY": "x" * 60}, "ALLOWED_HOSTS"),
        ({"ALLOWED_HOSTS": "https://danvan.example.vn/"}, "ALLOWED_HOSTS"),
        ({"EMAIL_URL": "pigeon://coop"}, "EMAIL_URL"),
        # A replica of SQLite, or of something that is not PostgreSQL, cannot be.
        ({"DATABASE_REPLICA_URL": "postgres://db2/danvan"}, "DATABASE_REPLICA_URL"),
        (
            {"DATABASE_URL": "postgres://db/danvan", "DATABASE_REPLICA_URL": "redis://db2:6379"},
            "DATABASE_REPLICA_URL",
        ),
        ({"REPLICA_PIN_SECONDS": "-1"}, "REPLICA_PIN_SECONDS"),
    ],
)
def test_wrong_environment_value_fails_with_a_vietnamese_message(
    env: dict[str, str], message: str
) -> None:
    result = run_danvan("check", **env)
    assert result.returncode == 2
    assert "Cấu hình sai ở biến môi trường " + message in result.stderr
    assert "Traceback" not in result.stderr


def test_production_settings_pass_the_deployment_check(tmp_path: Path) -> None:
    result = run_danvan(
        "check", "--deploy", "--fail-level", "WARNING",
        DANVAN_ENV="production", SECRET_KEY="k" * 64 + "-production-secret-9f8e7d6c5b4a",
        ALLOWED_HOSTS="danvan.caobang.gov.vn", DANVAN_VAR_DIR=str(tmp_path),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_demo_generates_and_keeps_its_secret_key(tmp_path: Path) -> None:
    first = run_danvan(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.SECRET_KEY)",
        DANVAN_VAR_DIR=str(tmp_path),
    )
    second = run_danvan(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.SECRET_KEY)",
        DANVAN_VAR_DIR=str(tmp_path),
    )
    assert first.returncode == 0, first.stderr
    key = first.stdout.strip().splitlines()[-1]
    assert key == second.stdout.strip().splitlines()[-1]
    assert len(key) >= 50
    assert (tmp_path / "secret_key").exists()


def test_sqlite_runs_in_wal_mode(tmp_path: Path) -> None:
    result = run_danvan(
        "shell", "-c",
        "from django.db import connection; c = connection.cursor(); c.execute('PRAGMA journal_mode'); print(c.fetchone()[0])",
        DANVAN_VAR_DIR=str(tmp_path),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "wal"
    assert (tmp_path / "danvan.sqlite3").exists()
