"""Reminders about follow-up actions (đôn đốc), each sent exactly once.

The responsible unit's leaders and officers are told ``DIALOGUES_REMIND_DAYS_BEFORE`` days
before the due date; when the date passes and the action is not done, they and the leaders of
the unit that held the dialogue are told it is overdue. Keys name the action, the occasion and
the due date, so a second run (or a restarted consumer) sends nothing twice, and moving the due
date reminds again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from danvan.core.audit import SYSTEM, acting_as

from .models import FollowUpAction, overdue_q

ROLES = ("leader", "officer")


def remind_days_before() -> int:
    return settings.DIALOGUES_REMIND_DAYS_BEFORE


@dataclass
class ReminderRun:
    due_soon: int = 0
    overdue: int = 0


def send_follow_up_reminders(today: dt.date | None = None) -> ReminderRun:
    """Tell the responsible units about follow-ups due soon or overdue; counts the new ones."""
    from danvan.notifications.services import notify, officials_at

    today = today or timezone.localdate()
    days = remind_days_before()
    run = ReminderRun()
    open_actions = FollowUpAction.objects.open().select_related(
        "dialogue__owner", "responsible_unit"
    )
    soon = open_actions.filter(due_on__gte=today, due_on__lte=today + dt.timedelta(days=days))
    with transaction.atomic(), acting_as(SYSTEM):
        for action in soon.order_by("due_on", "pk"):
            left = (action.due_on - today).days
            sent = notify(
                f"dialogues.followup:{action.pk}:due-in-{days}:{action.due_on.isoformat()}",
                officials_at(action.responsible_unit, *ROLES),
                f"Sắp đến hạn việc sau đối thoại: {action.title}"[:300],
                (
                    f"Việc «{action.title}» (đối thoại ngày {action.dialogue.held_on:%d/%m/%Y} "
                    f"của {action.dialogue.owner.name}) đến hạn ngày {action.due_on:%d/%m/%Y}, "
                    f"còn {left} ngày. Đơn vị chủ trì: {action.responsible_unit.name}. "
                    f"Đã thực hiện {action.percent}%."
                ),
                url=reverse("dialogues:follow_up", args=[action.pk]),
            )
            run.due_soon += len(sent)
        for action in open_actions.filter(overdue_q(today)).order_by("due_on", "pk"):
            recipients = list(officials_at(action.responsible_unit, *ROLES)) + list(
                officials_at(action.dialogue.owner, "leader")
            )
            sent = notify(
                f"dialogues.followup:{action.pk}:overdue:{action.due_on.isoformat()}",
                recipients,
                f"Quá hạn việc sau đối thoại: {action.title}"[:300],
                (
                    f"Việc «{action.title}» (đối thoại ngày {action.dialogue.held_on:%d/%m/%Y} "
                    f"của {action.dialogue.owner.name}) đã quá hạn ngày "
                    f"{action.due_on:%d/%m/%Y} mà chưa hoàn thành ({action.percent}%). "
                    f"Đơn vị chủ trì: {action.responsible_unit.name}."
                ),
                url=reverse("dialogues:follow_up", args=[action.pk]),
            )
            run.overdue += len(sent)
    return run
