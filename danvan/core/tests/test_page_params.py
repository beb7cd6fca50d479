"""Issue 17: list pages ignore filter values they cannot use instead of answering 500.

``"²".isdigit()`` is true but ``int("²")`` fails; 20 digits overflow SQLite's INTEGER; year
10000 is not a date; a NUL byte in a search reaches the database.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from danvan.accounts.models import User
from danvan.testing.fixtures import Tree, official

ODD = ["²", "99999999999999999999", "10000", "%00", "-1"]


@pytest.fixture
def leader(tree: Tree) -> User:
    return official("leader", tree.province, username="tinh.lanhdao")


@pytest.mark.parametrize(
    "page, param",
    [
        ("orgs:tree", "q"),
        ("plans:list", "year"),
        ("dialogues:list", "year"),
        ("hotspots:dashboard", "months"),
        ("hotspots:signals", "topic"),
        ("petitions:list", "q"),
        ("documents:list", "year"),
    ],
)
def test_list_pages_survive_odd_filter_values(
    page: str, param: str, leader: User, client: Client
) -> None:
    client.force_login(leader)
    for value in ODD:
        response = client.get(f"{reverse(page)}?{param}={value}")
        assert response.status_code == 200, (page, param, value)


def test_params_helpers() -> None:
    from django.test import RequestFactory

    from danvan.core.params import int_param, search_text, to_int, year_param

    request = RequestFactory().get("/", {"q": " a\x00b\x1f ", "year": "²", "unit": "12"})
    assert search_text(request) == "a b"
    assert year_param(request) is None
    assert int_param(request, "unit") == 12
    assert to_int("99999999999999999999") is None
    assert to_int("0") is None and to_int("0", 0) == 0


def test_an_id_too_long_for_the_database_is_no_page(tree, province_officer) -> None:  # type: ignore[no-untyped-def]
    from django.test import Client

    client = Client(raise_request_exception=False)
    client.force_login(province_officer)
    for url in ("/plans/99999999999999999999/", "/petitions/99999999999999999999/",
                "/orgs/99999999999999999999/", "/documents/99999999999999999999/"):  # fmt: skip
        assert client.get(url).status_code == 404, url
