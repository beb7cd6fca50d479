"""Browser journey on a phone-sized viewport (headless Debian Chromium through Playwright):
a citizen files online and follows the petition by its tracking code; an officer registers a
reception, classifies the petition, sees its duplicate, accepts it and answers it; the citizen
sees the answer. Skipped when /usr/bin/chromium is absent."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from danvan.petitions.models import Petition, ReceptionEntry
from danvan.testing.fixtures import BROWSER_MARKS, Tree, official

from .factories import make_petition, reload_legal_data

pytestmark = BROWSER_MARKS


def phone(browser: Any) -> Any:
    context = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844})
    return context.new_page()


@pytest.mark.django_db(transaction=True)
def test_citizen_files_officer_answers_citizen_reads(
    live_server: Any, browser: Any, tree: Tree, settings: Any, tmp_path: Path
) -> None:
    settings.PETITIONS_PORTAL_MIN_FILL_SECONDS = 0
    reload_legal_data()
    officer = official("reception_officer", tree.commune, username="xa.tiepdan")
    officer.set_password("mat-khau-dung-2026")
    officer.save()
    earlier = make_petition(
        officer, tree.commune, received_on=dt.date(2026, 1, 5), petitioner_id_number="004090009999"
    )

    citizen = phone(browser)
    citizen.goto(live_server.url + "/portal/")
    citizen.get_by_role("link", name="Gửi đơn, phản ánh, kiến nghị").first.click()
    citizen.wait_for_url("**/portal/petitions/new/")
    # A platform of several provinces asks for the province first, then lists its authorities.
    citizen.get_by_label("Tỉnh, thành phố của cơ quan nhận").select_option(
        label="Ủy ban nhân dân tỉnh Thử Nghiệm"
    )
    citizen.get_by_role("button", name="Tiếp tục").click()
    citizen.wait_for_url("**/portal/petitions/new/?province=*")
    citizen.get_by_label("Gửi đến").select_option(label="UBND xã Hòa Bình")
    citizen.get_by_label("Loại đơn").select_option("recommendation")
    citizen.get_by_label("Tóm tắt").fill("Đề nghị giải quyết tranh chấp đất vườn")
    citizen.get_by_label("Nội dung").fill(
        "Hàng xóm lấn chiếm đất vườn nhà tôi, đề nghị xã giải quyết."
    )
    citizen.get_by_label("Họ và tên").fill("Nông Văn Tám")
    citizen.get_by_label("Số căn cước").fill("004090009999")
    citizen.get_by_label("Địa chỉ của bạn").fill("Thôn Bản Giới, xã Hòa Bình")
    citizen.get_by_role("button", name="Gửi").click()
    citizen.wait_for_url("**/portal/petitions/*-*/")
    code = citizen.locator("#tracking-code").inner_text().strip()
    assert Petition.objects.filter(tracking_code=code, source="online").exists()
    citizen.screenshot(path=str(tmp_path / "filed.png"), full_page=True)

    citizen.goto(live_server.url + "/portal/petitions/track/")
    citizen.get_by_label("Mã tra cứu").fill(code)
    citizen.get_by_role("button", name="Tra cứu").click()
    citizen.wait_for_url(f"**/portal/petitions/{code}/")
    assert "Đã tiếp nhận" in citizen.locator("#public-state").inner_text()

    desk = phone(browser)
    desk.goto(live_server.url + "/")
    desk.get_by_label("Tên đăng nhập").fill("xa.tiepdan")
    desk.get_by_label("Mật khẩu").fill("mat-khau-dung-2026")
    desk.get_by_role("button", name="Đăng nhập").click()
    desk.wait_for_url("**/dashboard/")

    desk.goto(live_server.url + "/reception/new/")
    desk.locator("#id_unit").select_option(label="UBND xã Hòa Bình")
    desk.locator("#id_person_name").fill("Nông Văn Tám")
    desk.locator("#id_content").fill("Hỏi về đơn đã gửi trực tuyến " + code)
    desk.locator("#id_handling").select_option("answered")
    desk.get_by_role("button", name="Lưu").click()
    desk.wait_for_url("**/reception/")
    assert ReceptionEntry.objects.filter(person_name="Nông Văn Tám").count() == 1

    desk.goto(live_server.url + "/petitions/")
    desk.get_by_label("Mã tra cứu hoặc từ khóa", exact=False).fill(code)
    desk.get_by_role("link", name=code).wait_for(timeout=5000)
    desk.get_by_role("link", name=code).click()
    desk.wait_for_url("**/petitions/*/")
    # The duplicate: the same identity number as the earlier petition.
    duplicates = desk.locator("#duplicates")
    assert earlier.tracking_code in duplicates.inner_text()
    desk.locator("#classify-form #id_kind").select_option("recommendation")
    desk.get_by_role("button", name="Lưu phân loại").click()
    desk.wait_for_url("**/petitions/*/")
    assert "Đã phân loại" in desk.locator("#petition-state").inner_text()
    desk.locator("summary", has_text="Thụ lý giải quyết").click()
    desk.get_by_role("button", name="Thụ lý giải quyết").click()
    desk.wait_for_url("**/petitions/*/")
    assert "Đã thụ lý" in desk.locator("#petition-state").inner_text()
    desk.locator("summary", has_text="Trả lời").first.click()
    desk.get_by_label("Trả lời người gửi đơn").fill("Xã đã hòa giải thành; ranh giới được đo lại.")
    desk.get_by_role("button", name="Trả lời").click()
    desk.wait_for_url("**/petitions/*/")
    assert "Đã trả lời" in desk.locator("#petition-state").inner_text()
    desk.screenshot(path=str(tmp_path / "answered.png"), full_page=True)

    citizen.goto(f"{live_server.url}/portal/petitions/{code}/")
    assert "Xã đã hòa giải thành" in citizen.locator("#answer").inner_text()
    # Nothing is chosen for the citizen: sending without a level is refused, not counted as 5.
    assert not citizen.get_by_label("5 – Rất hài lòng").is_checked()
    citizen.get_by_role("button", name="Đánh giá câu trả lời").click()
    citizen.wait_for_url(f"**/portal/petitions/{code}/")
    assert Petition.objects.get(tracking_code=code).rating is None
    citizen.get_by_label("4 – Hài lòng").check()
    citizen.get_by_role("button", name="Đánh giá câu trả lời").click()
    citizen.wait_for_url(f"**/portal/petitions/{code}/")
    assert Petition.objects.get(tracking_code=code).rating == 4
