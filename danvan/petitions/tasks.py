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
            f"«{petition.get_state_display()}», hạn {petition.due_on:%d/%m/%Y} đã qua."
        )
        url = f"/petitions/{petition.pk}/"
        created += len(notify(alert_key(petition), recipients, subject, body, url=url))
    return created


#: How many days before a step's legal deadline its handlers are reminded.
DUE_SOON_DAYS = 3


def send_due_soon_alerts(today: dt.date | None = None) -> int:
    """Tell each open petition's handlers once, a few days before its step's deadline.

    Recipients: the assigned officer, or when nobody is assigned the officials who handle
    petitions at the unit (by permission). Derived from dates on each run, so a missed run
    only delays the message; the key (step and due date) keeps it to once per deadline.
    """
    from danvan.notifications.services import notify, officials_holding

    from .models import FINISHED_STATES

    day = today or timezone.localdate()
    created = 0
    soon = (
        Petition.objects.filter(due_on__gte=day, due_on__lte=day + dt.timedelta(DUE_SOON_DAYS))
        .exclude(state__in=FINISHED_STATES)
        .select_related("handling_unit", "assigned_officer")
    )
    handlers: dict[int, list] = {}
    for petition in soon.iterator(chunk_size=500):
        if petition.assigned_officer is not None and petition.assigned_officer.is_active:
            recipients = [petition.assigned_officer]
        else:
            unit = petition.handling_unit
            if unit.pk not in handlers:
                handlers[unit.pk] = officials_holding("petitions.change_petition", unit)
            recipients = handlers[unit.pk]
        key = f"petitions.due-soon:{petition.pk}:{petition.step_rule}:{petition.due_on}"
        created += len(
            notify(
                key,
                recipients,
                f"Đơn {petition.tracking_code} sắp đến hạn ({petition.due_on:%d/%m/%Y})",
                f"Đơn {petition.tracking_code} («{petition.title}») đang ở bước "
                f"«{petition.get_state_display()}», hạn {petition.due_on:%d/%m/%Y}.",
                url=f"/petitions/{petition.pk}/",
            )
        )
    return created


@db_periodic_task(crontab(hour="7", minute="5"))
def overdue_alerts() -> int:
    """Every morning at 07:05 (Vietnam time): overdue steps, then those due within days."""
    return send_overdue_alerts() + send_due_soon_alerts()
