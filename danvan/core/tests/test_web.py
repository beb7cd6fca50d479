"""What an official and a citizen meet in the browser: sign-in, dashboard, tree, portal."""

from __future__ import annotations

from typing import Any
from unittest import mock

import pytest
from django.test import Client

from danvan.accounts.models import User
from danvan.core.audit import SYSTEM
from danvan.orgs.models import OrgUnit
from danvan.testing.fixtures import Tree


@pytest.mark.django_db
def test_home_is_the_sign_in_page_in_vietnamese(client: Client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert response["Content-Language"] == "vi"
    assert b'name="password"' in response.content
    assert "Content-Security-Policy" in response
    assert response["X-Frame-Options"] == "DENY"


def test_sign_in_with_password_reaches_the_dashboard(
    client: Client, province_officer: User
) -> None:
    province_officer.set_password("mat-khau-dung-2026")
    province_officer.save()
    response = client.post(
        "/accounts/login/", {"username": "tinh.congchuc", "password": "mat-khau-dung-2026"}
    )
    assert response.status_code == 302
    dashboard = client.get(response["Location"])
    assert dashboard.status_code == 200
    assert "Ủy ban nhân dân tỉnh Thử Nghiệm" in dashboard.content.decode()


def test_repeated_wrong_passwords_lock_the_account(client: Client, province_officer: User) -> None:
    for _ in range(5):
        client.post("/accounts/login/", {"username": "tinh.congchuc", "password": "sai"})
    province_officer.set_password("mat-khau-dung-2026")
    province_officer.save()
    locked = client.post(
        "/accounts/login/", {"username": "tinh.congchuc", "password": "mat-khau-dung-2026"}
    )
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_pages_need_sign_in(client: Client, tree: Tree) -> None:
    for url in ["/dashboard/", "/orgs/", f"/orgs/{tree.commune.pk}/", "/accounts/profile/"]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
def test_portal_is_public(client: Client) -> None:
    response = client.get("/portal/")
    assert response.status_code == 200


def test_tree_shows_only_the_officials_part(
    client: Client, tree: Tree, commune_officer: User
) -> None:
    client.force_login(commune_officer)
    page = client.get("/orgs/").content.decode()
    assert "Ủy ban nhân dân xã Hòa Bình" in page
    assert "Ủy ban nhân dân tỉnh Thử Nghiệm" not in page
    children = client.get(f"/orgs/{tree.commune.pk}/children/").content.decode()
    assert "Thôn Bản Giới" in children
    assert client.get(f"/orgs/{tree.other_commune.pk}/").status_code == 404
    assert client.get(f"/orgs/{tree.province.pk}/children/").status_code == 404


def test_tree_search_is_accent_insensitive_and_partial_for_htmx(
    client: Client, tree: Tree, province_officer: User
) -> None:
    client.force_login(province_officer)
    response = client.get("/orgs/", {"q": "hoa binh"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "Ủy ban nhân dân xã Hòa Bình" in html
    assert "<html" not in html  # a fragment for HTMX, not a whole page
    assert "Tân Lập" not in html


def test_search_list_has_a_fixed_number_of_queries(
    client: Client, tree: Tree, province_officer: User, django_assert_max_num_queries
) -> None:  # type: ignore[no-untyped-def]
    from danvan.testing.factories import OrgUnitFactory

    for i in range(30):
        OrgUnitFactory.create(name=f"Thôn Số {i}", kind="village", parent=tree.commune)
    client.force_login(province_officer)
    client.get("/dashboard/")  # the first page of a session also checks two-factor status
    # One more than the page itself needs: the unread-notifications badge in the header.
    with django_assert_max_num_queries(7):
        response = client.get("/orgs/", {"q": "thon"})
    assert response.content.decode().count("/orgs/") >= 30


def test_unit_detail_shows_history_and_successors(
    client: Client, tree: Tree, province_officer: User
) -> None:
    import datetime as dt

    from danvan.orgs.services import create_unit, record_succession

    old = create_unit(
        name="UBND xã Cũ", kind="commune", key="c1", parent=tree.province, actor=SYSTEM
    )
    record_succession(
        kind="merge",
        predecessors=[old],
        successors=[tree.commune],
        effective_on=dt.date(2025, 7, 1),
        legal_basis="Nghị quyết số 1/NQ-UBTVQH15",
        actor=SYSTEM,
    )
    client.force_login(province_officer)
    page = client.get(f"/orgs/{old.pk}/").content.decode()
    assert "Nghị quyết số 1/NQ-UBTVQH15" in page
    assert "Ủy ban nhân dân xã Hòa Bình" in page  # carried on by


def test_dashboard_counts_units_in_scope(client: Client, tree: Tree, commune_officer: User) -> None:
    client.force_login(commune_officer)
    page = client.get("/dashboard/").content.decode()
    assert "Ủy ban nhân dân xã Hòa Bình" in page
    assert "<td>2</td>" in page.replace(" ", "") or ">2<" in page


@pytest.mark.django_db
def test_an_english_browser_still_gets_vietnamese_until_the_official_switches(
    client: Client,
) -> None:
    response = client.get("/", headers={"Accept-Language": "en-US,en;q=0.9"})
    assert response["Content-Language"] == "vi"
    assert "Đăng nhập" in response.content.decode()


def test_english_is_available(client: Client, province_officer: User) -> None:
    client.cookies["danvan_language"] = "en"
    response = client.get("/")
    assert response["Content-Language"] == "en"
    assert "Sign in" in response.content.decode()


@pytest.mark.django_db
def test_healthz_reports_database_and_queue(client: Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["database"]["ok"] and body["queue"]["ok"]


@pytest.mark.django_db
def test_healthz_stays_live_but_says_degraded_when_the_queue_is_down(
    client: Client, settings: Any
) -> None:
    """Pages still serve without the queue: a 503 would make a load balancer take every app
    server out at once."""
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    with mock.patch("huey.contrib.djhuey.HUEY.pending_count", side_effect=ConnectionError("down")):
        response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"] == {"database": "ok", "redis": "down"}
    assert body["queue"]["ok"] is False


@pytest.mark.django_db
def test_healthz_is_503_when_the_database_is_down(client: Client) -> None:
    with mock.patch("danvan.core.health.connection.cursor", side_effect=OSError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"]["ok"] is False
    assert response.json()["checks"]["database"] == "down"


def test_units_visible_from_dashboard_match_scope(tree: Tree, commune_officer: User) -> None:
    assert set(OrgUnit.objects.visible_to(commune_officer)) == {tree.commune, tree.village}
