"""Browser: an officer changes a reception schedule from the schedules page (HTMX loads the form
in place; the note on a leader's own reception follows the host chosen). Skipped when
/usr/bin/chromium is absent."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from danvan.petitions.models import ReceptionSchedule
from danvan.petitions.reception import services
from danvan.testing.fixtures import BROWSER_MARKS, Tree, official

from .factories import reload_legal_data

pytestmark = BROWSER_MARKS


@pytest.mark.django_db(transaction=True)
def test_officer_changes_a_schedule_in_place(live_server: Any, browser: Any, tree: Tree) -> None:
    reload_legal_data()
    officer = official("reception_officer", tree.commune, username="xa.tiepdan")
    officer.set_password("mat-khau-dung-2026")
    officer.save()
    schedule, _warnings = services.save_schedule(
        services.ScheduleInput(
            unit=tree.commune,
            place=None,
            place_name="Trụ sở UBND xã",
            place_address="Thôn Bản Giới",
            host_role="commune_chairman",
            host_name="Ông Hoàng Văn Chủ, Chủ tịch UBND xã",
            frequency="weekly",
            weekday=3,
            valid_from=timezone.localdate() - dt.timedelta(days=30),
        ),
        actor=officer,
    )

    page = browser.new_context(locale="vi-VN").new_page()
    page.goto(live_server.url + "/")
    page.get_by_label("Tên đăng nhập").fill("xa.tiepdan")
    page.get_by_label("Mật khẩu").fill("mat-khau-dung-2026")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/dashboard/")

    page.goto(live_server.url + "/reception/schedules/")
    # The add form starts on the commune chairman: the note shows, and goes with another host.
    assert page.locator(".host-note [role=note]").count() == 1
    page.locator("#id_host_role").select_option("officers")
    # A locator wait, not wait_for_function: the page's CSP forbids the eval that polling a
    # string expression needs, which failed whenever the first check came too early.
    expect(page.locator(".host-note [role=note]")).to_have_count(0)

    page.locator(f"#schedule-{schedule.pk} a[href$='/edit/']").click()
    page.locator("#schedule-editor #schedule-edit").wait_for()
    # htmx pushes the form's own address (a reload shows it as a page of its own).
    page.wait_for_url(f"**/reception/schedules/{schedule.pk}/edit/")
    editor = page.locator("#schedule-edit")
    assert editor.locator(".host-note [role=note]").count() == 1
    page.locator("#edit-weekday").select_option("1")
    page.locator("#edit-host_name").fill("Bà Nông Thị Mới, Chủ tịch UBND xã")
    with page.expect_navigation(url="**/reception/schedules/"):
        editor.locator("button[type=submit]").click()
    schedule.refresh_from_db()
    assert schedule.weekday == 1 and schedule.host_name.startswith("Bà Nông")
    assert "Bà Nông Thị Mới" in page.locator(f"#schedule-{schedule.pk}").inner_text()
    assert ReceptionSchedule.objects.count() == 1
