"""Đôn đốc: reminders before a due date, when it is missed, and a weekly digest for leaders.

Run daily and weekly by huey (``tasks.py``). Every message goes through
``notifications.notify`` with a key naming the task (or obligation), the kind and the due
date, so a rerun or a restarted consumer sends nothing twice, and a moved due date is a new
reminder. The reminder windows are the plan's ``reminder_days`` (default 7 and 0): the
most urgent window the day falls in is used, so a task created three days before its due date
gets one "due in 3 days" reminder, not two.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from typing import Any

from django.urls import reverse
from django.utils import timezone

from danvan.orgs.models import OrgUnit

from .models import ImplementationObligation, Recurrence, Task, TaskStatus

MISSED_LOOKBACK_DAYS = 30
LOOKAHEAD_DAYS = 60
DIGEST_HORIZON_DAYS = 14


def _fmt(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def _day(year: int, month: int, day: int) -> dt.date:
    return dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def occurrences(task: Task) -> list[dt.date]:
    """Due dates of a task: its due date, and for a recurring one each date in the plan period."""
    dates = {task.due_on} if task.due_on else set()
    if task.recurrence and task.recur_day:
        years = range(task.plan.year_from, task.plan.year_to + 1)
        first_month = task.recur_month or 12
        step = {
            Recurrence.MONTHLY: 1,
            Recurrence.QUARTERLY: 3,
            Recurrence.SEMIANNUAL: 6,
            Recurrence.YEARLY: 12,
        }[Recurrence(task.recurrence)]
        for year in years:
            for month in range(((first_month - 1) % step) + 1, 13, step):
                dates.add(_day(year, month, task.recur_day))
    return sorted(dates)


def window(days_left: int, reminder_days: list[int]) -> int | None:
    """The most urgent reminder window ``days_left`` falls in (None when none)."""
    fitting = [n for n in reminder_days if 0 <= days_left <= n]
    return min(fitting) if fitting else None


def _notify(key: str, recipients: Any, subject: str, body: str, url: str) -> int:
    from danvan.notifications.services import notify

    return len(notify(key, recipients, subject, body, url=url))


def _officials(unit: OrgUnit, cache: dict[int, list[Any]]) -> list[Any]:
    from danvan.notifications.services import officials_at

    if unit.pk not in cache:
        cache[unit.pk] = list(officials_at(unit, "officer", "leader"))
    return cache[unit.pk]


def send_due_reminders(today: dt.date | None = None) -> int:
    """Remind the lead units' officials of tasks and implementing plans due soon or missed."""
    day = today or timezone.localdate()
    sent = 0
    cache: dict[int, list[Any]] = {}
    tasks = (
        Task.objects.exclude(status=TaskStatus.DONE)
        .leaves()
        .filter(lead_unit__isnull=False)
        .filter(plan__year_from__lte=day.year + 1, plan__year_to__gte=day.year - 1)
        .exclude(plan__status="superseded")
        .select_related("plan", "lead_unit")
    )
    for task in tasks.iterator(chunk_size=500):
        url = reverse("plans:task", args=[task.pk])
        days = task.plan.reminder_day_list()
        for due in occurrences(task):
            left = (due - day).days
            if left > LOOKAHEAD_DAYS or left < -MISSED_LOOKBACK_DAYS:
                continue
            if left < 0:
                if due != task.due_on:
                    continue  # a past occurrence of a recurring task: done or not is not recorded
                kind, subject = "missed", f"Quá hạn: {task.title[:120]}"
                body = (
                    f"Nhiệm vụ «{task.title}» thuộc {task.plan} có hạn {_fmt(due)} đã quá hạn "
                    f"mà chưa hoàn thành (tiến độ {task.percent}%). Đề nghị khẩn trương thực hiện "
                    "và cập nhật kết quả."
                )
            else:
                n = window(left, days)
                if n is None:
                    continue
                kind = f"due-in-{n}"
                when = "hôm nay" if left == 0 else f"sau {left} ngày nữa"
                subject = f"Sắp đến hạn ({_fmt(due)}): {task.title[:120]}"
                body = (
                    f"Nhiệm vụ «{task.title}» thuộc {task.plan} đến hạn {when} ({_fmt(due)}); "
                    f"tiến độ hiện tại {task.percent}%."
                )
            recipients = _officials(task.lead_unit, cache)  # type: ignore[arg-type]
            key = f"plans.task:{task.pk}:{kind}:{due.isoformat()}"
            sent += _notify(key, recipients, subject, body, url)
    obligations = (
        ImplementationObligation.objects.counted()
        .filter(submitted_on__isnull=True)
        .filter(due_on__gte=day - dt.timedelta(days=MISSED_LOOKBACK_DAYS))
        .filter(due_on__lte=day + dt.timedelta(days=LOOKAHEAD_DAYS))
        .select_related("plan", "plan__owner", "holder")
    )
    for obligation in obligations.iterator(chunk_size=500):
        left = (obligation.due_on - day).days
        if left < 0:
            kind = "missed"
            subject = f"Chưa ban hành kế hoạch thực hiện {obligation.plan}"
        else:
            n = window(left, obligation.plan.reminder_day_list())
            if n is None:
                continue
            kind = f"due-in-{n}"
            subject = (
                f"Hạn ban hành kế hoạch thực hiện {obligation.plan}: {_fmt(obligation.due_on)}"
            )
        body = (
            f"{obligation.holder.name} cần ban hành kế hoạch thực hiện {obligation.plan} của "
            f"{obligation.plan.owner.name} trước ngày {_fmt(obligation.due_on)}."
        )
        key = f"plans.obligation:{obligation.pk}:{kind}:{obligation.due_on.isoformat()}"
        url = reverse("plans:detail", args=[obligation.plan_id])
        sent += _notify(key, _officials(obligation.holder, cache), subject, body, url)
    return sent


def send_weekly_digests(today: dt.date | None = None) -> int:
    """Each unit's leaders: its overdue tasks and those due in the next two weeks."""
    from danvan.notifications.services import officials_at

    day = today or timezone.localdate()
    year, week, _ = day.isocalendar()
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
    for unit_pk, tasks in by_unit.items():
        leaders = list(officials_at(units[unit_pk], "leader"))
        if not leaders:
            continue
        overdue = [t for t in tasks if t.due_on and t.due_on < day]
        upcoming = [t for t in tasks if t.due_on and t.due_on >= day]
        lines = [f"Tình hình thực hiện nhiệm vụ của {units[unit_pk].name} (tuần {week}/{year}):"]
        lines.append(
            f"- Quá hạn: {len(overdue)} nhiệm vụ; sắp đến hạn trong 14 ngày: {len(upcoming)}."
        )
        for t in (overdue + upcoming)[:10]:
            lines.append(f"  • {t.title[:100]} — hạn {_fmt(t.due_on)} — {t.percent}%")  # type: ignore[arg-type]
        key = f"plans.digest:{unit_pk}:{year}-W{week:02d}"
        sent += _notify(
            key,
            leaders,
            f"Tổng hợp nhiệm vụ tuần {week}/{year}: {len(overdue)} quá hạn",
            "\n".join(lines),
            reverse("plans:unit_dashboard", args=[unit_pk]),
        )
    return sent


def announce_new_obligations(obligation_ids: list[int]) -> int:
    """One notification per new obligation to the officials who make plans at the unit."""
    from danvan.notifications.services import officials_holding

    sent = 0
    obligations = ImplementationObligation.objects.filter(pk__in=obligation_ids).select_related(
        "plan", "plan__owner", "holder"
    )
    for obligation in obligations:
        plan = obligation.plan
        sent += _notify(
            f"plans.obligation-created:{obligation.pk}",
            officials_holding("plans.add_plan", obligation.holder),
            f"Xây dựng kế hoạch thực hiện {plan} trước ngày {obligation.due_on:%d/%m/%Y}",
            f"{plan.owner.name} giao {obligation.holder.name} ban hành kế hoạch thực hiện "
            f"«{plan.title}» trước ngày {obligation.due_on:%d/%m/%Y}.",
            reverse("plans:detail", args=[plan.pk]),
        )
    return sent
