"""Back office: a province's system administrator works in the admin within the province only."""

from __future__ import annotations

from django.test import Client

from danvan.accounts.models import Role, User
from danvan.testing.fixtures import Tree


def _staff(user: User) -> User:
    user.is_staff = True
    user.save()
    # The administrator's role requires two-factor sign-in; these tests are about scope.
    Role.objects.filter(code="system_admin").update(require_two_factor=False)
    return user


def test_administrator_must_use_two_factor_before_the_back_office(
    client: Client, tree: Tree, province_admin: User
) -> None:
    province_admin.is_staff = True
    province_admin.save()
    client.force_login(province_admin)
    response = client.get("/admin/orgs/orgunit/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/two-factor/")


def test_province_administrator_sees_and_edits_only_the_province(
    client: Client, tree: Tree, province_admin: User
) -> None:
    client.force_login(_staff(province_admin))
    listing = client.get("/admin/orgs/orgunit/").content.decode()
    assert "Ủy ban nhân dân xã Hòa Bình" in listing
    assert "Ủy ban nhân dân tỉnh Bên Cạnh" not in listing
    assert (
        client.get(f"/admin/orgs/orgunit/{tree.other_province.pk}/change/").status_code == 302
    )  # not found → admin index
    response = client.post(
        f"/admin/orgs/orgunit/{tree.village.pk}/change/",
        {
            "name": "Thôn Bản Giới (đổi tên)",
            "short_name": "",
            "code": "",
            "valid_from": "",
            "valid_to": "",
        },
    )
    assert response.status_code == 302
    tree.village.refresh_from_db()
    assert tree.village.name == "Thôn Bản Giới (đổi tên)"


def test_national_data_is_for_superusers_only(
    client: Client, tree: Tree, province_admin: User
) -> None:
    client.force_login(_staff(province_admin))
    assert client.get("/admin/accounts/role/").status_code == 403
    assert client.get("/admin/deadlines/deadlinerule/").status_code == 403
    index = client.get("/admin/").content.decode()
    assert "/admin/orgs/orgunit/" in index


def test_an_officer_reads_units_in_scope_but_changes_nothing(
    client: Client, tree: Tree, commune_officer: User
) -> None:
    client.force_login(_staff(commune_officer))
    listing = client.get("/admin/orgs/orgunit/").content.decode()
    assert "Thôn Bản Giới" in listing and "Tân Lập" not in listing
    response = client.post(
        f"/admin/orgs/orgunit/{tree.village.pk}/change/",
        {"name": "Đổi trộm", "short_name": "", "code": "", "valid_from": "", "valid_to": ""},
    )
    assert response.status_code == 403
    tree.village.refresh_from_db()
    assert tree.village.name == "Thôn Bản Giới"
    assert client.get("/admin/accounts/user/").status_code == 403
