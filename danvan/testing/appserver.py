"""A real app server (gunicorn) on a throw-away database, for tests that load or break it.

``core/tests/test_intake_load.py`` (impatient clients retrying with Idempotency-Keys) and
``core/tests/test_faults.py`` (the database stopped under load) both build a site's database,
make a reception officer with an API token, start gunicorn on a free port, wait for it to
answer ``/healthz`` and file petitions over the API; this is that, once.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .pgcluster import free_port

ROOT = Path(__file__).resolve().parents[2]
#: Seconds a server may take to start answering (preloading Django on a busy 2-core machine).
START_SECONDS = 120

SETUP = """
import django; django.setup()
from danvan.core.actors import SYSTEM
from danvan.orgs.services import create_unit
from danvan.accounts.services import create_official, assign_role, issue_token
unit = create_unit(name="UBND xã Thử Lỗi", kind="commune", key="fault-w1", actor=SYSTEM)
user = create_official(username="loi.tiepdan", password="x", org_unit=unit,
                       full_name="Cán bộ thử", check_password=False, actor=SYSTEM)
assign_role(user, "reception_officer", unit, actor=SYSTEM)
print(unit.pk, issue_token(user, "thử lỗi", actor=SYSTEM)[1])
"""


def prepare(env: dict[str, str]) -> tuple[int, str]:
    """Migrate the site's database and make the reception officer; (unit id, API token)."""
    subprocess.run([sys.executable, "-m", "danvan.cli", "migrate", "-v", "0"], env=env,
                   check=True, cwd=ROOT, capture_output=True)  # fmt: skip
    unit_id, token = subprocess.run(
        [sys.executable, "-c", SETUP], env=env, check=True, cwd=ROOT, capture_output=True,
        text=True,
    ).stdout.split()  # fmt: skip
    return int(unit_id), token


@contextmanager
def gunicorn(env: dict[str, str], args: Sequence[str] = ("--workers", "2")) -> Iterator[str]:
    """gunicorn serving the site on a free port with ``args``, answering ``/healthz``; yields
    its base URL and stops it (SIGTERM) after the ``with`` block."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "danvan.wsgi:application",
         "--bind", f"127.0.0.1:{port}", "--timeout", "30", *args],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_SECONDS
        while True:
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=2).close()
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if server.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(f"gunicorn did not answer on {base}") from None
                time.sleep(0.5)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def post_petition(
    url: str, token: str, unit: int, key: str, timeout: float = 8
) -> tuple[int, Any, float]:
    """File a petition under Idempotency-Key ``key``: (status, answer, seconds taken)."""
    body = json.dumps({
        "handling_unit_id": unit, "title": f"Phản ánh {key}", "content": "Đèn đường hỏng.",
        "received_on": time.strftime("%Y-%m-%d"), "petitioner_name": "Lục Văn Sáu",
    }).encode()  # fmt: skip
    request = urllib.request.Request(
        url, data=body, method="POST",
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json",
                 "Idempotency-Key": key},
    )  # fmt: skip
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.loads(response.read()), time.monotonic() - started
    except urllib.error.HTTPError as exc:
        payload = exc.read()
        try:
            data = json.loads(payload)
        except ValueError:
            data = payload.decode("utf-8", "replace")
        return exc.code, data, time.monotonic() - started
