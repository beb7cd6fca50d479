"""Reminders before the due date and alerts when it is missed: each sent exactly once."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.dialogues.models import FollowUpStatus
from danvan.dialogues.reminders import send_follow_up_reminders
from danvan.dialogues.tasks import remind_follow_ups
from danvan.notifications.models import Notification
from danvan.testing.fixtures import Tree, official

from .support import TODAY, make_dialogue, make_follow_up

pytestmark = pytest.mark.django_db


def test_reminders_go_once_before_and_once_when_missed(tree: Tree) -> None:
    province_leader = official("leader", tree.province, email="lanhdao@tinh.gov.vn")
    commune_officer = official("officer", tree.commune, email="congchuc@xa.gov.vn")
    other = official("officer", tree.other_commune)
    dialogue = make_dialogue(tree.province)
    soon = make_follow_up(dialogue, tree.commune, due_on=TODAY + dt.timedelta(days=3))
    later = make_follow_up(dialogue, tree.commune, due_on=TODAY + dt.timedelta(days=4))
    late = make_follow_up(dialogue, tree.commune, due_on=TODAY - dt.timedelta(days=1))
    make_follow_up(
        dialogue, tree.commune, due_on=TODAY - dt.timedelta(days=9), status=FollowUpStatus.DONE
    )

    run = send_follow_up_reminders(TODAY)
    assert (run.due_soon, run.overdue) == (1, 2)  # the overdue one: commune + province leader
    mine = Notification.objects.filter(recipient=commune_officer)
    assert sorted(mine.values_list("key", flat=True)) == sorted(
        [
            f"dialogues.followup:{soon.pk}:due-in-3:{soon.due_on.isoformat()}",
            f"dialogues.followup:{late.pk}:overdue:{late.due_on.isoformat()}",
        ]
    )
    assert Notification.objects.filter(recipient=province_leader).count() == 1
    assert not Notification.objects.filter(recipient=other).exists()

    # The same day again, and the next day: nothing new for these occasions.
    again = send_follow_up_reminders(TODAY)
    assert (again.due_soon, again.overdue) == (0, 0)
    next_day = send_follow_up_reminders(TODAY + dt.timedelta(days=1))
    assert next_day.due_soon == 1  # only ``later`` enters its window
    assert Notification.objects.filter(key__contains=f":{later.pk}:").count() == 1

    # A new due date is a new occasion: the responsible unit is reminded again.
    late.due_on = TODAY + dt.timedelta(days=2)
    late.save()
    assert send_follow_up_reminders(TODAY).due_soon == 1


def test_the_periodic_task_runs_the_reminders(tree: Tree) -> None:
    official("officer", tree.commune)
    dialogue = make_dialogue(tree.commune)
    make_follow_up(dialogue, due_on=dt.date(2020, 1, 1))
    first = remind_follow_ups.call_local()
    second = remind_follow_ups.call_local()
    assert first["overdue"] == 1 and second["overdue"] == 0
