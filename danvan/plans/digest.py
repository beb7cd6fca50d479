"""The weekly digest of a unit's tasks (not a reminder: an overview of what is late and near).

Each Monday the officials who manage a unit's plans (``plans.change_plan`` at the unit, nearest
level, :func:`officials_holding`) get the unit's overdue tasks and those due within two weeks.
One key per unit and ISO week, so a rerun sends nothing twice. The per-task reminders are the
kernel's job (``plans.obligations`` registers them with ``core.obligations``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from danvan.orgs.models import OrgUnit

from .models import Task, TaskStatus

DIGEST_HORIZON_DAYS = 14
DIGEST_PERMISSION = "plans.change_plan"


def send_weekly_digests(today: dt.date | None = None) -> int:
    """Each unit's plan managers: its overdue tasks and those due in the next two weeks."""
    from danvan.notifications.services import notify, officials_holding

    day = today or timezone.localdate()
    year, week, _weekday = day.isocalendar()
    horizon = day + dt.timedelta(days=DIGEST_HORIZON_DAYS)
    rows = (
        Task.objects.exclude(status=TaskStatus.DONE)
        .leaves()
        .filter(lead_unit__isnull=False, due_on__lte=horizon)
        .filter(due_on__gte=day - dt.timedelta(days=365))
        .select_related("plan", "lead_unit")
        .order_by("lead_unit_id", "due_on")
    )
    by_unit: dict[int, list[Task]] = defaultdict(list)
    units: dict[int, OrgUnit] = {}
    for task in rows:
        by_unit[task.lead_unit_id].append(task)  # type: ignore[index]
        units[task.lead_unit_id] = task.lead_unit  # type: ignore[index,assignment]
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for unit_pk, tasks in by_unit.items():
            recipients = officials_holding(DIGEST_PERMISSION, units[unit_pk])
            if not recipients:
                continue
            overdue = [t for t in tasks if t.due_on and t.due_on < day]
            upcoming = [t for t in tasks if t.due_on and t.due_on >= day]
            values = {
                "unit": units[unit_pk].name,
                "week": week,
                "year": year,
                "overdue": len(overdue),
                "upcoming": len(upcoming),
            }
            lines = [_("Tasks of %(unit)s (week %(week)s/%(year)s):") % values]
            lines.append(
                _("- Overdue: %(overdue)s tasks; due within 14 days: %(upcoming)s.") % values
            )
            for t in (overdue + upcoming)[:10]:
                lines.append(
                    _("  • %(title)s — due %(due)s — %(percent)s%%")
                    % {"title": t.title[:100], "due": f"{t.due_on:%d/%m/%Y}", "percent": t.percent}
                )
            sent += len(
                notify(
                    f"plans.digest:{unit_pk}:{year}-W{week:02d}",
                    recipients,
                    _("Weekly tasks %(week)s/%(year)s: %(overdue)s overdue") % values,
                    "\n".join(lines),
                    url=reverse("plans:unit_dashboard", args=[unit_pk]),
                )
            )
    return sent
