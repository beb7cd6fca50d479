"""Every count of the plans dashboard links to the whole list it counts, paged and filtered."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.utils import timezone

from danvan.core.audit import SYSTEM
from danvan.plans import task_views
from danvan.plans.cascade import cascade_plan
from danvan.plans.models import Plan
from danvan.plans.services import add_task
from danvan.testing.factories import OrgUnitFactory
from danvan.testing.fixtures import Tree
from danvan.testing.lists import pages

pytestmark = pytest.mark.django_db


def _follow(client: Client, url: str, row: str) -> list[str]:
    """The rows matching ``row`` on every page of a list, following its pager."""
    found: list[str] = []
    for html in pages(client, url):
        found += re.findall(row, html)
    return found


def _count_link(html: str, href_part: str) -> tuple[str, int]:
    html = html.replace("&amp;", "&")
    end = href_part.endswith('"')
    part = re.escape(href_part.rstrip('"'))
    tail = "" if end else '[^"]*'
    match = re.search(rf'href="([^"]*{part}{tail})"[^>]*>(\d+)</a>', html)
    assert match, f"no count linking to {href_part}"
    return match.group(1).replace("&amp;", "&"), int(match.group(2))


def test_overdue_and_upcoming_counts_link_to_their_whole_lists(
    tree: Tree, plan: Plan, province_officer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(task_views, "PAGE_SIZE", 7)
    today = timezone.localdate()
    for i in range(23):  # more than the 15 the dashboard shows
        add_task(plan, title=f"Nhiệm vụ quá hạn {i}", lead_unit=tree.commune,
                 due_on=today - dt.timedelta(days=i + 1), actor=SYSTEM)  # fmt: skip
    for i in range(4):
        add_task(plan, title=f"Nhiệm vụ sắp đến hạn {i}", lead_unit=tree.other_commune,
                 due_on=today + dt.timedelta(days=i + 2), actor=SYSTEM)  # fmt: skip
    add_task(plan, title="Nhiệm vụ năm sau", lead_unit=tree.commune,
             due_on=today + dt.timedelta(days=200), actor=SYSTEM)  # fmt: skip
    client = Client()
    client.force_login(province_officer)
    dash = client.get(f"/plans/dashboard/{tree.province.pk}/").content.decode()

    url, overdue = _count_link(dash, "?state=overdue")
    assert overdue == 23
    rows = _follow(client, url, r"Nhiệm vụ quá hạn (\d+)")
    assert sorted(map(int, rows)) == list(range(23))  # every one, once, over 4 pages
    url, upcoming = _count_link(dash, "?state=upcoming")
    assert upcoming == 4 and len(_follow(client, url, r"Nhiệm vụ sắp đến hạn \d+")) == 4
    url, not_started = _count_link(dash, "?state=not_started")
    assert not_started == 5 and len(_follow(client, url, r"<tr><td><a href")) == 5
    url, total = _count_link(dash, '/tasks/"')  # the total links to every task
    assert total == 28 and len(_follow(client, url, r"<tr><td><a href")) == 28
    # Filterable: a search within a state; a state that does not exist lists everything.
    search = f"/plans/dashboard/{tree.province.pk}/tasks/?state=overdue&q=h%E1%BA%A1n+1"
    assert len(_follow(client, search, r"Nhiệm vụ quá hạn \d+")) == 11  # 1, 10…19
    junk = f"/plans/dashboard/{tree.province.pk}/tasks/?state=%00&page=x"
    assert client.get(junk).status_code == 200
    # The commune's dashboard counts only its own tasks, and another unit's is a 404.
    commune = client.get(f"/plans/dashboard/{tree.commune.pk}/tasks/?state=upcoming")
    assert "Nhiệm vụ sắp đến hạn" not in commune.content.decode()


def test_compliance_counts_link_to_every_unit_that_must_implement(
    tree: Tree, plan: Plan, province_officer, commune_officer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(task_views, "PAGE_SIZE", 5)
    for i in range(12):
        OrgUnitFactory.create(name=f"Ủy ban nhân dân xã Số {i:02d}", kind="commune",
                              key=f"w9{i:04d}x", parent=tree.province)  # fmt: skip
    today = timezone.localdate()
    cascade_plan(plan, kinds=["commune", "department"], due_on=today - dt.timedelta(days=3),
                 root=tree.province, actor=SYSTEM)  # fmt: skip
    client = Client()
    client.force_login(province_officer)
    dash = client.get(f"/plans/dashboard/{tree.province.pk}/").content.decode()
    url, addressed = _count_link(dash, f'?plan={plan.pk}"')
    assert addressed == 15  # 14 communes and Sở Nội vụ
    units = _follow(client, url, r"<tr><td>([^<]+)</td>")
    assert len(units) == 15 and len(set(units)) == 15
    url, missing = _count_link(dash, f"?plan={plan.pk}&state=missing")
    assert missing == 15 and len(_follow(client, url, r"<tr><td>([^<]+)</td>")) == 15
    url, on_time = _count_link(dash, f"?plan={plan.pk}&state=on_time")
    assert on_time == 0 and _follow(client, url, r"<tr><td>([^<]+)</td>") == []
    # The plan's own compliance page lists every addressed unit too (paged by 100).
    page = client.get(f"/plans/{plan.pk}/compliance/?unit={tree.province.pk}").content.decode()
    assert all(f"Ủy ban nhân dân xã Số {i:02d}" in page for i in range(12))
    # A commune officer's dashboard has no unit below it to list; another unit's is a 404.
    commune = Client()
    commune.force_login(commune_officer)
    own = commune.get(f"/plans/dashboard/{tree.commune.pk}/compliance/")
    assert own.status_code == 200 and "Số 00" not in own.content.decode()
    assert commune.get(f"/plans/dashboard/{tree.province.pk}/compliance/").status_code == 404


def test_the_plan_page_links_every_unit_it_must_implement_beyond_the_first_five(
    tree: Tree, plan: Plan, province_officer
) -> None:
    from danvan.testing.lists import total

    for i in range(8):
        OrgUnitFactory.create(name=f"Ủy ban nhân dân xã Thêm {i}", kind="commune",
                              key=f"w6{i:04d}x", parent=tree.province)  # fmt: skip
    cascade_plan(
        plan, kinds=["commune"], due_on=timezone.localdate(), root=tree.province, actor=SYSTEM
    )
    client = Client()
    client.force_login(province_officer)
    detail = client.get(f"/plans/{plan.pk}/").content.decode()
    shown = re.search(r'<a href="(/plans/\d+/compliance/)">Xem đủ (\d+) đơn vị</a>', detail)
    assert shown, "the first five are shown without a way to the others"
    listed = client.get(shown.group(1)).content.decode()
    assert int(shown.group(2)) == total(listed) == 10  # the 2 communes of the tree and 8 more
