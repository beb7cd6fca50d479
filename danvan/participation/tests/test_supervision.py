"""Front supervision: recommendations, their due dates, answers only by the answering unit."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.core.errors import UserError
from danvan.notifications.models import Notification
from danvan.testing.fixtures import Tree, official, signed_in

from ..models import LegalRule, RecommendationState, SupervisionRecommendation
from ..services.supervision import add_recommendation, answer_recommendation, create_round

MADE = dt.date(2026, 4, 5)


@pytest.fixture
def front(tree: Tree):  # type: ignore[no-untyped-def]
    return official("front_supervisor", tree.province, username="mttq.tinh")


@pytest.fixture
def round_(tree: Tree, front):  # type: ignore[no-untyped-def]
    return create_round(
        actor=front,
        owner=tree.province,
        supervised_unit=tree.commune,
        topic="Thực hiện dân chủ ở cơ sở năm 2026",
        starts_on=dt.date(2026, 4, 1),
        ends_on=dt.date(2026, 4, 3),
    )


def test_due_in_15_days_by_default_and_per_province(
    tree: Tree, front, round_, commune_officer
) -> None:  # type: ignore[no-untyped-def]
    rec = add_recommendation(
        actor=front,
        supervision_round=round_,
        text="Niêm yết đủ 30 ngày",
        answering_unit=tree.commune,
        made_on=MADE,
    )
    assert rec.due_on == MADE + dt.timedelta(days=15)
    assert Notification.objects.filter(recipient=commune_officer).exists()
    LegalRule.objects.create(
        code="recommendation.answer_days",
        province=tree.province,
        value=10,
        label="x",
        basis="QĐ tỉnh",
    )
    rec2 = add_recommendation(
        actor=front,
        supervision_round=round_,
        text="Khác",
        answering_unit=tree.village,
        made_on=MADE,
    )
    assert rec2.due_on == MADE + dt.timedelta(days=10)


def test_recommendation_only_to_the_supervised_subtree(tree: Tree, front, round_) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UserError, match="đơn vị trực thuộc được giám sát"):
        add_recommendation(
            actor=front,
            supervision_round=round_,
            text="x",
            answering_unit=tree.other_commune,
            made_on=MADE,
        )
    assert not SupervisionRecommendation.objects.exists()


def test_only_the_answering_unit_answers(tree: Tree, front, round_, commune_officer) -> None:  # type: ignore[no-untyped-def]
    rec = add_recommendation(
        actor=front,
        supervision_round=round_,
        text="Niêm yết",
        answering_unit=tree.commune,
        made_on=MADE,
    )
    neighbour = official("officer", tree.other_commune, username="tanlap")
    for wrong in (front, neighbour):
        with pytest.raises(UserError, match="Chỉ Ủy ban nhân dân xã Hòa Bình"):
            answer_recommendation(
                actor=wrong, recommendation=rec, answer="Đã làm", state="answered",
                version=rec.version, on=MADE,
            )  # fmt: skip
    rec.refresh_from_db()
    assert rec.answer == "" and rec.answered_on is None
    answer_recommendation(
        actor=commune_officer, recommendation=rec, answer="Đã niêm yết lại", state="in_progress",
        version=rec.version, on=MADE + dt.timedelta(days=3),
    )  # fmt: skip
    rec.refresh_from_db()
    assert rec.state == RecommendationState.IN_PROGRESS
    assert SupervisionRecommendation.objects.answered_on_time().filter(pk=rec.pk).exists()


def test_overdue_is_derived_and_shown(tree: Tree, front, round_, commune_officer) -> None:  # type: ignore[no-untyped-def]
    old = add_recommendation(
        actor=front, supervision_round=round_, text="Quá hạn", answering_unit=tree.commune,
        made_on=dt.date(2026, 1, 5),
    )  # fmt: skip
    assert SupervisionRecommendation.objects.overdue(dt.date(2026, 2, 1)).get() == old
    page = signed_in(commune_officer).get("/participation/supervision/?state=overdue")
    assert page.status_code == 200 and "Quá hạn" in page.content.decode()


def test_the_answer_page_refuses_another_unit(tree: Tree, front, round_) -> None:  # type: ignore[no-untyped-def]
    rec = add_recommendation(
        actor=front,
        supervision_round=round_,
        text="Niêm yết",
        answering_unit=tree.commune,
        made_on=MADE,
    )
    # The province's officer sees it (owner's scope) but is not the unit that must answer.
    province_leader = official("leader", tree.province, username="tinh.lanhdao")
    province_leader_unit_only = official(
        "officer", tree.province, subtree=False, username="tinh.only"
    )
    response = signed_in(province_leader_unit_only).post(
        f"/participation/recommendations/{rec.pk}/",
        {
            "answer": "Đã làm",
            "state": "answered",
            "answered_on": "2026-04-06",
            "version": rec.version,
        },
    )
    assert response.status_code == 400
    assert "Chỉ Ủy ban nhân dân xã Hòa Bình" in response.content.decode()
    rec.refresh_from_db()
    assert rec.answered_on is None
    del province_leader
