"""Journeys in a real browser: headless Debian Chromium driven by Playwright.

Skipped when /usr/bin/chromium is absent (CI installs it with apt-get; never `playwright install`).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from danvan.accounts.models import User
from danvan.testing.fixtures import BROWSER_MARKS, Tree

pytestmark = BROWSER_MARKS


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844})
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.django_db(transaction=True)
def test_official_signs_in_and_finds_a_commune_without_accents(
    live_server: Any, page: Any, tree: Tree, province_officer: User, tmp_path: Path
) -> None:
    province_officer.set_password("mat-khau-dung-2026")
    province_officer.save()
    page.goto(live_server.url + "/")
    page.get_by_label("Tên đăng nhập").fill("tinh.congchuc")
    page.get_by_label("Mật khẩu").fill("mat-khau-dung-2026")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/dashboard/")
    assert "Ủy ban nhân dân tỉnh Thử Nghiệm" in page.content()

    page.goto(live_server.url + "/orgs/")
    page.get_by_label("Tìm theo tên hoặc mã", exact=False).fill("hoa binh")
    # HTMX swaps the results in place as the official types; no page load.
    page.locator("#org-results table").wait_for(timeout=5000)
    assert page.get_by_role("link", name="Ủy ban nhân dân xã Hòa Bình").count() == 1
    assert page.get_by_role("link", name="Ủy ban nhân dân xã Tân Lập").count() == 0
    page.screenshot(path=str(tmp_path / "org-search.png"), full_page=True)

    page.get_by_role("link", name="Ủy ban nhân dân xã Hòa Bình").click()
    page.wait_for_url("**/orgs/*/")
    assert "Thôn Bản Giới" in page.content()


@pytest.mark.django_db(transaction=True)
def test_citizen_reaches_the_portal_from_the_sign_in_page(live_server: Any, page: Any) -> None:
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="cổng thông tin", exact=False).first.click()
    page.wait_for_url("**/portal/")
    assert page.locator("h1").inner_text() != ""


@pytest.mark.django_db(transaction=True)
def test_a_list_pages_and_sorts_in_place_keeping_its_filters(
    live_server: Any, page: Any, tree: Tree, province_officer: User
) -> None:
    """core.lists in a browser: the pager and a sortable heading swap the results (HTMX, under
    the site's CSP) and the address keeps the filters, so a reload shows the same page."""
    from danvan.testing.factories import OrgUnitFactory

    for i in range(12):
        OrgUnitFactory.create(name=f"Xã Số {i:02d}", kind="commune", key=f"w7{i:04d}x",
                              parent=tree.province)  # fmt: skip
    province_officer.set_password("mat-khau-dung-2026")
    province_officer.save()
    page.goto(live_server.url + "/")
    page.get_by_label("Tên đăng nhập").fill("tinh.congchuc")
    page.get_by_label("Mật khẩu").fill("mat-khau-dung-2026")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/dashboard/")

    page.goto(live_server.url + "/orgs/?q=xa+so&per_page=5&sort=name")
    assert page.locator("#org-results .pager-total").inner_text() == "12 kết quả"
    with page.expect_request(lambda r: "page=2" in r.url) as asked:
        page.get_by_role("link", name="Trang sau ›").click()
    assert asked.value.headers.get("hx-request") == "true"  # swapped in place, not reloaded
    page.wait_for_url("**page=2**")
    page.get_by_text("Trang 2/3").wait_for()
    assert "q=xa+so" in page.url and "sort=name" in page.url
    assert page.locator("#org-results tbody tr").first.inner_text().startswith("Xã Số 05")
    # The heading sorts the other way, back on the first page, the search kept.
    page.locator("#org-results th[aria-sort=ascending] a").click()
    page.wait_for_url("**sort=-name**")
    assert page.locator("#org-results tbody tr").first.inner_text().startswith("Xã Số 11")
    page.reload()
    assert page.locator("#org-results tbody tr").first.inner_text().startswith("Xã Số 11")
    assert page.locator("#org-results .pager-total").inner_text() == "12 kết quả"
