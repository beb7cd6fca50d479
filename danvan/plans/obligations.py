"""What plans owe by a date, registered with the kernel's one reminder job (core.obligations).

Two kinds: a task its lead unit must finish (every occurrence of a recurring task in the plan's
years, with the plan's own reminder days), and an implementing plan (kế hoạch thực hiện) an
addressed unit must issue. Keys keep the format of the former ``plans.reminders`` job, so a
live database is not reminded twice of what that job already sent.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.core.obligations import ObligationKind, Owed, register

from .models import ImplementationObligation, Recurrence, Task, TaskStatus

#: The largest reminder window a plan may set is looked ahead for.
LOOKAHEAD_DAYS = 60


def _day(year: int, month: int, day: int) -> dt.date:
    return dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def occurrences(task: Task) -> list[dt.date]:
    """Due dates of a task: its due date, and for a recurring one each date in the plan period."""
    dates = {task.due_on} if task.due_on else set()
    if task.recurrence == Recurrence.WEEKLY:
        if task.recur_day and 1 <= task.recur_day <= 7:
            day = dt.date(task.plan.year_from, 1, 1)
            day += dt.timedelta(days=(task.recur_day - day.isoweekday()) % 7)
            while day.year <= task.plan.year_to:
                dates.add(day)
                day += dt.timedelta(days=7)
        return sorted(dates)
    if task.recurrence and task.recur_day:
        first_month = task.recur_month or 12
        step = {
            Recurrence.MONTHLY: 1,
            Recurrence.QUARTERLY: 3,
            Recurrence.SEMIANNUAL: 6,
            Recurrence.YEARLY: 12,
        }[Recurrence(task.recurrence)]
        for year in range(task.plan.year_from, task.plan.year_to + 1):
            for month in range(((first_month - 1) % step) + 1, 13, step):
                dates.add(_day(year, month, task.recur_day))
    return sorted(dates)


def _legacy_slot(slot: str) -> str:
    # The former job wrote "missed" and "due-in-<n>" where the kernel says "overdue" and "d<n>".
    return "missed" if slot == "overdue" else f"due-in-{slot[1:]}"


def open_tasks(start: dt.date, end: dt.date) -> Iterable[Owed]:
    tasks = (
        Task.objects.exclude(status=TaskStatus.DONE)
        .leaves()
        .filter(lead_unit__isnull=False)
        .filter(plan__year_from__lte=end.year, plan__year_to__gte=start.year)
        .exclude(plan__status="superseded")
        .select_related("plan", "lead_unit")
    )
    for task in tasks.iterator(chunk_size=500):
        url = reverse("plans:task", args=[task.pk])
        days = task.plan.reminder_day_list()
        if task.recurrence == Recurrence.WEEKLY:
            # A week ahead is the previous occurrence: a weekly duty is reminded on its day.
            days = [d for d in days if d < 7] or [0]
        for due in occurrences(task):
            if not start <= due <= end:
                continue
            yield Owed(
                item_key=str(task.pk),
                unit=task.lead_unit,  # type: ignore[arg-type]
                due_on=due,
                title=task.title[:200],
                url=url,
                detail=_("Plan: %(plan)s. Progress: %(percent)s%%.")
                % {"plan": task.plan, "percent": task.percent},
                reminder_days=days,
                # A past occurrence of a recurring task is not recorded as done or not.
                remind_overdue=due == task.due_on,
            )


def open_implementing_plans(start: dt.date, end: dt.date) -> Iterable[Owed]:
    rows = (
        ImplementationObligation.objects.counted()
        .filter(submitted_on__isnull=True, due_on__gte=start, due_on__lte=end)
        .select_related("plan", "plan__owner", "holder")
    )
    for obligation in rows.iterator(chunk_size=500):
        yield Owed(
            item_key=str(obligation.pk),
            unit=obligation.holder,
            due_on=obligation.due_on,
            title=_("Implementing plan of %(plan)s") % {"plan": obligation.plan},
            url=reverse("plans:detail", args=[obligation.plan_id]),
            detail=_("Issued by %(owner)s.") % {"owner": obligation.plan.owner.name},
            reminder_days=obligation.plan.reminder_day_list(),
        )


TASKS = register(
    ObligationKind(
        key="plans.task",
        model=Task,
        label=gettext_lazy("plan task"),
        permission="plans.change_task",
        owed=open_tasks,
        reminder_days=(7, 0),
        lookahead_days=LOOKAHEAD_DAYS,
        notification_key=lambda item, slot: (
            f"plans.task:{item.item_key}:{_legacy_slot(slot)}:{item.due_on.isoformat()}"
        ),
    )
)

IMPLEMENTING_PLANS = register(
    ObligationKind(
        key="plans.obligation",
        model=ImplementationObligation,
        label=gettext_lazy("implementing plan"),
        permission="plans.add_plan",
        owed=open_implementing_plans,
        reminder_days=(7, 0),
        lookahead_days=LOOKAHEAD_DAYS,
        notification_key=lambda item, slot: (
            f"plans.obligation:{item.item_key}:{_legacy_slot(slot)}:{item.due_on.isoformat()}"
        ),
    )
)
