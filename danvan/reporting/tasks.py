"""Reminders of periodic reports (huey): before the deadline and after it, each sent once.

The notification key names the form, the unit, the period and the kind of reminder, so a second
run of the task (or a restarted consumer) sends nothing twice.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from danvan.orgs.succession import carrier_of

from .models import ReportForm, Submission
from .periods import periods_between


def send_reminders(today: dt.date | None = None) -> int:
    """Remind units that have not submitted: N days before the due date, and once it passed."""
    from danvan.notifications.services import notify, officials_at

    today = today or timezone.localdate()
    sent = 0
    for form in ReportForm.objects.filter(active=True).select_related("recipient"):
        window_start = today - dt.timedelta(days=31)
        window_end = today + dt.timedelta(days=form.reminder_days)
        for period in periods_between(form, window_start - dt.timedelta(days=62), window_end):
            if today < period.due - dt.timedelta(days=form.reminder_days):
                continue
            kind = "before" if today <= period.due else "overdue"
            if kind == "overdue" and today > period.due + dt.timedelta(days=31):
                continue
            done = set(
                Submission.objects.filter(form=form, period=period.code)
                .exclude(first_submitted_at__isnull=True)
                .values_list("unit_id", flat=True)
            )
            for unit in form.assigned_units(period.end).exclude(pk__in=done):
                key = f"reporting.reminder:{form.pk}:{unit.pk}:{period.code}:{kind}"
                if kind == "before":
                    subject = f"Sắp đến hạn báo cáo «{form.name}» kỳ {period.title}"
                    body = (
                        f"{unit.name} cần gửi báo cáo «{form.name}» kỳ {period.title} "
                        f"trước ngày {period.due:%d/%m/%Y}."
                    )
                else:
                    subject = f"Quá hạn báo cáo «{form.name}» kỳ {period.title}"
                    body = (
                        f"{unit.name} chưa gửi báo cáo «{form.name}» kỳ {period.title}; hạn gửi là "
                        f"ngày {period.due:%d/%m/%Y}."
                    )
                url = reverse("reporting:entry", args=[form.pk, unit.pk, period.code])
                # A unit merged away still owes the periods it existed in; its successor's
                # officials answer for it (one successor rule, danvan.orgs.succession).
                recipients: Any = officials_at(carrier_of(unit), "officer", "leader")
                sent += len(notify(key, recipients, subject, body, url=url))
    return sent


@db_periodic_task(crontab(hour="7", minute="30"))
def remind_reports() -> None:
    send_reminders()
