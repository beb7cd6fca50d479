"""The dashboard tile of training: the classes count links to the list of that year's classes
in scope (same total); the coverage is shown with its unit, not as a bare number."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape

import pytest
from django.utils import timezone

from danvan.accounts.models import Role, User
from danvan.testing.fixtures import Tree, signed_in
from danvan.testing.lists import total

from .support import make_training

pytestmark = pytest.mark.django_db
_TILE = re.compile(r'<section class="card" aria-labelledby="tile-training">.*?</section>', re.S)
_COUNT = re.compile(r'<a class="tile-count" href="([^"]+)">(\d+)</a>')


@pytest.fixture(autouse=True)
def _no_two_factor(db: None) -> None:
    Role.objects.update(require_two_factor=False)


def test_the_classes_count_is_the_total_of_the_list_it_links(
    tree: Tree, province_officer: User, commune_officer: User
) -> None:
    year = timezone.localdate().year
    make_training(tree.province, dt.date(year, 4, 10))
    make_training(tree.commune, dt.date(year, 5, 10))
    make_training(tree.commune, dt.date(year - 1, 5, 10))  # another year
    make_training(tree.other_province, dt.date(year, 4, 10))  # outside scope
    for user, expected in ((province_officer, 2), (commune_officer, 1)):
        client = signed_in(user)
        tile = _TILE.search(client.get("/dashboard/").content.decode())
        assert tile is not None
        assert not re.search(r"<td>\s*\d+\s*</td>", tile.group(0))
        [(href, shown)] = _COUNT.findall(tile.group(0))
        assert unescape(href) == f"/training/?year={year}"
        listed = client.get(unescape(href)).content.decode()
        assert int(shown) == total(listed) == expected, user


def test_the_list_sorts_and_pages(tree: Tree, province_officer: User) -> None:
    for day in range(1, 4):
        make_training(tree.province, dt.date(2026, 4, day), topic=f"Lớp {day}")
    client = signed_in(province_officer)
    page = client.get("/training/?sort=from&per_page=2").content.decode()
    assert total(page) == 3 and page.index("Lớp 1") < page.index("Lớp 2") and "Lớp 3" not in page
    assert 'rel="next"' in page
