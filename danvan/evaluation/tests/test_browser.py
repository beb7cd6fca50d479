"""Browser journey: the standing agency opens the year's evaluation; a commune self-assesses;
the appraisal team changes a point with a reason; the ranking shows it and the decision .docx
is downloaded."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from danvan.accounts.models import Role
from danvan.evaluation.models import Assessment, Criterion, Score
from danvan.testing.fixtures import BROWSER_MARKS, Tree, official

from .support import make_scheme, make_task

pytestmark = BROWSER_MARKS
PASSWORD = "mat-khau-dung-2026"


def _sign_in(browser: Any, url: str, username: str) -> Any:
    page = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900}).new_page()
    page.goto(url + "/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/dashboard/")
    return page


@pytest.mark.django_db(transaction=True)
def test_round_in_the_browser(live_server: Any, browser: Any, tree: Tree) -> None:
    Role.objects.update(require_two_factor=False)
    runner = official("officer", tree.province, username="snv.trinhduyet")
    commune_officer = official("officer", tree.commune, username="xa.trinhduyet")
    for user in (runner, commune_officer):
        user.set_password(PASSWORD)
        user.save()
    make_task(tree.commune, dt.date(2025, 3, 1), dt.date(2025, 2, 1))
    scheme = make_scheme(runner, tree.province)

    agency = _sign_in(browser, live_server.url, "snv.trinhduyet")
    agency.goto(f"{live_server.url}/evaluation/schemes/{scheme.pk}/")
    agency.get_by_role("button", name="Mở đợt đánh giá: tính điểm mọi đơn vị").click()
    agency.wait_for_load_state()
    assert "Tự đánh giá" in agency.locator("#scheme-status").inner_text()
    a = Assessment.objects.get(unit=tree.commune)
    m = Criterion.objects.get(group__scheme=scheme, code="M")

    commune = _sign_in(browser, live_server.url, "xa.trinhduyet")
    commune.goto(f"{live_server.url}/evaluation/units/{a.pk}/")
    commune.locator(f"#c{m.pk}-points").fill("75")
    commune.locator(f"#c{m.pk}-evidence").fill("Báo cáo số 20/BC-UBND ngày 10/12/2025")
    commune.get_by_role("button", name="Gửi kết quả tự đánh giá").click()
    commune.wait_for_load_state()
    assert Score.objects.get(assessment=a, criterion=m).self_points == 75

    agency.get_by_role("button", name="Kết thúc tự đánh giá, chuyển sang thẩm định").click()
    agency.wait_for_load_state()
    agency.goto(f"{live_server.url}/evaluation/units/{a.pk}/")
    agency.get_by_label("Tiêu chí", exact=True).select_option(str(m.pk))
    agency.get_by_label("Điểm thẩm định").fill("65")
    agency.get_by_label("Lý do thẩm định").fill("Chưa có minh chứng mô hình mới")
    agency.get_by_role("button", name="Ghi điểm thẩm định").click()
    agency.wait_for_load_state()
    assert "Chưa có minh chứng mô hình mới" in agency.locator("#crit-M").inner_text()

    agency.goto(f"{live_server.url}/evaluation/schemes/{scheme.pk}/")
    # NV 10 (1/1 on time) + DTH 0 + M 65 = 75 -> Khá
    row = agency.locator("#ranking tr", has_text="Hòa Bình")
    assert "75" in row.inner_text() and "Khá" in row.inner_text()
    agency.get_by_label("Số quyết định").fill("12/QĐ-UBND")
    agency.get_by_role("button", name="Ghi quyết định").click()
    agency.wait_for_load_state()
    with agency.expect_download() as ranking:
        agency.locator("#download-points").click()
    assert ranking.value.suggested_filename.endswith(".xlsx")
    with agency.expect_download() as decision:
        agency.locator("#download-decision").click()
    assert decision.value.suggested_filename == "quyet-dinh-xep-loai-2025.docx"
