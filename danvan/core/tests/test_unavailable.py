"""A database that cannot be reached answers a Vietnamese 503 that asks to retry, not a 500."""

from __future__ import annotations

import pytest
from django.db import OperationalError
from django.test import Client

from danvan.testing.fixtures import Tree, official

pytestmark = pytest.mark.django_db


def _down(*args: object, **kwargs: object) -> None:
    raise OperationalError("connection to server at 127.0.0.1, port 5432 failed")


def test_pages_and_api_say_the_database_is_unavailable(
    tree: Tree, monkeypatch: pytest.MonkeyPatch
) -> None:
    officer = official("officer", tree.commune, username="xa.congchuc")
    client = Client(raise_request_exception=False)
    client.force_login(officer)
    monkeypatch.setattr("danvan.orgs.views.OrgUnit.objects.visible_to", _down, raising=False)
    monkeypatch.setattr("danvan.core.views.tiles_for", _down)
    page = client.get("/dashboard/")
    assert page.status_code == 503 and page["Retry-After"].isdigit()
    assert "không kết nối được cơ sở dữ liệu" in page.content.decode()
    monkeypatch.setattr("danvan.orgs.api.OrgUnit.objects.visible_to", _down, raising=False)
    api = client.get("/api/v1/org-units/")
    assert api.status_code == 503 and "cơ sở dữ liệu" in api.json()["detail"]


def test_other_errors_stay_a_500_without_details(
    tree: Tree, monkeypatch: pytest.MonkeyPatch
) -> None:
    officer = official("officer", tree.commune, username="xa.congchuc")
    client = Client(raise_request_exception=False)
    client.force_login(officer)

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret internals")

    monkeypatch.setattr("danvan.core.views.tiles_for", broken)
    page = client.get("/dashboard/")
    assert page.status_code == 500 and "secret internals" not in page.content.decode()
    assert "Retry-After" not in page
