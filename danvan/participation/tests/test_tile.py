"""The grassroots democracy tile: every count links to the list it counts, which shows that
many rows for the same reader."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape

import pytest
from django.utils import timezone

from danvan.accounts.models import User
from danvan.testing.fixtures import Tree, signed_in
from danvan.testing.lists import total

from .support import make_consultation, make_recommendation

pytestmark = pytest.mark.django_db
_TILE = re.compile(
    r'<section class="card" aria-labelledby="tile-participation">.*?</section>', re.S
)
_COUNT = re.compile(r'<a class="tile-count" href="([^"]+)">(.*?)</a>', re.S)


def tile_counts(client) -> dict[str, int]:  # type: ignore[no-untyped-def]
    tile = _TILE.search(client.get("/dashboard/").content.decode())
    assert tile, "no grassroots democracy tile"
    assert not re.search(r"<td>\s*\d+\s*</td>", tile.group(0)), "a count that links nowhere"
    return {
        unescape(href): int(re.sub(r"<[^>]+>", "", inner).strip())
        for href, inner in _COUNT.findall(tile.group(0))
    }


def test_each_count_links_to_a_list_of_that_many_rows(
    tree: Tree, province_officer: User, commune_officer: User
) -> None:
    today = timezone.localdate()
    make_recommendation(tree.province, tree.commune, due_on=today + dt.timedelta(days=5))
    make_recommendation(tree.province, tree.commune, due_on=today - dt.timedelta(days=2))
    make_recommendation(tree.province, tree.department, due_on=today - dt.timedelta(days=4))
    answered = make_recommendation(tree.province, tree.commune, due_on=today - dt.timedelta(days=8))
    answered.answered_on, answered.answer = today - dt.timedelta(days=9), "Đã niêm yết."
    answered.save()
    make_recommendation(tree.other_province, due_on=today - dt.timedelta(days=1))
    make_consultation(tree.commune)
    make_consultation(tree.commune, open_now=False)
    make_consultation(tree.other_province)

    expected = {
        province_officer: {"open=1": 1, "state=waiting": 3, "state=overdue": 2},
        # The commune answers only the recommendations addressed to it.
        commune_officer: {"open=1": 1, "state=waiting": 2, "state=overdue": 1},
    }
    for user, want in expected.items():
        client = signed_in(user)
        counts = tile_counts(client)
        assert {href.split("?")[1]: n for href, n in counts.items()} == want, user
        for href, shown in counts.items():
            response = client.get(href)
            assert response.status_code == 200, href
            assert total(response.content.decode()) == shown, href


def test_the_lists_filter_by_what_the_tile_counts(tree: Tree, province_officer: User) -> None:
    today = timezone.localdate()
    make_recommendation(tree.province, due_on=today - dt.timedelta(days=2))
    answered = make_recommendation(tree.province, due_on=today - dt.timedelta(days=8))
    answered.answered_on = today
    answered.save()
    make_consultation(tree.province, open_now=False)
    client = signed_in(province_officer)
    for url, rows in [
        ("/participation/supervision/", 2),
        ("/participation/supervision/?state=answered", 1),
        ("/participation/supervision/?state=nonsense", 2),
        ("/participation/consultations/", 1),
        ("/participation/consultations/?open=1", 0),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert total(response.content.decode()) == rows, url
