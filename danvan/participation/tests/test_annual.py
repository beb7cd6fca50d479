"""Annual duties as obligations: at least one dialogue with the people a year (Điều 32)."""

from __future__ import annotations

import datetime as dt
from typing import Any

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


def test_year_end_meeting_and_satisfaction_channel_per_commune(tree: Tree, commune_officer) -> None:  # type: ignore[no-untyped-def]
    from danvan.surveys.models import Questionnaire, QuestionnaireStatus

    from ..compliance import annual_duties
    from ..obligations import (
        communes_without_satisfaction_channel,
        communes_without_year_end_meeting,
    )
    from ..services.annual import record_year_end_meeting

    window = (dt.date(2026, 12, 1), dt.date(2027, 1, 1))
    assert {o.unit for o in communes_without_year_end_meeting(*window)} == {
        tree.commune,
        tree.other_commune,
    }
    record_year_end_meeting(
        actor=commune_officer, owner=tree.commune, village=tree.village,
        held_on=dt.date(2026, 12, 5), minutes="Tổng kết năm; bình xét gia đình văn hóa.",
    )  # fmt: skip
    assert [o.unit for o in communes_without_year_end_meeting(*window)] == [tree.other_commune]
    # A draft survey is no channel; a published one is (read through surveys.queries).
    survey = Questionnaire.objects.create(owner=tree.commune, title="Mức độ hài lòng", year=2026)
    assert tree.commune in {o.unit for o in communes_without_satisfaction_channel(*window)}
    survey.status = QuestionnaireStatus.OPEN
    survey.save()
    assert [o.unit for o in communes_without_satisfaction_channel(*window)] == [tree.other_commune]
    duties = {d.basis.rsplit(" ", 1)[-1]: d for d in annual_duties(tree.commune, 2026)}
    assert not duties["32"].met and duties["33"].met and duties["35"].met
    assert duties["33"].evidence == "05/12/2026"
    leader = official("leader", tree.other_commune, username="tanlap.lanhdao")
    sent = remind(
        dt.date(2026, 12, 1),
        only=["participation.year_end_meeting", "participation.satisfaction_channel"],
    )
    assert sent["participation.year_end_meeting"] == 1
    assert sent["participation.satisfaction_channel"] == 1
    titles = sorted(str(n) for n in Notification.objects.filter(recipient=leader))
    assert len(titles) == 2 and "hội nghị nhân dân cuối năm 2026" in titles[1]


def test_year_end_meeting_refuses_bad_input(tree: Tree, commune_officer) -> None:  # type: ignore[no-untyped-def]
    import pytest

    from danvan.core.errors import UserError

    from ..models import YearEndMeeting
    from ..services.annual import record_year_end_meeting

    province_officer = official("officer", tree.province, username="tinh.congchuc")
    with pytest.raises(UserError):  # a province holds no year-end meeting of its own
        record_year_end_meeting(
            actor=province_officer, owner=tree.province, held_on=dt.date(2026, 12, 5),
            minutes="Biên bản",
        )  # fmt: skip
    for over in (
        {"minutes": "  "},
        {"village": tree.other_commune},
        {"held_on": dt.date(2999, 1, 1)},
    ):
        data: dict[str, Any] = {
            "owner": tree.commune,
            "held_on": dt.date(2026, 12, 5),
            "minutes": "Biên bản",
        }
        data.update(over)
        with pytest.raises(UserError):
            record_year_end_meeting(actor=commune_officer, **data)
    assert not YearEndMeeting.objects.exists()


def test_duties_on_the_compliance_page_and_over_the_api(tree: Tree, commune_officer) -> None:  # type: ignore[no-untyped-def]
    from danvan.testing.fixtures import signed_in

    from .test_api import _client

    client = signed_in(commune_officer)
    page = client.get(f"/participation/compliance/?unit={tree.commune.pk}&year=2026")
    assert page.status_code == 200
    assert "Điều 33" in page.content.decode()
    posted = client.post(
        f"/participation/annual/?unit={tree.commune.pk}&year=2026",
        {"owner": tree.commune.pk, "held_on": "2026-12-05", "minutes": "Biên bản <b>họp</b>"},
    )
    assert posted.status_code == 302, posted.content.decode()[:2000]
    annual = client.get(f"/participation/annual/?unit={tree.commune.pk}&year=2026").content.decode()
    assert "Biên bản &lt;b&gt;họp&lt;/b&gt;" in annual
    api = _client(commune_officer)
    duties = api.get(f"/api/v1/participation/annual-duties/{tree.commune.pk}?year=2026").json()
    assert [d["met"] for d in duties] == [False, True, False]
    assert api.get(
        f"/api/v1/participation/annual-duties/{tree.province.pk}?year=2026"
    ).status_code in (400, 404)
