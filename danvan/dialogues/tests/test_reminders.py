"""Reminders before the due date and alerts when it is missed: each sent exactly once.

Follow-ups are one obligation kind of the kernel's reminder job (``dialogues.obligations``).
"""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.core.obligations import remind
from danvan.core.tasks import remind_obligations
from danvan.dialogues.models import FollowUpStatus
from danvan.notifications.models import Notification
from danvan.testing.fixtures import Tree, official

from .support import TODAY, make_dialogue, make_follow_up

pytestmark = pytest.mark.django_db


def send_follow_up_reminders(today: dt.date) -> int:
    return remind(today, only=["dialogues.follow_up"])["dialogues.follow_up"]


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

    # Due soon: the commune's officer; overdue: the commune's officer and, by permission at the
    # unit that held the dialogue, the province's leader.
    assert send_follow_up_reminders(TODAY) == 3
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
    assert send_follow_up_reminders(TODAY) == 0
    next_day = send_follow_up_reminders(TODAY + dt.timedelta(days=1))
    assert next_day == 1  # only ``later`` enters its window
    assert Notification.objects.filter(key__contains=f":{later.pk}:").count() == 1

    # A new due date is a new occasion: the responsible unit is reminded again.
    late.due_on = TODAY + dt.timedelta(days=2)
    late.save()
    assert send_follow_up_reminders(TODAY) == 1


def test_the_periodic_task_runs_the_reminders(tree: Tree) -> None:
    from django.utils import timezone

    official("officer", tree.commune)
    dialogue = make_dialogue(tree.commune)
    make_follow_up(dialogue, due_on=timezone.localdate() - dt.timedelta(days=2))
    first = remind_obligations.call_local()
    second = remind_obligations.call_local()
    assert first["dialogues.follow_up"] == 1 and second["dialogues.follow_up"] == 0
