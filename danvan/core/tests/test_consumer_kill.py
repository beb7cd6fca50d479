"""Faults (issue 17): the task consumer is killed mid-batch, restarted, and nothing is doubled.

A real huey consumer (``manage.py run_huey``, SQLite huey storage in a temporary directory as
the project configures it, the site's own database there too — or a database of its own on
the PostgreSQL server when ``DATABASE_URL`` names one) works through a batch of notification
e-mails and reminders:

1. the reminder job (``core.tasks.remind_obligations``) is enqueued over a dialogue's
   follow-up actions due in ``DIALOGUES_REMIND_DAYS_BEFORE`` days, each told to the commune's
   officer: it creates the notifications and, after its
   transaction, sends their e-mails through a mail backend that takes a moment per message;
2. the consumer is SIGKILLed once a part of the e-mails went out — mid-batch;
3. a new consumer starts; the reminder job is enqueued again (what a restarted consumer's
   schedule does), and so is the retry of e-mails (``notifications.tasks.send_pending_emails``)
   once the lease of the killed consumer's claim has run out.

Each reminder must then exist exactly once, and each e-mail must have gone exactly once
(counted by the messages the backend wrote, one file per delivered message, by Message-ID).
Bounded: past building its database, the test waits at most ``BUDGET`` seconds. Skipped only when the test run is not
allowed to start processes (never silently otherwise: a missing piece fails).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from danvan.testing import consumers

ROOT = Path(__file__).resolve().parents[3]
BATCH = 16  # e-mails of consumers.DELAY (0.15 s) each: ~2.4 s, so a kill lands mid-batch
LEASE = 2
BUDGET = 60

SETUP = consumers.BATCH_SETUP.format(prefix="kill", name="UBND xã Thử Tiến Trình", batch=BATCH)

COUNT = """
import django, json; django.setup()
from django.db.models import Count
from danvan.notifications.models import Notification
rows = Notification.objects.all()
print(json.dumps({
    "notifications": rows.count(),
    "keys_doubled": rows.values("recipient", "key").annotate(n=Count("pk")).filter(n__gt=1).count(),
    "emailed": rows.filter(emailed_at__isnull=False).count(),
    "wanted": rows.filter(email_wanted=True).count(),
}))
"""


@pytest.fixture
def site(tmp_path: Path) -> Iterator[dict[str, str]]:
    folder = tmp_path / "site"
    env = {**consumers.site(folder, "kill_settings", LEASE), "HUEY_WORKERS": "1"}
    env.pop("REDIS_URL", None)
    database = None
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        import psycopg

        base, _, _ = url.rpartition("/")
        database = f"danvan_kill_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{database}"')
        env["DATABASE_URL"] = f"{base}/{database}"
    else:
        env.pop("DATABASE_URL", None)
    try:
        yield env
    finally:
        if database is not None:
            with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        shutil.rmtree(folder, ignore_errors=True)


def _python(env: dict[str, str], code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True,
                          text=True, timeout=BUDGET)  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def _enqueue(env: dict[str, str], calls: str, log: Path) -> None:
    assert consumers.enqueue(env, calls, log).wait(timeout=BUDGET) == 0, log.read_text()[-3000:]


def _wait(condition: Any, deadline: float, what: str) -> None:
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.05)


def test_a_consumer_killed_mid_batch_sends_each_reminder_once(site: dict[str, str]) -> None:
    started = time.monotonic()
    env = site
    log = Path(env["DANVAN_VAR_DIR"]).parent / "consumer.log"
    # Building the database is not part of the fault (migrations take a while on a busy CI).
    subprocess.run([sys.executable, "manage.py", "migrate", "-v", "0"], env=env, cwd=ROOT,
                   check=True, capture_output=True, timeout=600)  # fmt: skip
    _python(env, SETUP)
    prepared = time.monotonic()
    deadline = prepared + BUDGET

    first = consumers.start(env, log)
    try:
        _enqueue(env, "remind_obligations()", log)
        # Kill it once a third of the e-mails went out: the rest of the batch is in flight.
        _wait(lambda: len(consumers.delivered(env)) >= BATCH // 3, deadline, "the first e-mails")
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
    finally:
        if first.poll() is None:
            first.kill()
    at_kill = len(consumers.delivered(env))
    assert at_kill < BATCH - 2, "the batch finished before the kill: nothing was tested"

    second = consumers.start(env, log)
    try:
        # A restarted consumer runs the reminder job again (it must not tell anyone twice), and
        # the retry of e-mails once the killed consumer's claim has run out.
        _enqueue(
            env, f"remind_obligations(); send_pending_emails.schedule(delay={LEASE + 0.5})", log
        )
        expected = json.loads(_python(env, COUNT))["wanted"]
        try:
            _wait(lambda: len(consumers.delivered(env)) >= expected, deadline, "every e-mail")
        except AssertionError:
            raise AssertionError(
                f"{len(consumers.delivered(env))} of {expected} e-mails; {_python(env, COUNT)}"
                f"{log.read_text()[-4000:]}"
            ) from None
        time.sleep(1)  # anything sent twice would show now
    finally:
        second.terminate()
        try:
            second.wait(timeout=10)
        except subprocess.TimeoutExpired:
            second.kill()
    counts = json.loads(_python(env, COUNT))
    delivered = Counter(consumers.delivered(env))
    print(f"consumer kill: {BATCH} reminders, {at_kill} e-mails out at the kill, "
          f"setup {prepared - started:.1f} s, run {time.monotonic() - prepared:.1f} s")  # fmt: skip
    # One reminder per follow-up, and one to the unit that held the dialogue (its watcher).
    assert counts["notifications"] >= BATCH, counts
    assert counts == {"notifications": counts["notifications"], "keys_doubled": 0,
                      "emailed": counts["wanted"], "wanted": counts["notifications"]}, counts  # fmt: skip
    assert len(delivered) == counts["wanted"], delivered
    assert max(delivered.values()) == 1, f"e-mails sent twice: {delivered.most_common(3)}"
    assert time.monotonic() - prepared < BUDGET
