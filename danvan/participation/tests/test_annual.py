"""Annual duties as obligations: at least one dialogue with the people a year (Điều 32)."""

from __future__ import annotations

import datetime as dt

from danvan.core.obligations import remind
from danvan.dialogues.models import Dialogue
from danvan.notifications.models import Notification
from danvan.testing.fixtures import Tree, official

from ..obligations import communes_without_dialogue


def test_a_commune_without_a_dialogue_this_year_owes_one(tree: Tree) -> None:
    Dialogue.objects.create(
        owner=tree.commune, held_on=dt.date(2026, 6, 1), place="Hội trường", topic="Đối thoại",
        chaired_by="Chủ tịch UBND xã",
    )  # fmt: skip
    owed = list(communes_without_dialogue(dt.date(2026, 12, 1), dt.date(2027, 1, 1)))
    assert [o.unit for o in owed] == [tree.other_commune]
    assert owed[0].due_on == dt.date(2026, 12, 31)
    assert list(communes_without_dialogue(dt.date(2026, 1, 1), dt.date(2026, 12, 30))) == []
    leader = official("leader", tree.other_commune, username="tanlap.lanhdao")
    sent = remind(dt.date(2026, 12, 1), only=["participation.annual_dialogue"])
    assert sent["participation.annual_dialogue"] == 1
    assert Notification.objects.filter(recipient=leader).count() == 1
