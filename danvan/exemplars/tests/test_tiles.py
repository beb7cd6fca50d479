"""The dashboard tile of models: each count links to the registry filtered the same way, and
the registry lists exactly that many models for the same reader (scope kept)."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape

import pytest
from django.utils import timezone

from danvan.accounts.models import Role, User
from danvan.exemplars.models import Commendation, Exemplar
from danvan.testing.fixtures import Tree, signed_in
from danvan.testing.lists import total

from .support import make_exemplar

pytestmark = pytest.mark.django_db
_TILE = re.compile(r'<section class="card" aria-labelledby="tile-exemplars">.*?</section>', re.S)
_COUNT = re.compile(r'<a class="tile-count" href="([^"]+)">(\d+)</a>')


@pytest.fixture(autouse=True)
def _no_two_factor(db: None) -> None:
    Role.objects.update(require_two_factor=False)


def commend(exemplar: Exemplar, number: str) -> None:
    Commendation.objects.create(exemplar=exemplar, awarded_by="UBND tỉnh", form="Bằng khen",
                                decision_number=number, decided_on=dt.date(2026, 1, 5))  # fmt: skip


def tile_counts(user: User) -> dict[str, tuple[int, int]]:
    """Per link of the tile: (number shown, total of the list it links)."""
    client = signed_in(user)
    html = client.get("/dashboard/").content.decode()
    tile = _TILE.search(html)
    assert tile is not None, "no models tile"
    assert not re.search(r"<td>\s*\d+\s*</td>", tile.group(0)), "a count that links nowhere"
    out = {}
    for href, shown in _COUNT.findall(tile.group(0)):
        response = client.get(unescape(href))
        assert response.status_code == 200, href
        out[unescape(href)] = (int(shown), total(response.content.decode()))
    return out


def test_each_count_of_the_tile_is_the_total_of_its_list(
    tree: Tree, province_officer: User, commune_officer: User
) -> None:
    year = timezone.localdate().year
    original = make_exemplar(tree.commune, dt.date(year, 2, 1))
    make_exemplar(tree.commune, dt.date(year - 1, 5, 1), replicates=original)
    replica = make_exemplar(tree.other_commune, dt.date(year, 3, 1), replicates=original)
    commend(original, "1/QĐ")
    commend(replica, "2/QĐ")
    commend(replica, "3/QĐ")  # commended twice: still one model
    make_exemplar(tree.other_province, dt.date(year, 3, 1))  # outside both readers' scope

    expected = {
        province_officer: {"": 3, f"?year={year}": 2, "?replicated=1": 2, "?commended=1": 2},
        commune_officer: {"": 2, f"?year={year}": 1, "?replicated=1": 1, "?commended=1": 1},
    }
    for user, numbers in expected.items():
        counts = tile_counts(user)
        assert counts == {f"/exemplars/{q}": (n, n) for q, n in numbers.items()}, user


def test_the_registry_filters_and_ignores_a_bad_value(tree: Tree, province_officer: User) -> None:
    make_exemplar(tree.commune, dt.date(2025, 2, 1), title="Mô hình cũ")
    make_exemplar(tree.commune, dt.date(2026, 2, 1), title="Mô hình mới", field="culture_society")
    client = signed_in(province_officer)
    page = client.get("/exemplars/?year=2025").content.decode()
    assert "Mô hình cũ" in page and "Mô hình mới" not in page and total(page) == 1
    page = client.get("/exemplars/?field=culture_society&sort=-started").content.decode()
    assert "Mô hình mới" in page and "Mô hình cũ" not in page
    page = client.get("/exemplars/?year=abc&field=nope").content.decode()
    assert total(page) == 2
