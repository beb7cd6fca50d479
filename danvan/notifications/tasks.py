"""Retry e-mails that did not go out when their notification was created."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task


@db_periodic_task(crontab(minute="*/5"))
def send_pending_emails() -> int:
    from .services import send_pending

    return send_pending()
