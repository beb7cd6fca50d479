"""Đôn đốc: each reminder once, to the lead unit's officials, at the plan's windows."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.core.obligations import remind
from danvan.notifications.models import Notification
from danvan.orgs.models import OrgUnitKind
from danvan.plans.cascade import cascade_plan
from danvan.plans.digest import send_weekly_digests
from danvan.plans.models import Plan, Recurrence, Task
from danvan.plans.obligations import occurrences
from danvan.plans.services import add_task, update_plan, update_task
from danvan.testing.fixtures import Tree, official

pytestmark = pytest.mark.django_db


def send_due_reminders(today: dt.date) -> int:
    """Tasks' and implementing plans' reminders of the kernel's job (``plans.obligations``)."""
    return sum(remind(today, only=["plans.task", "plans.obligation"]).values())


@pytest.fixture
def people(tree: Tree):
    return {
        "officer": official("officer", tree.commune, username="xa.cc", email="cc@xa.vn"),
        "leader": official("leader", tree.commune, username="xa.ld", email="ld@xa.vn"),
        "viewer": official("viewer", tree.commune, username="xa.xem"),
    }


def test_due_reminders_are_sent_once_per_window(commune_task: Task, people, mailoutbox) -> None:
    due = commune_task.due_on  # 30/9/2026
    assert due is not None
    assert send_due_reminders(due - dt.timedelta(days=8)) == 0
    assert send_due_reminders(due - dt.timedelta(days=7)) == 2  # officer and leader
    assert send_due_reminders(due - dt.timedelta(days=5)) == 0  # same window, already sent
    assert send_due_reminders(due) == 2  # due today
    assert send_due_reminders(due) == 0  # a restarted consumer sends nothing twice
    assert send_due_reminders(due + dt.timedelta(days=1)) == 2  # missed
    keys = set(Notification.objects.values_list("key", flat=True))
    assert keys == {
        f"plans.task:{commune_task.pk}:due-in-7:2026-09-30",
        f"plans.task:{commune_task.pk}:due-in-0:2026-09-30",
        f"plans.task:{commune_task.pk}:missed:2026-09-30",
    }
    assert not Notification.objects.filter(recipient=people["viewer"]).exists()


def test_done_tasks_are_not_chased_and_days_are_per_plan(
    commune_task: Task, plan: Plan, people
) -> None:
    plan = update_plan(plan, version=plan.version, reminder_days="3")
    assert commune_task.due_on is not None
    assert send_due_reminders(commune_task.due_on - dt.timedelta(days=7)) == 0
    assert send_due_reminders(commune_task.due_on - dt.timedelta(days=3)) == 2
    update_task(commune_task, version=commune_task.version, status="done")
    assert send_due_reminders(commune_task.due_on + dt.timedelta(days=1)) == 0


def test_recurring_task_occurrences(plan: Plan, tree: Tree) -> None:
    task = add_task(
        plan,
        title="Báo cáo 6 tháng, năm",
        lead_unit=tree.commune,
        recurrence=Recurrence.SEMIANNUAL,
        recur_day=15,
        recur_month=6,
        due_on=dt.date(2026, 12, 15),
    )
    assert occurrences(task) == [dt.date(2026, 6, 15), dt.date(2026, 12, 15)]


def test_obligation_reminders_and_weekly_digest(
    plan: Plan, tree: Tree, people, commune_task: Task
) -> None:
    cascade_plan(plan, kinds=[OrgUnitKind.COMMUNE], due_on=dt.date(2026, 2, 28))
    assert send_due_reminders(dt.date(2026, 3, 1)) >= 2
    assert (
        Notification.objects.filter(
            key__startswith="plans.obligation:", key__contains=":missed:"
        ).count()
        == 2
    )
    # The digest goes to the officials who manage the unit's plans (by permission), not viewers.
    assert send_weekly_digests(dt.date(2026, 9, 21)) == 2
    assert send_weekly_digests(dt.date(2026, 9, 22)) == 0  # same week
    notes = Notification.objects.filter(key__startswith="plans.digest:")
    assert {n.recipient for n in notes} == {people["leader"], people["officer"]}
    assert all("sắp đến hạn" in n.body for n in notes)
