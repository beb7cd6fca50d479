"""The kernel's periodic jobs."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from .obligations import remind


@db_periodic_task(crontab(hour="7", minute="0"))
def remind_obligations() -> dict[str, int]:
    """Every registered obligation kind's reminders (derived from dates; safe to run twice)."""
    return remind()
