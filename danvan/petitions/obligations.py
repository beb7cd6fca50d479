"""Petition steps owed by their legal deadline, registered with the kernel's reminder job.

Each open petition owes its current step by ``due_on`` (the deadline engine's date). Before it
the assigned officer is told (or, when nobody is assigned, the officials handling petitions at
the unit, ``petitions.change_petition``); once it has passed, both. Messages name the petition
by tracking code and summary only, never the petitioner (Luật Tố cáo 2018, Điều 47). Keys keep
the former ``petitions.tasks`` format, one per petition, step and due date, so a live database
is not told twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.core.obligations import ObligationKind, Owed, register

from .casework.models import DUE_SOON_DAYS
from .models import Petition


def open_steps(start: dt.date, end: dt.date) -> Iterable[Owed]:
    rows = (
        Petition.objects.open()
        .filter(due_on__gte=start, due_on__lte=end)
        .select_related("handling_unit", "assigned_officer")
    )
    for petition in rows.iterator(chunk_size=500):
        officer = petition.assigned_officer
        yield Owed(
            item_key=f"{petition.pk}:{petition.step_rule}",
            unit=petition.handling_unit,
            due_on=petition.due_on,  # type: ignore[arg-type]
            title=_("Petition %(code)s («%(title)s»)")
            % {"code": petition.tracking_code, "title": petition.title},
            url=f"/petitions/{petition.pk}/",
            detail=_("Current step: %(step)s.") % {"step": petition.get_state_display()},
            handlers=(officer,) if officer is not None else (),
        )


def _key(item: Owed, slot: str) -> str:
    occasion = "overdue" if slot == "overdue" else "due-soon"
    return f"petitions.{occasion}:{item.item_key}:{item.due_on.isoformat()}"


STEPS = register(
    ObligationKind(
        key="petitions.step",
        model=Petition,
        label=gettext_lazy("petition handling step"),
        permission="petitions.change_petition",
        owed=open_steps,
        reminder_days=(DUE_SOON_DAYS,),
        notification_key=_key,
    )
)
