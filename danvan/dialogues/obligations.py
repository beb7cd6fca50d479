"""Follow-up actions owed by a date, registered with the kernel's one reminder job.

The responsible unit's officials who carry out follow-ups (``dialogues.change_followupaction``)
are told ``DIALOGUES_REMIND_DAYS_BEFORE`` days before the due date; once it has passed they, and
the officials in charge of dialogues at the unit that held the dialogue
(``dialogues.change_dialogue``), are told it is overdue. Keys keep the format of the former
``dialogues.reminders`` job, so a live database is not reminded twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.core.obligations import ObligationKind, Owed, register

from .models import FollowUpAction


def remind_days_before() -> int:
    return settings.DIALOGUES_REMIND_DAYS_BEFORE


def open_follow_ups(start: dt.date, end: dt.date) -> Iterable[Owed]:
    rows = (
        FollowUpAction.objects.open()
        .filter(due_on__gte=start, due_on__lte=end)
        .select_related("dialogue__owner", "responsible_unit")
        .order_by("due_on", "pk")
    )
    days = (remind_days_before(),)
    for action in rows.iterator(chunk_size=500):
        yield Owed(
            item_key=str(action.pk),
            unit=action.responsible_unit,
            due_on=action.due_on,
            title=action.title[:200],
            url=reverse("dialogues:follow_up", args=[action.pk]),
            detail=_("Dialogue of %(owner)s on %(held)s; %(percent)s%% done.")
            % {
                "owner": action.dialogue.owner.name,
                "held": f"{action.dialogue.held_on:%d/%m/%Y}",
                "percent": action.percent,
            },
            reminder_days=days,
            watcher=action.dialogue.owner,
        )


def _key(item: Owed, slot: str) -> str:
    occasion = "overdue" if slot == "overdue" else f"due-in-{remind_days_before()}"
    return f"dialogues.followup:{item.item_key}:{occasion}:{item.due_on.isoformat()}"


FOLLOW_UPS = register(
    ObligationKind(
        key="dialogues.follow_up",
        model=FollowUpAction,
        label=gettext_lazy("dialogue follow-up"),
        permission="dialogues.change_followupaction",
        overdue_permission="dialogues.change_dialogue",
        owed=open_follow_ups,
        lookahead_days=366,  # DIALOGUES_REMIND_DAYS_BEFORE may be up to a year
        notification_key=_key,
    )
)
