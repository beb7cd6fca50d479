"""Reception over the API: schedules and the register, with the pages' checks and masking."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from danvan.accounts.models import Role, User
from danvan.petitions.reception.models import ReceptionEntry, ReceptionSchedule
from danvan.testing.fixtures import Tree, official

pytestmark = pytest.mark.django_db

NAME = "Đinh Văn Tố Giác"
ID_NUMBER = "001099012345"


@pytest.fixture(autouse=True)
def _no_2fa() -> None:
    Role.objects.update(require_two_factor=False)


def as_user(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def send(client: Client, url: str, data: dict[str, Any], method: str = "post") -> Any:
    return getattr(client, method)(url, data, content_type="application/json")


@pytest.fixture
def officer(tree: Tree) -> User:
    return official("reception_officer", tree.commune, username="xa.tiepdan")


def test_schedule_added_changed_and_ended(officer: User, tree: Tree) -> None:
    client = as_user(officer)
    today = dt.date.today()
    created = send(
        client,
        "/api/v1/reception/schedules",
        {
            "unit_id": tree.commune.pk,
            "place_name": "Trụ sở UBND xã",
            "place_address": "Thôn Bản Giới",
            "host_role": "commune_chairman",
            "host_name": "Nông Văn A, Chủ tịch UBND xã",
            "frequency": "weekly",
            "weekday": 2,
            "valid_from": today.isoformat(),
        },
    )
    assert created.status_code == 201, created.content
    schedule = created.json()["schedule"]
    assert schedule["place_name"] == "Trụ sở UBND xã" and schedule["version"] == 1
    listed = client.get("/api/v1/reception/schedules").json()
    assert [s["id"] for s in listed["items"]] == [schedule["id"]]

    change = {
        "version": 1,
        "host_role": "commune_chairman",
        "host_name": "Nông Văn B, Chủ tịch UBND xã",
        "frequency": "weekly",
        "weekday": 3,
        "valid_from": today.isoformat(),
    }
    changed = send(client, f"/api/v1/reception/schedules/{schedule['id']}", change, "put")
    assert changed.status_code == 200 and changed.json()["schedule"]["weekday"] == 3
    stale = send(client, f"/api/v1/reception/schedules/{schedule['id']}", change, "put")
    assert stale.status_code == 409

    ended = send(
        client,
        f"/api/v1/reception/schedules/{schedule['id']}/end",
        {"version": 2, "last_day": (today + dt.timedelta(days=30)).isoformat()},
    )
    assert ended.status_code == 200, ended.content
    assert ended.json()["schedule"]["valid_to"] == (today + dt.timedelta(days=30)).isoformat()


def test_bad_schedule_input_is_refused_and_writes_nothing(officer: User, tree: Tree) -> None:
    client = as_user(officer)
    bad = send(
        client,
        "/api/v1/reception/schedules",
        {
            "unit_id": tree.commune.pk,
            "place_name": "Trụ sở",
            "place_address": "Thôn 1",
            "host_role": "commune_chairman",
            "host_name": "Chủ tịch",
            "frequency": "weekly",
            "weekday": 1,
            "valid_from": "2026-12-10",
            "valid_to": "2026-12-01",
        },
    )
    assert bad.status_code == 400 and bad.json()["detail"]
    elsewhere = send(
        client,
        "/api/v1/reception/schedules",
        {
            "unit_id": tree.other_commune.pk,
            "place_name": "Trụ sở",
            "place_address": "Thôn 1",
            "host_role": "commune_chairman",
            "host_name": "Chủ tịch",
            "frequency": "weekly",
            "weekday": 1,
            "valid_from": "2026-12-10",
        },
    )
    assert elsewhere.status_code == 403
    assert not ReceptionSchedule.objects.exists()


def test_register_masks_a_denouncer_for_a_colleague(officer: User, tree: Tree) -> None:
    created = send(
        as_user(officer),
        "/api/v1/reception/entries",
        {
            "unit_id": tree.commune.pk,
            "received_on": dt.date.today().isoformat(),
            "person_name": NAME,
            "id_document": ID_NUMBER,
            "content": "Tố cáo cán bộ địa chính",
            "handling": "guided",
            "subject_kind": "denunciation",
        },
    )
    assert created.status_code == 201, created.content
    assert created.json()["person_name"] == NAME and not created.json()["masked"]
    colleague = official("reception_officer", tree.commune, username="xa.tiepdan2")
    listed = as_user(colleague).get("/api/v1/reception/entries")
    assert listed.status_code == 200
    text = listed.content.decode()
    assert NAME not in text and ID_NUMBER not in text and "Tố cáo cán bộ" not in text
    assert listed.json()["items"][0]["masked"] is True
    one = as_user(colleague).get(f"/api/v1/reception/entries/{created.json()['id']}")
    assert NAME not in one.content.decode()
    outsider = official("reception_officer", tree.other_commune, username="khac.tiepdan")
    assert as_user(outsider).get("/api/v1/reception/entries").json()["count"] == 0
    assert (
        as_user(outsider).get(f"/api/v1/reception/entries/{created.json()['id']}").status_code
        == 404
    )


def test_register_refuses_empty_content(officer: User, tree: Tree) -> None:
    response = send(
        as_user(officer),
        "/api/v1/reception/entries",
        {
            "unit_id": tree.commune.pk,
            "received_on": dt.date.today().isoformat(),
            "person_name": "Lò Thị C",
            "content": "",
            "handling": "answered",
        },
    )
    assert response.status_code in (400, 422)
    assert not ReceptionEntry.objects.exists()
