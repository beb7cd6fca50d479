"""Đôn đốc through huey: daily reminders and the leaders' weekly digest (idempotent)."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task


@db_periodic_task(crontab(hour="7", minute="10"))
def send_plan_reminders() -> int:
    from .reminders import send_due_reminders

    return send_due_reminders()


@db_periodic_task(crontab(day_of_week="1", hour="7", minute="20"))
def send_plan_digests() -> int:
    from .reminders import send_weekly_digests

    return send_weekly_digests()


@db_task()
def announce_obligations(obligation_ids: list[int]) -> int:
    """Tell each newly addressed unit what it must issue and by when (after the cascade)."""
    from .reminders import announce_new_obligations

    return announce_new_obligations(obligation_ids)
