"""The petitions API: intake, list, detail, transitions; scope and confidentiality."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from danvan.accounts.models import User
from danvan.accounts.services import issue_token
from danvan.core.audit import SYSTEM
from danvan.petitions.models import IdentityAccess, Petition
from danvan.testing.fixtures import Tree, official

from .factories import make_petition


def bearer(user: User) -> dict[str, str]:
    return {"Authorization": f"Bearer {issue_token(user, 'tiếp nhận đơn', actor=SYSTEM)[1]}"}


@pytest.fixture
def reception(tree: Tree) -> User:
    return official("reception_officer", tree.commune, username="xa.tiepdan")


def test_intake_list_detail_transition(reception: User, tree: Tree) -> None:
    headers = bearer(reception)
    client = Client()
    response = client.post(
        "/api/v1/petitions/",
        {
            "handling_unit_id": tree.commune.pk,
            "title": "Ô nhiễm suối",
            "content": "Xưởng chế biến xả thải ra suối.",
            "received_on": "2026-03-02",
            "kind": "feedback",
            "topic_code": "moi-truong",
            "petitioner_name": "Hoàng Văn Sáu",
        },
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["state"] == "received" and body["due_on"] == "2026-03-16"
    listing = client.get("/api/v1/petitions/", headers=headers).json()
    assert listing["count"] == 1 and listing["items"][0]["petitioner_name"] == "Hoàng Văn Sáu"
    pid = body["id"]
    classified = client.post(
        f"/api/v1/petitions/{pid}/classify",
        {"version": body["version"], "kind": "feedback", "eligible": True, "competence": "within"},
        content_type="application/json",
        headers=headers,
    )
    assert classified.status_code == 200
    moved = client.post(
        f"/api/v1/petitions/{pid}/transitions",
        {"version": classified.json()["version"], "target": "accepted"},
        content_type="application/json",
        headers=headers,
    )
    assert moved.status_code == 200 and moved.json()["state"] == "accepted"
    bad = client.post(
        f"/api/v1/petitions/{pid}/transitions",
        {"version": moved.json()["version"], "target": "closed"},
        content_type="application/json",
        headers=headers,
    )
    assert bad.status_code == 400 and "Không thể chuyển" in bad.json()["detail"]


def test_bad_input_gets_a_vietnamese_400(reception: User, tree: Tree) -> None:
    future = (dt.date.today() + dt.timedelta(days=5)).isoformat()
    response = Client().post(
        "/api/v1/petitions/",
        {
            "handling_unit_id": tree.commune.pk,
            "title": "x",
            "content": "y",
            "received_on": future,
            "petitioner_name": "A",
        },
        content_type="application/json",
        headers=bearer(reception),
    )
    assert response.status_code == 400 and "sau ngày hôm nay" in response.json()["detail"]
    missing = Client().post(
        "/api/v1/petitions/",
        {"handling_unit_id": tree.commune.pk, "title": "x", "received_on": "2026-03-02"},
        content_type="application/json",
        headers=bearer(reception),
    )
    assert missing.status_code == 422
    assert not Petition.objects.exists()


def test_outsiders_do_not_see_petitions(reception: User, tree: Tree, outsider: User) -> None:
    petition = make_petition(reception, tree.commune)
    headers = bearer(outsider)
    assert Client().get("/api/v1/petitions/", headers=headers).json()["count"] == 0
    assert Client().get(f"/api/v1/petitions/{petition.pk}", headers=headers).status_code == 404


def test_denouncer_identity_in_the_api(reception: User, tree: Tree) -> None:
    petition = make_petition(reception, tree.commune, kind="denunciation")
    colleague = official("reception_officer", tree.commune, username="xa.tiepdan2")
    leader = official("leader", tree.province, username="tinh.lanhdao")
    viewer = official("viewer", tree.commune, username="xa.xem")
    for user in (colleague, viewer):
        headers = bearer(user)
        listing = Client().get("/api/v1/petitions/", headers=headers).content.decode()
        detail = Client().get(f"/api/v1/petitions/{petition.pk}", headers=headers).content.decode()
        for secret in ("Nông Văn Tám", "004090001234", "Thôn Bản Giới, xã Hòa Bình"):
            assert secret not in listing and secret not in detail
    handler_listing = Client().get("/api/v1/petitions/", headers=bearer(reception)).content.decode()
    assert "Nông Văn Tám" not in handler_listing  # lists never carry it
    detail = Client().get(f"/api/v1/petitions/{petition.pk}", headers=bearer(leader)).json()
    assert detail["petitioner_id_number"] == "004090001234"
    assert IdentityAccess.objects.filter(user=leader, channel="api.detail").count() == 1
    assert not IdentityAccess.objects.filter(user__in=[colleague, viewer]).exists()
