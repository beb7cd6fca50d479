"""The Front's social critique of drafts: the 15 days before submission, the written answer
with reasons for what is not accepted, only by the unit whose draft it is; overdue, reminders
and the API."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.core.errors import UserError
from danvan.core.obligations import remind
from danvan.notifications.models import Notification
from danvan.testing.fixtures import Tree, official

from ..models import CritiqueAcceptance, LegalRule, SocialCritique
from ..obligations import open_critiques
from ..services.critique import answer_critique, record_critique
from .test_api import _client

SENT = dt.date(2026, 5, 10)


@pytest.fixture
def front(tree: Tree):  # type: ignore[no-untyped-def]
    return official("front_supervisor", tree.province, username="mttq.tinh")


def _record(front, drafting, **over):  # type: ignore[no-untyped-def]
    data = {
        "owner": front.org_unit,
        "drafting_unit": drafting,
        "draft_title": "Dự thảo Nghị quyết hỗ trợ làm đường giao thông nông thôn",
        "draft_received_on": dt.date(2026, 5, 1),
        "submission_on": dt.date(2026, 6, 1),
        "text": "Đề nghị làm rõ mức hỗ trợ cho hộ nghèo, hộ cận nghèo.",
        "sent_on": SENT,
    }
    data.update(over)
    return record_critique(actor=front, **data)


def test_recorded_with_its_rule_due_date_and_the_drafting_unit_told(
    tree: Tree, front, commune_officer
) -> None:  # type: ignore[no-untyped-def]
    critique = _record(front, tree.commune)
    assert critique.due_on == SENT + dt.timedelta(days=15)
    assert critique.min_days_before == 15 and critique.received_in_time()
    assert Notification.objects.filter(recipient=commune_officer).exists()
    LegalRule.objects.create(
        code="critique.answer_days", province=tree.province, value=10, label="x", basis="QĐ tỉnh"
    )
    assert _record(front, tree.commune).due_on == SENT + dt.timedelta(days=10)


def test_a_draft_received_fewer_than_15_days_before_submission(tree: Tree, front) -> None:  # type: ignore[no-untyped-def]
    late = {"draft_received_on": dt.date(2026, 5, 20), "sent_on": dt.date(2026, 5, 25)}
    with pytest.raises(UserError) as refused:
        _record(front, tree.commune, **late)
    assert "12 ngày" in refused.value.message and "15 ngày" in refused.value.message
    assert not SocialCritique.objects.exists()
    kept = _record(front, tree.commune, accept_late_draft=True, **late)
    assert not kept.received_in_time() and kept.days_before_submission() == 12


@pytest.mark.parametrize(
    "over",
    [
        {"text": "   "},
        {"draft_title": ""},
        {"submission_on": dt.date(2026, 4, 1)},
        {"sent_on": dt.date(2026, 4, 20)},
    ],
)
def test_bad_input_changes_nothing(tree: Tree, front, over) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UserError):
        _record(front, tree.commune, **over)
    assert not SocialCritique.objects.exists()


def test_only_the_drafting_unit_answers_and_gives_reasons(
    tree: Tree, front, commune_officer
) -> None:  # type: ignore[no-untyped-def]
    critique = _record(front, tree.commune)
    other = official("officer", tree.other_commune, username="xakhac.congchuc")
    for actor in (other, front):
        with pytest.raises(UserError) as refused:
            answer_critique(
                actor=actor, critique=critique, acceptance="accepted", answer="Đã tiếp thu.",
                on=SENT, version=critique.version,
            )  # fmt: skip
        assert "Ủy ban nhân dân xã Hòa Bình" in refused.value.message
    with pytest.raises(UserError) as no_reasons:
        answer_critique(
            actor=commune_officer, critique=critique, acceptance="partly",
            answer="Tiếp thu một phần.", on=SENT, version=critique.version,
        )  # fmt: skip
    assert "lý do" in no_reasons.value.message
    with pytest.raises(UserError):
        answer_critique(
            actor=commune_officer, critique=critique, acceptance="maybe", answer="x", on=SENT,
            version=critique.version,
        )  # fmt: skip
    critique.refresh_from_db()
    assert critique.answered_on is None and critique.version == 1
    answered = answer_critique(
        actor=commune_officer, critique=critique, acceptance=CritiqueAcceptance.PARTLY,
        answer="Tiếp thu mức hỗ trợ hộ nghèo.",
        reasons_not_accepted="Hộ cận nghèo đã có chính sách riêng của tỉnh.",
        on=SENT + dt.timedelta(days=20), version=critique.version,
    )  # fmt: skip
    assert answered.answered_by == commune_officer
    assert not answered.answered_on_time


def test_overdue_reminded_and_counted(tree: Tree, front, commune_officer) -> None:  # type: ignore[no-untyped-def]
    critique = _record(front, tree.commune)
    today = critique.due_on + dt.timedelta(days=1)
    assert list(SocialCritique.objects.overdue(today)) == [critique]
    assert critique.is_overdue(today)
    owed = list(open_critiques(critique.due_on, critique.due_on))
    assert [o.unit for o in owed] == [tree.commune]
    sent = remind(critique.due_on - dt.timedelta(days=7), only=["participation.critique"])
    assert sent["participation.critique"] == 1
    answer_critique(
        actor=commune_officer, critique=critique, acceptance="accepted", answer="Đã tiếp thu.",
        on=SENT, version=critique.version,
    )  # fmt: skip
    assert not SocialCritique.objects.overdue(today).exists()
    assert list(SocialCritique.objects.answered_on_time()) == [critique]


def test_over_the_api(tree: Tree, front, commune_officer, outsider) -> None:  # type: ignore[no-untyped-def]
    body = {
        "owner_id": tree.province.pk,
        "drafting_unit_id": tree.commune.pk,
        "draft_title": "Dự thảo quy chế",
        "draft_received_on": "2026-05-20",
        "submission_on": "2026-06-01",
        "text": "Ý kiến phản biện",
        "sent_on": "2026-05-25",
    }
    client = _client(front)
    late = client.post("/api/v1/participation/critiques", body, content_type="application/json")
    assert late.status_code == 400 and "15 ngày" in late.json()["detail"]
    created = client.post(
        "/api/v1/participation/critiques",
        dict(body, accept_late_draft=True),
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    data = created.json()
    assert data["received_in_time"] is False and data["acceptance"] is None
    pk = data["id"]
    assert _client(outsider).get(f"/api/v1/participation/critiques/{pk}").status_code == 404
    answer = {"acceptance": "accepted", "answer": "Đã tiếp thu", "answered_on": "2026-05-30"}
    denied = client.post(
        f"/api/v1/participation/critiques/{pk}/answer",
        dict(answer, version=1),
        content_type="application/json",
    )
    assert denied.status_code == 400
    officer = _client(commune_officer)
    listed = officer.get("/api/v1/participation/critiques").json()
    assert [c["id"] for c in listed["items"]] == [pk]
    done = officer.post(
        f"/api/v1/participation/critiques/{pk}/answer",
        dict(answer, version=1),
        content_type="application/json",
    )
    assert done.status_code == 200, done.content
    assert done.json()["answered_on_time"] is True
    stale = officer.post(
        f"/api/v1/participation/critiques/{pk}/answer",
        dict(answer, version=1),
        content_type="application/json",
    )
    assert stale.status_code == 409
