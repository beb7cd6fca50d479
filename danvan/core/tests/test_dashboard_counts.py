"""Every count on the dashboard links to the list it counts, and that list says the same number.

The real demo is loaded once (its own transaction, rolled back after) and read as officials of
each level: for every count of every tile (``<a class="tile-count">``) the linked list's total
(its pager's ``data-total``) must equal the number shown, and no tile shows a bare number that
links nowhere."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape

import pytest

from danvan.testing.fixtures import signed_in
from danvan.testing.lists import total

PERSONAS = ["admin", "tinh.lanhdao", "tinh.congchuc", "sonoivu.congchuc", "thucphan.congchuc"]
_COUNT = re.compile(r'<a class="tile-count"(?: data-count="(\d+)")? href="([^"]+)">(.*?)</a>', re.S)
_TILE = re.compile(r'<section class="card" aria-labelledby="tile-[^"]+">.*?</section>', re.S)
_BARE = re.compile(r"<td>\s*\d+\s*</td>")


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker) -> Iterator[None]:  # type: ignore[no-untyped-def]
    from django.db import transaction

    from danvan.core.demo.seed import seed_demo

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            seed_demo()
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def counts_on(html: str) -> list[tuple[str, int]]:
    """(link, number shown) for every count of every tile."""
    found = []
    for data_count, href, inner in _COUNT.findall(html):
        shown = data_count or re.sub(r"<[^>]+>", "", inner).strip()
        found.append((unescape(href), int(shown)))
    return found


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_dashboard_count_is_the_total_of_the_list_it_links(
    persona: str, demo: None, db: None
) -> None:
    from danvan.accounts.models import User

    client = signed_in(User.objects.get(username=persona))
    html = client.get("/dashboard/").content.decode()
    counts = counts_on(html)
    assert counts, f"{persona}: no count on the dashboard"
    wrong = []
    for href, shown in counts:
        response = client.get(href)
        assert response.status_code == 200, (href, response.status_code)
        listed = total(response.content.decode())
        if listed != shown:
            wrong.append(f"  {href}: the tile says {shown}, the list {listed}")
    assert not wrong, f"{persona}:\n" + "\n".join(wrong)
    assert any(shown for _href, shown in counts), f"{persona}: every count is 0"
    bare = [m.group(0) for tile in _TILE.findall(html) for m in _BARE.finditer(tile)]
    assert not bare, f"{persona}: counts that link nowhere: {bare}"


def test_counts_are_read_from_links_only() -> None:
    html = (
        '<a class="tile-count" href="/p/?open=1&amp;x=2"><strong>12</strong></a>'
        '<a class="tile-count" data-count="3" href="/q/">3 báo cáo</a><td>7</td>'
    )
    assert counts_on(html) == [("/p/?open=1&x=2", 12), ("/q/", 3)]
