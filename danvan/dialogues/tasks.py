"""Background work of dialogues (huey): the daily reminder run."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task


@db_periodic_task(crontab(hour="7", minute="5"))
def remind_follow_ups() -> dict[str, int]:
    """Every morning: reminders before the due date and alerts when it is missed (once each)."""
    from .reminders import send_follow_up_reminders

    run = send_follow_up_reminders()
    return {"due_soon": run.due_soon, "overdue": run.overdue}
