"""What units owe under grassroots democracy, as obligations of the one reminder job.

``participation.recommendation``: the answer to a Front supervision recommendation, owed by the
unit it was made to, by its due date (``recommendation.answer_days``, configurable per province).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from danvan.core.obligations import ObligationKind, Owed, open_items, register

from .models import BoardFinding, SupervisionRecommendation


def open_recommendations(start: dt.date, end: dt.date) -> Iterable[Owed]:
    rows = SupervisionRecommendation.objects.filter(
        SupervisionRecommendation.open_q
    ).select_related("answering_unit", "supervision_round")
    return open_items(
        rows,
        "due_on",
        start,
        end,
        lambda r: Owed(
            item_key=str(r.pk),
            unit=r.answering_unit,
            due_on=r.due_on,
            title=f"Trả lời kiến nghị giám sát: {r.text[:120]}",
            url=reverse("participation:recommendation", args=[r.pk]),
        ),
    )


register(
    ObligationKind(
        key="participation.recommendation",
        model=SupervisionRecommendation,
        label=_("answer to a supervision recommendation"),
        permission="participation.change_supervisionrecommendation",
        owed=open_recommendations,
        reminder_days=(7, 1, 0),
    )
)


def open_board_findings(start: dt.date, end: dt.date) -> Iterable[Owed]:
    rows = BoardFinding.objects.filter(BoardFinding.open_q).select_related("board__owner")
    return open_items(
        rows,
        "due_on",
        start,
        end,
        lambda f: Owed(
            item_key=str(f.pk),
            unit=f.board.owner,
            due_on=f.due_on,
            title=f"Trả lời kiến nghị của {f.board.name}: {f.text[:100]}",
            url=reverse("participation:board", args=[f.board_id]),
        ),
    )


register(
    ObligationKind(
        key="participation.board_finding",
        model=BoardFinding,
        label=_("answer to a people's board"),
        permission="participation.change_boardfinding",
        owed=open_board_findings,
        reminder_days=(7, 1, 0),
    )
)


def communes_without_dialogue(start: dt.date, end: dt.date) -> Iterable[Owed]:
    """Điều 32: the commune holds at least one dialogue with the people a year (due 31/12).

    Done when the dialogues app records one held by the commune in that year; the item is owed
    only by current communes, for each year whose 31 December falls in the window.
    """
    from danvan.dialogues.models import Dialogue
    from danvan.orgs.models import OrgUnit, OrgUnitKind

    for year in range(start.year, end.year + 1):
        due = dt.date(year, 12, 31)
        if not start <= due <= end:
            continue
        held = Dialogue.objects.filter(held_on__year=year).values("owner_id")
        communes = (
            OrgUnit.objects.current(due).filter(kind=OrgUnitKind.COMMUNE).exclude(pk__in=held)
        )
        for commune in communes.iterator(chunk_size=500):
            yield Owed(
                item_key=f"{commune.pk}:{year}",
                unit=commune,
                due_on=due,
                title=f"Tổ chức ít nhất một hội nghị đối thoại với Nhân dân năm {year}",
                url=reverse("dialogues:list"),
            )


register(
    ObligationKind(
        key="participation.annual_dialogue",
        label=_("annual dialogue with the people"),
        permission="dialogues.add_dialogue",
        owed=communes_without_dialogue,
        reminder_days=(30, 7),
    )
)
