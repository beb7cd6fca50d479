"""Issue 17: over-long or unstorable input to petitions is refused, never a 500 or a row
longer than its column (SQLite keeps it, PostgreSQL refuses it with a 500)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from danvan.accounts.models import User
from danvan.accounts.services import issue_token
from danvan.core.audit import SYSTEM
from danvan.petitions.models import Petition
from danvan.petitions.open311 import issue_key
from danvan.testing.fixtures import Tree, official


def bearer(user: User) -> dict[str, str]:
    return {"Authorization": f"Bearer {issue_token(user, 'kiểm thử', actor=SYSTEM)[1]}"}


@pytest.fixture
def reception(tree: Tree) -> User:
    return official("reception_officer", tree.commune, username="xa.tiepdan")


def _petition(tree: Tree, **fields: Any) -> dict[str, Any]:
    return {
        "handling_unit_id": tree.commune.pk,
        "title": "Ô nhiễm suối",
        "content": "Xưởng chế biến xả thải ra suối.",
        "received_on": "2026-03-02",
        "kind": "feedback",
        "petitioner_name": "Hoàng Văn Sáu",
        **fields,
    }


@pytest.mark.parametrize(
    "fields",
    [
        {"petitioner_name": "A" * 151},
        {"petitioner_id_number": "0" * 21},
        {"petitioner_address": "x" * 256},
        {"petitioner_phone": "9" * 31},
        {"petitioner_email": "a" * 250 + "@x.vn"},
        {"title": "T" * 256},
        {"crowd_size": 65537},
        {"content": "nội dung\x00"},
        {"topic_code": "x" * 41},
        {"handling_unit_id": 2**63},
    ],
    ids=lambda f: next(iter(f)),
)
def test_intake_refuses_what_its_columns_cannot_hold(
    fields: dict[str, Any], reception: User, tree: Tree
) -> None:
    response = Client().post(
        "/api/v1/petitions/",
        _petition(tree, **fields),
        content_type="application/json",
        headers=bearer(reception),
    )
    assert response.status_code == 422, response.content
    assert response.json()["detail"].startswith("Dữ liệu gửi lên không hợp lệ")
    assert not Petition.objects.exists()


def test_a_lone_surrogate_in_a_petition_is_a_422(reception: User, tree: Tree) -> None:
    body = json.dumps(_petition(tree, title="@@")).replace("@@", "\\ud800")
    assert '"title": "\\ud800"' in body
    response = Client().post(
        "/api/v1/petitions/", body, content_type="application/json", headers=bearer(reception)
    )
    assert response.status_code == 422, response.content
    assert not Petition.objects.exists()


def test_classify_refuses_an_overlong_transfer_target(reception: User, tree: Tree) -> None:
    from danvan.petitions.tests.factories import make_petition

    petition = make_petition(reception, tree.commune)
    response = Client().post(
        f"/api/v1/petitions/{petition.pk}/classify",
        {
            "version": petition.version,
            "kind": "feedback",
            "eligible": False,
            "competence": "transfer",
            "transfer_to_name": "Ủy ban " * 60,
        },
        content_type="application/json",
        headers=bearer(reception),
    )
    assert response.status_code == 422, response.content
    petition.refresh_from_db()
    assert petition.transfer_to_name == ""


def test_open311_refuses_overlong_names_and_nul(tree: Tree) -> None:
    _, key = issue_key("Thử", tree.commune)
    client = Client()
    base = {
        "api_key": key,
        "service_code": "moi-truong",
        "description": "Rác thải ven đường",
        "address_string": "Thôn Bản Giới",
    }
    for extra in (
        {"first_name": "A" * 100, "last_name": "B" * 101},
        {"first_name": "An", "last_name": "N" * 250},
        {"address_string": "x" * 300, "first_name": "An"},
        {"description": "rác\x00"},
        {"first_name": "An\x00"},
    ):
        response = client.post("/open311/v2/requests.json", {**base, **extra})
        assert response.status_code == 400, (extra, response.content)
        assert response.json()[0]["description"]
    assert not Petition.objects.exists()


def test_portal_refuses_an_email_longer_than_its_column(
    tree: Tree, client: Client, settings: Any
) -> None:
    from danvan.petitions.portal import _started_token

    settings.PETITIONS_PORTAL_MIN_FILL_SECONDS = 0
    response = client.post(
        _portal_url(),
        {
            "handling_unit": tree.commune.pk,
            "kind": "feedback",
            "title": "Đèn đường hỏng",
            "content": "Đèn đường thôn Bản Giới hỏng đã hai tuần.",
            "petitioner_name": "Lý Thị Hoa",
            "petitioner_address": "Thôn Bản Giới",
            "petitioner_email": ".".join(["a" * 64] * 4) + "@example.vn",  # 270 > 254
            "started": _started_token(),
        },
    )
    assert response.status_code == 200  # the form again, with the error
    assert not Petition.objects.exists()


def _portal_url() -> str:
    from django.urls import reverse

    return reverse("petitions:portal_submit")


@pytest.mark.parametrize("query", ["q=%00", "q=a%00b", "q=" + "đ" * 5000])
def test_petition_list_survives_any_search(query: str, reception: User, client: Client) -> None:
    client.force_login(reception)
    from django.urls import reverse

    response = client.get(reverse("petitions:list") + "?" + query)
    assert response.status_code == 200
