"""Retry e-mails that did not go out when their notification was created."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task


@db_periodic_task(crontab(minute="*/5"))
def send_pending_emails() -> int:
    from .models import Notification
    from .services import send_emails

    # Leave the last minute to the on-commit send of the request that created them.
    settled = timezone.now() - timedelta(minutes=1)
    pending = Notification.objects.filter(
        email_wanted=True, emailed_at__isnull=True, created_at__lt=settled
    ).values_list("pk", flat=True)[:500]
    return send_emails(list(pending))
