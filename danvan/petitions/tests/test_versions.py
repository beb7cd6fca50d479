"""Every write of a petition or a reception schedule carries the version it read: none is a
400 with a Vietnamese message, an old one a 409 (StaleVersion); nothing is written either way."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from danvan.accounts.models import User
from danvan.core.errors import StaleVersion, UserError
from danvan.petitions.casework import services
from danvan.petitions.models import Petition, ReceptionSchedule
from danvan.petitions.reception import services as reception
from danvan.testing.fixtures import Tree, official, signed_in

from .factories import classify_within, make_petition

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(tree: Tree) -> User:
    return official("reception_officer", tree.commune, username="xa.tiepdan")


@pytest.fixture
def petition(officer: User, tree: Tree) -> Petition:
    return make_petition(officer, tree.commune)


@pytest.fixture
def schedule(officer: User, tree: Tree) -> ReceptionSchedule:
    place = reception.add_place(tree.commune, "Trụ sở UBND xã", "Thôn Bản Giới", actor=officer)
    created, _ = reception.save_schedule(
        reception.ScheduleInput(
            unit=tree.commune, place=place, host_role="commune_chairman",
            host_name="Ông Hoàng Văn Chủ, Chủ tịch UBND xã", frequency="weekly", weekday=3,
            valid_from=timezone.localdate() - dt.timedelta(days=60),
        ), actor=officer,
    )  # fmt: skip
    return created


def _classification() -> services.Classification:
    return services.Classification(kind="complaint", eligible=True, competence="within")


PETITION_WRITES: dict[str, Callable[[User, Petition, Any], Any]] = {
    "classify": lambda u, p, v: services.classify(p, _classification(), v, actor=u),
    "transition": lambda u, p, v: services.transition(p, "accepted", v, actor=u),
    "extend": lambda u, p, v: services.extend(
        p, v, decision_number="1/QĐ", decision_date=p.received_on, actor=u
    ),
    "link_case": lambda u, p, v: services.link_case(p, None, v, actor=u),
}


def _petition_state(petition: Petition) -> tuple[Any, ...]:
    fresh = Petition.objects.get(pk=petition.pk)
    return fresh.state, fresh.version, fresh.kind, fresh.due_on, fresh.extensions, fresh.case_id


@pytest.mark.parametrize("write", list(PETITION_WRITES))
def test_a_petition_write_without_the_version_is_refused(
    officer: User, petition: Petition, write: str
) -> None:
    if write != "classify":
        petition = classify_within(officer, petition)
    before = _petition_state(petition)
    with pytest.raises(UserError, match="Thiếu phiên bản") as refused:
        PETITION_WRITES[write](officer, petition, None)
    assert not isinstance(refused.value, StaleVersion)
    assert _petition_state(petition) == before


@pytest.mark.parametrize("write", list(PETITION_WRITES))
def test_a_stale_petition_write_is_refused(officer: User, petition: Petition, write: str) -> None:
    if write != "classify":
        petition = classify_within(officer, petition)
    read = petition.version
    Petition.objects.filter(pk=petition.pk).update(version=read + 1)
    before = _petition_state(petition)
    with pytest.raises(StaleVersion, match="Đơn vừa được người khác cập nhật"):
        PETITION_WRITES[write](officer, petition, read)
    assert _petition_state(petition) == before


SCHEDULE_WRITES: dict[str, Callable[[User, ReceptionSchedule, Any], Any]] = {
    "update_schedule": lambda u, s, v: reception.update_schedule(
        s,
        reception.ScheduleChange(
            host_role=s.host_role,
            host_name="Bà Nông Thị Mới",
            frequency=s.frequency,
            weekday=1,
            valid_from=s.valid_from,
        ),
        v,
        actor=u,
    ),  # fmt: skip
    "end_schedule": lambda u, s, v: reception.end_schedule(s, timezone.localdate(), v, actor=u),
}


@pytest.mark.parametrize("write", list(SCHEDULE_WRITES))
@pytest.mark.parametrize("given", [None, "stale"])
def test_a_schedule_write_without_the_version_read_is_refused(
    officer: User, schedule: ReceptionSchedule, write: str, given: str | None
) -> None:
    if given == "stale":
        ReceptionSchedule.objects.filter(pk=schedule.pk).update(version=2)
    expected = StaleVersion if given else UserError
    with pytest.raises(expected) as refused:
        SCHEDULE_WRITES[write](officer, schedule, 1 if given else None)
    assert isinstance(refused.value, StaleVersion) == bool(given)
    fresh = ReceptionSchedule.objects.get(pk=schedule.pk)
    assert (fresh.host_name, fresh.weekday, fresh.valid_to) == (
        schedule.host_name, schedule.weekday, schedule.valid_to,
    )  # fmt: skip


def test_the_api_answers_a_stale_transition_with_409(officer: User, petition: Petition) -> None:
    petition = classify_within(officer, petition)
    client = signed_in(officer)
    url = f"/api/v1/petitions/{petition.pk}/transitions"
    stale = client.post(
        url, {"target": "accepted", "version": petition.version - 1},
        content_type="application/json",
    )  # fmt: skip
    assert stale.status_code == 409, stale.content
    assert "vừa được người khác cập nhật" in stale.json()["detail"]
    assert Petition.objects.get(pk=petition.pk).state == petition.state
