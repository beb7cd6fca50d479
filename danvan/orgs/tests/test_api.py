"""The org-unit API: token and session auth, scoping, filters, pagination, history."""

from __future__ import annotations

import datetime as dt

from django.test import Client

from danvan.accounts.models import User
from danvan.accounts.services import issue_token, revoke_token
from danvan.core.audit import SYSTEM
from danvan.orgs.services import create_unit, record_succession
from danvan.testing.fixtures import Tree


def _bearer(user: User) -> dict[str, str]:
    return {"Authorization": f"Bearer {issue_token(user, 'thử nghiệm', actor=SYSTEM)[1]}"}


def test_list_is_scoped_to_the_token_owner(
    client: Client, tree: Tree, commune_officer: User
) -> None:
    response = client.get("/api/v1/org-units/", headers=_bearer(commune_officer))
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert {item["name"] for item in body["items"]} == {
        "Ủy ban nhân dân xã Hòa Bình",
        "Thôn Bản Giới",
    }


def test_without_credentials_or_with_a_revoked_token_the_api_refuses(
    client: Client, tree: Tree, commune_officer: User
) -> None:
    assert client.get("/api/v1/org-units/").status_code == 401
    token, raw = issue_token(commune_officer, "cũ", actor=SYSTEM)
    revoke_token(token, actor=SYSTEM)
    assert (
        client.get("/api/v1/org-units/", headers={"Authorization": f"Bearer {raw}"}).status_code
        == 401
    )
    assert (
        client.get(
            "/api/v1/org-units/", headers={"Authorization": "Bearer dv_doan-bua"}
        ).status_code
        == 401
    )


def test_filters_search_and_pagination(client: Client, tree: Tree, province_officer: User) -> None:
    headers = _bearer(province_officer)
    communes = client.get("/api/v1/org-units/", {"kind": "commune"}, headers=headers).json()
    assert {i["key"] for i in communes["items"]} == {"w90001", "w90002"}
    found = client.get("/api/v1/org-units/", {"q": "tan lap"}, headers=headers).json()
    assert [i["key"] for i in found["items"]] == ["w90002"]
    page = client.get("/api/v1/org-units/", {"limit": 2, "offset": 2}, headers=headers).json()
    assert page["count"] == 5 and len(page["items"]) == 2


def test_outside_scope_is_404(client: Client, tree: Tree, commune_officer: User) -> None:
    headers = _bearer(commune_officer)
    assert (
        client.get(f"/api/v1/org-units/{tree.other_commune.pk}", headers=headers).status_code == 404
    )
    assert (
        client.get(f"/api/v1/org-units/{tree.province.pk}/subtree", headers=headers).status_code
        == 404
    )
    assert (
        client.get(f"/api/v1/org-units/{tree.commune.pk}", headers=headers).json()["key"]
        == "w90001"
    )


def test_subtree_and_history(client: Client, tree: Tree, province_officer: User) -> None:
    old = create_unit(
        name="UBND xã Cũ", kind="commune", key="c1", parent=tree.province, actor=SYSTEM
    )
    record_succession(
        kind="merge",
        predecessors=[old],
        successors=[tree.commune],
        effective_on=dt.date(2025, 7, 1),
        legal_basis="NQ 1",
        actor=SYSTEM,
    )
    headers = _bearer(province_officer)
    subtree = client.get(f"/api/v1/org-units/{tree.commune.pk}/subtree", headers=headers).json()
    assert [i["key"] for i in subtree["items"]] == ["w90001", "w90001.ban-gioi"]
    current = client.get(
        f"/api/v1/org-units/{tree.province.pk}/subtree", {"current": True}, headers=headers
    ).json()
    assert "c1" not in {i["key"] for i in current["items"]}
    history = client.get(f"/api/v1/org-units/{old.pk}/history", headers=headers).json()
    assert history["events"][0]["kind"] == "merge"
    assert history["events"][0]["legal_basis"] == "NQ 1"
    assert [s["key"] for s in history["current_successors"]] == ["w90001"]


def test_session_auth_for_the_ui(client: Client, tree: Tree, commune_officer: User) -> None:
    client.force_login(commune_officer)
    assert client.get("/api/v1/org-units/").json()["count"] == 2


def test_openapi_document_lists_the_endpoints(client: Client) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/org-units/" in schema["paths"]
    assert "/api/v1/org-units/{unit_id}/history" in schema["paths"]
