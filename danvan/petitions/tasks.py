"""Background work: overdue alerts for petitions, once per petition, step and due date."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from .models import Petition


def alert_key(petition: Petition) -> str:
    return f"petitions.overdue:{petition.pk}:{petition.step_rule}:{petition.due_on}"


def send_overdue_alerts(today: dt.date | None = None) -> int:
    """Tell the handling officer and the unit's leaders about each overdue petition, once.

    The message names the petition by tracking code and summary only, never the petitioner
    (a denouncer's identity must not travel in notifications). Returns notifications created.
    """
    from danvan.notifications.services import notify, officials_at

    day = today or timezone.localdate()
    created = 0
    overdue = Petition.objects.overdue(day).select_related("handling_unit", "assigned_officer")
    for petition in overdue.iterator(chunk_size=500):
        recipients = list(officials_at(petition.handling_unit, "leader", "reception_officer"))
        if petition.assigned_officer is not None and petition.assigned_officer.is_active:
            recipients.append(petition.assigned_officer)
        if not recipients:
            continue
        subject = f"Đơn {petition.tracking_code} quá hạn xử lý"
        body = (
            f"Đơn {petition.tracking_code} («{petition.title}») đang ở bước "
            f"«{petition.get_state_display()}», hạn {petition.due_on:%d/%m/%Y} "
            f"({petition.step_rule}) đã qua."
        )
        url = f"/petitions/{petition.pk}/"
        created += len(notify(alert_key(petition), recipients, subject, body, url=url))
    return created


@db_periodic_task(crontab(hour="7", minute="5"))
def overdue_alerts() -> int:
    """Every morning at 07:05 (Vietnam time)."""
    return send_overdue_alerts()
