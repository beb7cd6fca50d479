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

import email
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
from django.core.mail.backends.base import BaseEmailBackend

ROOT = Path(__file__).resolve().parents[3]
BATCH = 16
DELAY = 0.15  # seconds per message: the batch takes ~2.4 s, so a kill lands mid-batch
LEASE = 2
BUDGET = 60


class SlowFileBackend(BaseEmailBackend):
    """Delivers each message as one file, after a moment (a slow mail server), atomically."""

    def send_messages(self, email_messages: Any) -> int:
        folder = Path(os.environ["DANVAN_TEST_MAILDIR"])
        for message in email_messages:
            time.sleep(DELAY)
            temporary = folder / f".{uuid.uuid4().hex}"
            temporary.write_bytes(message.message().as_bytes())
            os.replace(temporary, folder / f"{uuid.uuid4().hex}.eml")
        return len(email_messages)


SETTINGS = """
from danvan.settings import *  # noqa
EMAIL_BACKEND = "danvan.core.tests.test_consumer_kill.SlowFileBackend"
NOTIFICATIONS_EMAIL_LEASE_SECONDS = {lease}
"""

SETUP = """
import django; django.setup()
import datetime as dt
from django.conf import settings
from django.utils import timezone
from danvan.core.actors import SYSTEM
from danvan.orgs.services import create_unit
from danvan.accounts.services import create_official, assign_role
from danvan.dialogues.services import add_follow_up, create_dialogue

today = timezone.localdate()
unit = create_unit(name="UBND xã Thử Tiến Trình", kind="commune", key="kill-w1", actor=SYSTEM)
official = create_official(username="kill.congchuc", password=None, org_unit=unit,
                           full_name="Cán bộ thử", email="kill@example.invalid", actor=SYSTEM)
assign_role(official, "officer", unit, actor=SYSTEM)
dialogue = create_dialogue(unit, held_on=today, place="Hội trường xã", topic="Đường liên thôn",
                           chaired_by="Chủ tịch xã", actor=SYSTEM)
due = today + dt.timedelta(days=settings.DIALOGUES_REMIND_DAYS_BEFORE)
for n in range({batch}):
    add_follow_up(dialogue, title=f"Việc số {{n + 1}}", responsible_unit=unit, due_on=due,
                  actor=SYSTEM)
"""

ENQUEUE = """
import django; django.setup()
from danvan.core.tasks import remind_obligations
from danvan.notifications.tasks import send_pending_emails
{calls}
"""

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
    (folder / "mail").mkdir(parents=True)
    (folder / "kill_settings.py").write_text(SETTINGS.format(lease=LEASE))
    env = {
        **os.environ, "DANVAN_ENV": "demo", "DANVAN_VAR_DIR": str(folder / "var"),
        "DJANGO_SETTINGS_MODULE": "kill_settings", "DANVAN_TEST_MAILDIR": str(folder / "mail"),
        "PYTHONPATH": os.pathsep.join([str(folder), str(ROOT)]), "HUEY_WORKERS": "1",
    }  # fmt: skip
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


def _consumer(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "manage.py", "run_huey", "--workers", "1", "--no-periodic"],
        env=env, cwd=ROOT, stdout=log.open("ab"), stderr=subprocess.STDOUT,
    )  # fmt: skip


def _delivered(env: dict[str, str]) -> list[str]:
    folder = Path(env["DANVAN_TEST_MAILDIR"])
    return [
        email.message_from_bytes(path.read_bytes())["Message-ID"] for path in folder.glob("*.eml")
    ]


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
    _python(env, SETUP.format(batch=BATCH))
    prepared = time.monotonic()
    deadline = prepared + BUDGET

    first = _consumer(env, log)
    try:
        _python(env, ENQUEUE.format(calls="remind_obligations()"))
        # Kill it once a third of the e-mails went out: the rest of the batch is in flight.
        _wait(lambda: len(_delivered(env)) >= BATCH // 3, deadline, "the first e-mails")
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
    finally:
        if first.poll() is None:
            first.kill()
    at_kill = len(_delivered(env))
    assert at_kill < BATCH - 2, "the batch finished before the kill: nothing was tested"

    second = _consumer(env, log)
    try:
        # A restarted consumer runs the reminder job again (it must not tell anyone twice), and
        # the retry of e-mails once the killed consumer's claim has run out.
        _python(env, ENQUEUE.format(
            calls=f"remind_obligations(); send_pending_emails.schedule(delay={LEASE + 0.5})"
        ))  # fmt: skip
        expected = json.loads(_python(env, COUNT))["wanted"]
        try:
            _wait(lambda: len(_delivered(env)) >= expected, deadline, "every e-mail")
        except AssertionError:
            raise AssertionError(
                f"{len(_delivered(env))} of {expected} e-mails; {_python(env, COUNT)}"
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
    delivered = Counter(_delivered(env))
    print(f"consumer kill: {BATCH} reminders, {at_kill} e-mails out at the kill, "
          f"setup {prepared - started:.1f} s, run {time.monotonic() - prepared:.1f} s")  # fmt: skip
    # One reminder per follow-up, and one to the unit that held the dialogue (its watcher).
    assert counts["notifications"] >= BATCH, counts
    assert counts == {"notifications": counts["notifications"], "keys_doubled": 0,
                      "emailed": counts["wanted"], "wanted": counts["notifications"]}, counts  # fmt: skip
    assert len(delivered) == counts["wanted"], delivered
    assert max(delivered.values()) == 1, f"e-mails sent twice: {delivered.most_common(3)}"
    assert time.monotonic() - prepared < BUDGET
