"""Real task consumers for tests that kill one mid-batch (issue 17), in one place.

``core/tests/test_consumer_kill.py`` (one consumer killed and restarted) and ``ops/tests/
test_multi_server.py`` (two consumers behind two app servers, one killed) run the same batch:
a commune officer with an e-mail address, a dialogue with ``batch`` follow-up actions due in
``DIALOGUES_REMIND_DAYS_BEFORE`` days, the reminder job over them, and e-mails delivered by
:class:`SlowFileBackend` (one file per message, a moment apiece, so that a kill lands
mid-batch). Each test starts its consumers, enqueues its jobs and counts the delivered
messages with these helpers.
"""

from __future__ import annotations

import email
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

from django.core.mail.backends.base import BaseEmailBackend

ROOT = Path(__file__).resolve().parents[2]
#: Seconds per message: a batch of 16 takes about 2.4 s, so a kill lands mid-batch.
DELAY = 0.15


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
EMAIL_BACKEND = "danvan.testing.consumers.SlowFileBackend"
NOTIFICATIONS_EMAIL_LEASE_SECONDS = {lease}
"""

#: Python source (``python -c``) making the batch; leaves ``unit`` and ``official`` defined for
#: what a test appends. Formatted with ``prefix`` (usernames, keys), ``name`` and ``batch``.
BATCH_SETUP = """
import django; django.setup()
import datetime as dt
from django.conf import settings
from django.utils import timezone
from danvan.core.actors import SYSTEM
from danvan.orgs.services import create_unit
from danvan.accounts.services import create_official, assign_role
from danvan.dialogues.services import add_follow_up, create_dialogue

today = timezone.localdate()
unit = create_unit(name="{name}", kind="commune", key="{prefix}-w1", actor=SYSTEM)
official = create_official(username="{prefix}.congchuc", password=None, org_unit=unit,
                           full_name="Cán bộ thử", email="{prefix}@example.invalid", actor=SYSTEM)
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


def site(folder: Path, module: str, lease: float) -> dict[str, str]:
    """The environment of a site in ``folder`` whose e-mails are :class:`SlowFileBackend`
    files in ``folder/mail``, with a settings module ``module`` there."""
    (folder / "mail").mkdir(parents=True, exist_ok=True)
    (folder / f"{module}.py").write_text(SETTINGS.format(lease=lease))
    return {
        **os.environ, "DANVAN_ENV": "demo", "DANVAN_VAR_DIR": str(folder / "var"),
        "DJANGO_SETTINGS_MODULE": module, "DANVAN_TEST_MAILDIR": str(folder / "mail"),
        "PYTHONPATH": os.pathsep.join([str(folder), str(ROOT)]),
    }  # fmt: skip


def start(
    env: dict[str, str], log: Path, *, workers: int = 1, new_session: bool = False
) -> subprocess.Popen[bytes]:
    """A task consumer, as ``danvan run_huey`` starts one on a machine (no periodic jobs: the
    test enqueues them). ``new_session``: its own process group, to be killed as a whole."""
    return subprocess.Popen(
        [sys.executable, "-m", "danvan.cli", "run_huey", "--no-periodic",
         "--workers", str(workers)],
        env=env, cwd=ROOT, stdout=log.open("ab"), stderr=subprocess.STDOUT,
        start_new_session=new_session,
    )  # fmt: skip


def enqueue(env: dict[str, str], calls: str, log: Path) -> subprocess.Popen[bytes]:
    """Enqueue jobs (``calls``, Python) from a process of their own, without waiting for it."""
    return subprocess.Popen([sys.executable, "-c", ENQUEUE.format(calls=calls)], env=env,
                            cwd=ROOT, stdout=log.open("ab"), stderr=subprocess.STDOUT)  # fmt: skip


def delivered(env: dict[str, str]) -> list[str]:
    """The Message-ID of every e-mail delivered so far, once per delivery."""
    return [
        email.message_from_bytes(path.read_bytes())["Message-ID"]
        for path in Path(env["DANVAN_TEST_MAILDIR"]).glob("*.eml")
    ]
