"""The inspections tile: every count links to the findings list, which shows that many rows."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape

import pytest
from django.utils import timezone

from danvan.accounts.models import User
from danvan.inspections.models import FindingStatus
from danvan.testing.fixtures import Tree, signed_in
from danvan.testing.lists import total

from .support import make_finding, make_round

pytestmark = pytest.mark.django_db
_TILE = re.compile(r'<section class="card" aria-labelledby="tile-inspections">.*?</section>', re.S)
_COUNT = re.compile(r'<a class="tile-count" href="([^"]+)">(.*?)</a>', re.S)


def tile_counts(client) -> dict[str, int]:  # type: ignore[no-untyped-def]
    tile = _TILE.search(client.get("/dashboard/").content.decode())
    assert tile, "no inspections tile"
    assert not re.search(r"<td>\s*\d+\s*</td>", tile.group(0)), "a count that links nowhere"
    return {
        unescape(href): int(re.sub(r"<[^>]+>", "", inner).strip())
        for href, inner in _COUNT.findall(tile.group(0))
    }


def test_each_count_links_to_a_list_of_that_many_findings(
    tree: Tree, province_officer: User, commune_officer: User
) -> None:
    today = timezone.localdate()
    round_ = make_round(tree.province, tree.commune)
    make_finding(round_, tree.commune, due_on=today + dt.timedelta(days=10))
    make_finding(round_, tree.commune, due_on=today - dt.timedelta(days=3))
    make_finding(
        round_, tree.department, due_on=today - dt.timedelta(days=1),
        status=FindingStatus.ANSWERED,
    )  # fmt: skip
    make_finding(
        round_, tree.commune, due_on=today - dt.timedelta(days=9),
        status=FindingStatus.CLOSED, closed_on=today,
    )  # fmt: skip
    # Another province's finding: counted by no one here.
    make_finding(make_round(tree.other_province), due_on=today - dt.timedelta(days=2))

    expected = {
        province_officer: {"open": 3, "overdue": 2, "closed": 1},
        # The commune sees only the findings it must act on (the department's is not its own).
        commune_officer: {"open": 2, "overdue": 1, "closed": 1},
    }
    for user, want in expected.items():
        client = signed_in(user)
        counts = tile_counts(client)
        assert {href.split("state=")[1]: n for href, n in counts.items()} == want, user
        for href, shown in counts.items():
            response = client.get(href)
            assert response.status_code == 200, href
            assert total(response.content.decode()) == shown, href


def test_the_list_ignores_a_state_it_does_not_know(tree: Tree, province_officer: User) -> None:
    round_ = make_round(tree.province, tree.commune)
    make_finding(round_)
    make_finding(round_, status=FindingStatus.CLOSED)
    page = signed_in(province_officer).get("/inspections/findings/?state=nonsense")
    assert page.status_code == 200
    assert total(page.content.decode()) == 2
