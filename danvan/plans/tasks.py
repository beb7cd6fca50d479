"""Background work of plans (huey): the leaders' weekly digest and new-obligation notices.

Due-date reminders of tasks and implementing plans are not here: ``plans.obligations``
registers them with the kernel's one daily job (``core.tasks.remind_obligations``).
"""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task


@db_periodic_task(crontab(day_of_week="1", hour="7", minute="20"))
def send_plan_digests() -> int:
    from .digest import send_weekly_digests

    return send_weekly_digests()


@db_task()
def announce_obligations(obligation_ids: list[int]) -> int:
    """Tell each newly addressed unit what it must issue and by when (after the cascade)."""
    from .notices import announce_new_obligations

    return announce_new_obligations(obligation_ids)
