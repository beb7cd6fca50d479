"""Settling a hotspot carries the version read: none is a 400, an old one a 409 (two officers
settling the same case do not overwrite each other's note); the page shows the message."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from danvan.accounts.models import User
from danvan.core.errors import StaleVersion, UserError
from danvan.hotspots.models import HotspotCase
from danvan.hotspots.services import resolve_hotspot
from danvan.hotspots.tests.matrix import _case
from danvan.testing.fixtures import Tree, signed_in

pytestmark = pytest.mark.django_db


def _someone_else_saved(case: Any) -> None:
    other = HotspotCase.objects.get(pk=case.pk)
    other.bump_version()
    other.save()


@pytest.mark.parametrize("given", [None, "stale"])
def test_resolving_needs_the_version_read(
    tree: Tree, province_officer: User, given: str | None
) -> None:
    case: Any = _case(tree.commune)
    if given:
        _someone_else_saved(case)
    with pytest.raises(UserError) as refused:
        resolve_hotspot(case, note="Ổn định", version=1 if given else None, actor=province_officer)
    assert isinstance(refused.value, StaleVersion) == bool(given)
    fresh = HotspotCase.objects.get(pk=case.pk)
    assert (fresh.status, fresh.note) == (case.status, case.note)


def test_resolving_bumps_the_version(tree: Tree, province_officer: User) -> None:
    case: Any = _case(tree.commune)
    resolve_hotspot(case, note="Ổn định", version=case.version, actor=province_officer)
    fresh = HotspotCase.objects.get(pk=case.pk)
    assert (fresh.status, fresh.version) == ("resolved", case.version + 1)


def test_the_page_shows_a_stale_refusal(tree: Tree, province_officer: User) -> None:
    case: Any = _case(tree.commune)
    client = signed_in(province_officer)
    page = client.get(reverse("hotspots:cases")).content.decode()
    assert f'name="version" value="{case.version}"' in page
    _someone_else_saved(case)
    response = client.post(
        reverse("hotspots:resolve", args=[case.pk]), {"note": "x", "version": case.version},
        follow=True,
    )  # fmt: skip
    assert response.status_code == 200
    assert "vừa được người khác cập nhật" in response.content.decode()
    assert HotspotCase.objects.get(pk=case.pk).status == case.status
