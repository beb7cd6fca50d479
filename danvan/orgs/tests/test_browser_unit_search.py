"""A long unit list is a search: the official types part of a name and chooses (Chromium)."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from danvan.accounts.models import Role, User
from danvan.testing.fixtures import BROWSER_MARKS, Tree

PASSWORD = "mat-khau-dung-2026"
pytestmark = BROWSER_MARKS


@pytest.mark.django_db(transaction=True)
def test_an_official_finds_a_unit_by_typing(
    live_server: Any, browser: Any, tree: Tree, province_officer: User, settings: Any
) -> None:
    settings.UNIT_SELECT_MAX_OPTIONS = 2
    Role.objects.update(require_two_factor=False)
    province_officer.set_password(PASSWORD)
    province_officer.save()
    page = browser.new_context(locale="vi-VN").new_page()
    page.goto(live_server.url + "/")
    page.get_by_label("Tên đăng nhập").fill(province_officer.username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/dashboard/")
    page.goto(live_server.url + "/dialogues/new/")
    select = page.locator("#id_owner")
    assert select.locator("option").count() <= 2  # the empty choice and the official's unit
    page.locator("#id_owner_search").fill("hoa binh")
    option = select.locator(f'option[value="{tree.commune.pk}"]')
    option.wait_for(state="attached")
    assert "Hòa Bình" in option.inner_text()
    select.select_option(str(tree.commune.pk))
    assert select.input_value() == str(tree.commune.pk)
    page.locator("#id_owner_search").fill("tinh ben canh")  # another province: not in scope
    expect(select.locator("option").first).to_contain_text("Không tìm thấy")
    assert select.locator("option").count() == 1
