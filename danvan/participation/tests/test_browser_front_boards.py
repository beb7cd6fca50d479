"""Browser journeys for the newer pages (headless Debian Chromium through Playwright), each as
the role that uses the page and asserting what that person sees:

- the Front's social critique of a draft (Luật Mặt trận Tổ quốc Việt Nam, Điều 36): a draft
  received fewer than 15 days before submission is refused with its reason; the drafting
  commune sees the critique overdue and answers in writing, with reasons for what it does not
  accept;
- the People's Inspection Board's inspection plans (sent at least 5 working days before,
  Nghị định 59/2023 Điều 14) and findings, which the commune answers (Luật 10/2022 Điều 40);
- a commune's yearly duties (Điều 32, 33, 35) as obligations with their due date.

Skipped when /usr/bin/chromium is absent.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from danvan.deadlines.calendar import add_working_days
from danvan.testing.fixtures import BROWSER_MARKS, Tree, official

from ..models import BoardFinding, InspectionPlan, SocialCritique, YearEndMeeting
from .test_browser import _page, _sign_in

pytestmark = BROWSER_MARKS


def _iso(day: dt.date) -> str:
    return day.isoformat()


@pytest.mark.django_db(transaction=True)
def test_front_critiques_a_draft_and_the_commune_answers_with_reasons(
    live_server: Any, browser: Any, tree: Tree
) -> None:
    front = official("front_supervisor", tree.province, username="mttq.tinh")
    officer = official("officer", tree.commune, username="xa.danvan")
    today = timezone.localdate()
    title = "Dự thảo Nghị quyết hỗ trợ làm đường giao thông nông thôn"

    desk = _page(browser, phone=False)
    _sign_in(desk, live_server.url, front)
    desk.goto(live_server.url + "/participation/critiques/")
    desk.get_by_role("link", name="Ghi nhận phản biện xã hội").click()
    desk.get_by_label("Ủy ban Mặt trận Tổ quốc phản biện").select_option(str(tree.province.pk))
    desk.get_by_label("cơ quan có dự thảo được phản biện").select_option(str(tree.commune.pk))
    desk.get_by_label("Dự thảo:", exact=True).fill(title)
    desk.get_by_label("ý kiến phản biện").fill("Đề nghị làm rõ mức hỗ trợ cho hộ nghèo.")
    desk.get_by_label("ngày gửi văn bản phản biện").fill(_iso(today - dt.timedelta(days=20)))
    desk.get_by_label("ngày dự kiến trình").fill(_iso(today - dt.timedelta(days=10)))
    # The draft came 11 days before submission: the law asks for 15 (Điều 36 khoản 1).
    desk.get_by_label("ngày nhận dự thảo").fill(_iso(today - dt.timedelta(days=21)))
    desk.get_by_role("button", name="Lưu").click()
    alert = desk.locator(".errors[role=alert]").inner_text()
    assert "11 ngày" in alert and "ít nhất 15 ngày" in alert and "Điều 36" in alert
    assert not SocialCritique.objects.exists()
    desk.get_by_label("ngày nhận dự thảo").fill(_iso(today - dt.timedelta(days=40)))
    desk.get_by_role("button", name="Lưu").click()
    desk.wait_for_url("**/participation/critiques/*/")
    critique = SocialCritique.objects.get()
    assert critique.due_on == today - dt.timedelta(days=5)
    assert "Quá hạn" in desk.locator(".dv-facts").inner_text()
    # The Front reads the critique but does not answer for the commune.
    assert desk.locator("#id_acceptance").count() == 0

    phone = _page(browser)
    _sign_in(phone, live_server.url, officer)
    phone.goto(live_server.url + "/participation/critiques/")
    row = phone.locator("tbody tr", has_text=title)
    assert "Quá hạn" in row.inner_text()
    assert f"{critique.due_on:%d/%m/%Y}" in row.inner_text()
    row.get_by_role("link", name=title).click()
    phone.get_by_label("kết quả tiếp thu").select_option("partly")
    phone.get_by_label("Trả lời:", exact=True).fill("Tiếp thu mức hỗ trợ cho hộ nghèo.")
    phone.get_by_role("button", name="Lưu trả lời").click()
    assert "Phải nêu lý do" in phone.locator(".errors[role=alert]").inner_text()
    critique.refresh_from_db()
    assert critique.answered_on is None
    phone.get_by_label("lý do không tiếp thu").fill(
        "Mức hỗ trợ hộ cận nghèo do <b>tỉnh</b> quyết định."
    )
    phone.get_by_role("button", name="Lưu trả lời").click()
    phone.get_by_role("heading", name="Lý do không tiếp thu").wait_for()
    shown = phone.locator("main").inner_text()
    assert "Mức hỗ trợ hộ cận nghèo do <b>tỉnh</b> quyết định." in shown  # text, not markup
    assert "Quá hạn" not in shown and "trễ hạn" in shown  # answered after its due date
    critique.refresh_from_db()
    assert critique.acceptance == "partly" and critique.answered_on == today


@pytest.mark.django_db(transaction=True)
def test_inspection_plans_and_findings_the_commune_answers(
    live_server: Any, browser: Any, tree: Tree, commune_officer: Any
) -> None:
    from ..services.boards import create_board, record_finding

    leader = official("leader", tree.commune, username="xa.lanhdao")
    today = timezone.localdate()
    board = create_board(
        actor=commune_officer, owner=tree.commune, kind="inspection",
        name="Ban Thanh tra nhân dân xã Hòa Bình", term_starts=today - dt.timedelta(days=365),
        term_ends=today + dt.timedelta(days=700),
    )  # fmt: skip
    old = record_finding(
        actor=commune_officer, board=board, sent_on=today - dt.timedelta(days=30),
        text="Chưa niêm yết quyết toán quỹ đóng góp làm đường.",
    )  # fmt: skip

    desk = _page(browser, phone=False)
    _sign_in(desk, live_server.url, commune_officer)
    desk.goto(live_server.url + f"/participation/boards/{board.pk}/")
    plans = desk.locator("section", has=desk.get_by_role("heading", name="Kế hoạch kiểm tra"))
    plans.locator("summary", has_text="Ghi kế hoạch kiểm tra, giám sát").click()
    form = plans.locator("form")
    form.get_by_label("nội dung kiểm tra, giám sát").fill("Thu, chi quỹ đóng góp làm đường")
    too_soon = add_working_days(today, 2)
    form.get_by_label("Từ:", exact=True).fill(_iso(too_soon))
    form.get_by_label("Đến:", exact=True).fill(_iso(too_soon + dt.timedelta(days=3)))
    form.get_by_label("ngày gửi Ủy ban nhân dân cấp xã").fill(_iso(today))
    form.get_by_role("button", name="Thêm").click()
    alert = desk.locator(".errors[role=alert]").inner_text()
    assert "ít nhất 5 ngày làm việc" in alert and "Điều 14 Nghị định 59/2023/NĐ-CP" in alert
    assert not InspectionPlan.objects.exists()
    # The form stayed open with what was typed; only the dates move.
    start = add_working_days(today, 5)
    form.get_by_label("Từ:", exact=True).fill(_iso(start))
    form.get_by_label("Đến:", exact=True).fill(_iso(start + dt.timedelta(days=3)))
    form.get_by_role("button", name="Thêm").click()
    plan_item = desk.locator("li", has_text="Thu, chi quỹ đóng góp làm đường")
    plan_item.wait_for()
    assert f"{start:%d/%m/%Y}" in plan_item.inner_text()
    assert f"ngày gửi Ủy ban nhân dân cấp xã {today:%d/%m/%Y}" in plan_item.inner_text()

    findings = desk.locator("section", has=desk.get_by_role("heading", name="Kiến nghị"))
    findings.locator("summary", has_text="Ghi kiến nghị của Ban").click()
    form = findings.locator("form", has=desk.locator("input[name=op][value=finding]"))
    form.get_by_label("nội dung kiến nghị").fill(
        "Đề nghị công khai danh sách hộ đóng góp tại nhà văn hóa thôn."
    )
    form.get_by_label("kế hoạch kiểm tra").select_option(label="Thu, chi quỹ đóng góp làm đường")
    form.get_by_role("button", name="Thêm").click()
    desk.get_by_text("Đề nghị công khai danh sách hộ đóng góp").wait_for()
    assert BoardFinding.objects.get(text__startswith="Đề nghị").inspection_plan is not None

    phone = _page(browser)
    _sign_in(phone, live_server.url, leader)
    phone.goto(live_server.url + f"/participation/boards/{board.pk}/")
    late = phone.locator("article", has_text="Chưa niêm yết quyết toán")
    assert "Quá hạn" in late.inner_text()
    assert f"hạn trả lời {old.due_on:%d/%m/%Y}" in late.inner_text()
    fresh = phone.locator("article", has_text="Đề nghị công khai danh sách hộ")
    assert "Quá hạn" not in fresh.inner_text()
    late.locator("summary", has_text="Trả lời").click()
    late.get_by_label("Trả lời", exact=True).fill("Đã niêm yết quyết toán tại trụ sở xã.")
    late.get_by_role("button", name="Lưu trả lời").click()
    answered = phone.locator("article", has_text="Chưa niêm yết quyết toán")
    answered.locator(".pp-answer").wait_for()
    assert "Đã niêm yết quyết toán tại trụ sở xã." in answered.inner_text()
    assert "Quá hạn" not in answered.inner_text()
    old.refresh_from_db()
    assert old.answered_on == today


@pytest.mark.django_db(transaction=True)
def test_yearly_duties_of_a_commune_show_as_obligations(
    live_server: Any, browser: Any, tree: Tree, commune_officer: Any
) -> None:
    from danvan.core.obligations import remind
    from danvan.dialogues.models import Dialogue

    leader = official("leader", tree.commune, username="xa.lanhdao")
    today = timezone.localdate()
    last_year, year = today.year - 1, today.year
    Dialogue.objects.create(
        owner=tree.commune, held_on=today, place="Hội trường UBND xã",
        topic="Đối thoại về làm đường giao thông nông thôn", chaired_by="Chủ tịch UBND xã",
    )  # fmt: skip

    page = _page(browser)
    _sign_in(page, live_server.url, commune_officer)
    page.goto(live_server.url + f"/participation/annual/?unit={tree.commune.pk}&year={last_year}")
    duties = page.get_by_role("table", name=f"Nhiệm vụ hằng năm với Nhân dân – {last_year}")
    rows = duties.locator("tbody tr")
    assert rows.count() == 3
    for n, article in enumerate(["Điều 32", "Điều 33", "Điều 35"]):
        text = rows.nth(n).inner_text()
        assert article in text and "Quá hạn" in text and f"31/12/{last_year}" in text

    page.goto(live_server.url + f"/participation/annual/?unit={tree.commune.pk}&year={year}")
    page.locator("summary", has_text="Ghi nhận hội nghị nhân dân cuối năm").click()
    page.get_by_label("Xã, phường:", exact=True).select_option(str(tree.commune.pk))
    page.get_by_label("ngày tổ chức").fill(_iso(today))
    page.get_by_label("Biên bản:", exact=True).fill("Tổng kết năm; bình xét gia đình văn hóa.")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_text("Tổng kết năm; bình xét gia đình văn hóa.").wait_for()
    assert YearEndMeeting.objects.filter(owner=tree.commune).count() == 1
    rows = page.get_by_role("table", name=f"Nhiệm vụ hằng năm với Nhân dân – {year}").locator(
        "tbody tr"
    )
    dialogue, meeting, satisfaction = (rows.nth(n).inner_text() for n in range(3))
    assert "Đã thực hiện" in dialogue and f"{today:%d/%m/%Y}" in dialogue
    assert "Đã thực hiện" in meeting and f"{today:%d/%m/%Y}" in meeting
    assert "Chưa thực hiện" in satisfaction and f"hạn 31/12/{year}" in satisfaction
    assert "Quá hạn" not in satisfaction

    # The duty still owed reaches the commune's leader as an obligation with its due date.
    remind(dt.date(year, 12, 1), only=["participation.satisfaction_channel"])
    inbox = _page(browser, phone=False)
    _sign_in(inbox, live_server.url, leader)
    inbox.goto(live_server.url + "/notifications/")
    assert f"Duy trì phiếu khảo sát mức độ hài lòng công bố cho Nhân dân năm {year}" in (
        inbox.locator("main").inner_text()
    )
