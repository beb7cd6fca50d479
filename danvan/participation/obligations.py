"""What units owe under grassroots democracy, as obligations of the one reminder job.

``participation.recommendation``: the answer to a Front supervision recommendation, owed by the
unit it was made to, by its due date (``recommendation.answer_days``, configurable per province).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

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
            title=_("Answer the supervision recommendation: %(text)s") % {"text": r.text[:120]},
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
            title=_("Answer the recommendation of %(board)s: %(text)s")
            % {"board": f.board.name, "text": f.text[:100]},
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
                title=_("Hold at least one dialogue with the people in %(year)d") % {"year": year},
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


def open_critiques(start: dt.date, end: dt.date) -> Iterable[Owed]:
    """The written answer to the Front's social critique, owed by the drafting unit."""
    from .models import SocialCritique

    rows = SocialCritique.objects.filter(SocialCritique.open_q).select_related("drafting_unit")
    return open_items(
        rows,
        "due_on",
        start,
        end,
        lambda c: Owed(
            item_key=str(c.pk),
            unit=c.drafting_unit,
            due_on=c.due_on,
            title=_("Answer in writing the social critique of: %(draft)s")
            % {"draft": c.draft_title[:120]},
            url=reverse("participation:critique", args=[c.pk]),
        ),
    )


register(
    ObligationKind(
        key="participation.critique",
        label=_("answer to a social critique"),
        permission="participation.change_socialcritique",
        owed=open_critiques,
        reminder_days=(7, 1, 0),
    )
)


def _communes_owing(start: dt.date, end: dt.date, done_ids: Any) -> Iterable[tuple[int, Any]]:
    """(year, commune) for each year whose 31 December falls in the window and each current
    commune not among ``done_ids(year)``."""
    from danvan.orgs.models import OrgUnit, OrgUnitKind

    for year in range(start.year, end.year + 1):
        due = dt.date(year, 12, 31)
        if not start <= due <= end:
            continue
        communes = (
            OrgUnit.objects.current(due)
            .filter(kind=OrgUnitKind.COMMUNE)
            .exclude(pk__in=done_ids(year))
        )
        for commune in communes.iterator(chunk_size=500):
            yield year, commune


def communes_without_year_end_meeting(start: dt.date, end: dt.date) -> Iterable[Owed]:
    """Điều 33: the community meets at the end of each year (due 31/12); met by a
    :class:`YearEndMeeting` the commune recorded in that year."""
    from .models import YearEndMeeting

    def held(year: int) -> Any:
        return YearEndMeeting.objects.filter(held_on__year=year).values("owner_id")

    for year, commune in _communes_owing(start, end, held):
        yield Owed(
            item_key=f"{commune.pk}:{year}",
            unit=commune,
            due_on=dt.date(year, 12, 31),
            title=_("Hold the year-end community meeting of %(year)d") % {"year": year},
            url=reverse("participation:annual"),
        )


register(
    ObligationKind(
        key="participation.year_end_meeting",
        label=_("year-end community meeting"),
        permission="participation.add_yearendmeeting",
        owed=communes_without_year_end_meeting,
        reminder_days=(30, 7),
    )
)


def communes_without_satisfaction_channel(start: dt.date, end: dt.date) -> Iterable[Owed]:
    """Điều 35: the people rate the commune's service through a standing channel; met when the
    commune has a published satisfaction survey of the year in ``surveys`` (read through its
    query, never written)."""
    from danvan.surveys.queries import published_owner_ids

    for year, commune in _communes_owing(start, end, published_owner_ids):
        yield Owed(
            item_key=f"{commune.pk}:{year}",
            unit=commune,
            due_on=dt.date(year, 12, 31),
            title=_("Keep a published satisfaction survey open to the people in %(year)d")
            % {"year": year},
            url=reverse("participation:annual"),
        )


register(
    ObligationKind(
        key="participation.satisfaction_channel",
        label=_("standing satisfaction-rating channel"),
        permission="surveys.add_questionnaire",
        owed=communes_without_satisfaction_channel,
        reminder_days=(60, 30),
    )
)
