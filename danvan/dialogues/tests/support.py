"""Builders for dialogue tests: a dialogue of a unit with follow-ups, straight to the database."""

from __future__ import annotations

import datetime as dt
from typing import Any

from danvan.dialogues.models import (
    Conclusion,
    Dialogue,
    DialogueKind,
    FollowUpAction,
    FollowUpStatus,
    Participant,
    ParticipantKind,
)
from danvan.orgs.models import OrgUnit

TODAY = dt.date(2026, 11, 20)


def make_dialogue(owner: OrgUnit, held_on: dt.date = dt.date(2026, 10, 1), **kw: Any) -> Dialogue:
    fields: dict[str, Any] = {
        "place": "Hội trường UBND",
        "topic": "Bồi thường giải phóng mặt bằng",
        "chaired_by": "Chủ tịch UBND",
        "kind": DialogueKind.THEMATIC,
        "officials_count": 5,
        "citizens_count": 40,
    }
    fields.update(kw)
    dialogue = Dialogue.objects.create(owner=owner, held_on=held_on, **fields)
    Participant.objects.create(dialogue=dialogue, kind=ParticipantKind.CITIZEN, name="Nông Văn A")
    Conclusion.objects.create(dialogue=dialogue, position=1, text="Rà soát lại đơn giá.")
    return dialogue


def make_follow_up(
    dialogue: Dialogue,
    responsible: OrgUnit | None = None,
    due_on: dt.date = dt.date(2026, 11, 30),
    status: str = FollowUpStatus.NOT_STARTED,
    **kw: Any,
) -> FollowUpAction:
    return FollowUpAction.objects.create(
        dialogue=dialogue,
        title=kw.pop("title", "Rà soát đơn giá bồi thường"),
        responsible_unit=responsible or dialogue.owner,
        due_on=due_on,
        status=status,
        percent=100 if status == FollowUpStatus.DONE else kw.pop("percent", 0),
        **kw,
    )
