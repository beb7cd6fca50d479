"""Browser journey (headless Chromium, phone-sized): a citizen opens a survey from its QR link,
sees the follow-up question appear only when it applies, is refused when a required answer is
missing, then sends and is thanked; a second answer from the same phone is refused."""

from __future__ import annotations

from typing import Any

import pytest

from danvan.surveys.models import Response
from danvan.testing.fixtures import BROWSER_MARKS, Tree

from .support import open_questionnaire

pytestmark = BROWSER_MARKS


@pytest.mark.django_db(transaction=True)
def test_citizen_answers_on_a_phone(live_server: Any, browser: Any, tree: Tree) -> None:
    q = open_questionnaire(tree.commune)
    context = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{live_server.url}/khao-sat/{q.public_key}/")
    assert "Ủy ban nhân dân xã Hòa Bình" in page.content()
    follow_up = page.locator("#qq-vi-sao")
    assert follow_up.is_hidden()
    page.locator("#qq-co").get_by_label("Có", exact=True).check()
    assert follow_up.is_visible()
    page.locator("#qq-co").get_by_label("Không", exact=True).check()
    assert follow_up.is_hidden()
    page.locator("#qq-c").get_by_label("4 — Hài lòng").check()
    page.get_by_role("button", name="Gửi câu trả lời").click()
    assert "bắt buộc" in page.locator("#survey-error").inner_text()
    assert not Response.objects.exists()
    page.locator("#qq-a").get_by_label("5 — Rất hài lòng").check()
    page.locator("#qq-c").get_by_label("4 — Hài lòng").check()
    page.locator("#qq-co").get_by_label("Không", exact=True).check()
    page.get_by_role("button", name="Gửi câu trả lời").click()
    page.wait_for_url("**/cam-on/")
    assert page.locator("#survey-thanks").is_visible()
    assert Response.objects.count() == 1
    page.goto(f"{live_server.url}/khao-sat/{q.public_key}/")
    page.locator("#qq-a").get_by_label("3 — Bình thường").check()
    page.locator("#qq-c").get_by_label("3 — Bình thường").check()
    page.locator("#qq-co").get_by_label("Không", exact=True).check()
    page.get_by_role("button", name="Gửi câu trả lời").click()
    assert "đã được trả lời" in page.locator("#survey-error").inner_text()
    assert Response.objects.count() == 1
    context.close()


@pytest.mark.django_db(transaction=True)
def test_citizen_verifies_the_phone_then_answers(
    live_server: Any, browser: Any, tree: Tree, settings: Any
) -> None:
    """A survey asking for a verified phone: the number, the code (shown on screen in DEBUG,
    where no SMS gateway exists), then the questions."""
    settings.DEBUG = True
    q = open_questionnaire(tree.commune, phone_verification=True)
    context = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{live_server.url}/khao-sat/{q.public_key}/")
    assert page.locator("#qq-a").count() == 0
    page.get_by_label("Số điện thoại của bạn").fill("0912 345 678")
    page.get_by_role("button", name="Gửi mã cho tôi").click()
    page.get_by_label("Mã xác minh").fill("000000x")
    page.get_by_role("button", name="Xác nhận").click()
    assert "không đúng" in page.locator("#survey-error").inner_text()
    code = page.locator("#debug-code strong").inner_text().strip()
    page.get_by_label("Mã xác minh").fill(code)
    page.get_by_role("button", name="Xác nhận").click()
    assert "Đã xác minh số điện thoại" in page.content()
    page.locator("#qq-a").get_by_label("5 — Rất hài lòng").check()
    page.locator("#qq-c").get_by_label("4 — Hài lòng").check()
    page.locator("#qq-co").get_by_label("Không", exact=True).check()
    page.get_by_role("button", name="Gửi câu trả lời").click()
    page.wait_for_url("**/cam-on/")
    response = Response.objects.get()
    assert response.phone_hash and "0912345678" not in response.phone_hash
    context.close()
