"""Browser journeys of the Acceptance (headless Debian Chromium through Playwright): a citizen
comments on a paragraph on a phone; an officer moderates and answers; after the period the
synthesis .docx lists the comment and its answer. A Front supervisor records recommendations;
the answering unit sees and answers them, the overdue ones show as overdue. A household vote is
tallied with the right threshold. Skipped when /usr/bin/chromium is absent."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.utils import timezone
from docx import Document as DocxDocument

from danvan.testing.fixtures import BROWSER_MARKS, Tree, official

from ..models import Comment, Consultation, PeopleDecision, SupervisionRecommendation
from ..services import consultation as consult

pytestmark = BROWSER_MARKS
PASSWORD = "mat-khau-dung-2026"


def _page(browser: Any, phone: bool = True) -> Any:
    size = {"width": 390, "height": 844} if phone else {"width": 1280, "height": 900}
    return browser.new_context(locale="vi-VN", viewport=size, accept_downloads=True).new_page()


def _sign_in(page: Any, url: str, user: Any) -> None:
    user.set_password(PASSWORD)
    user.save()
    page.goto(url + "/")
    page.get_by_label("Tên đăng nhập").fill(user.username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/dashboard/")


@pytest.mark.django_db(transaction=True)
def test_citizen_comments_on_a_phone_officer_answers_synthesis_lists_it(
    live_server: Any, browser: Any, tree: Tree, settings: Any
) -> None:
    settings.DEBUG = True  # the one-time code is shown on screen (no SMS gateway in tests)
    officer = official("officer", tree.commune, username="xa.danvan")
    draft = consult.create_consultation(
        actor=officer,
        owner=tree.commune,
        matter="new_rural",
        title="Dự thảo quy ước thôn Bản Giới",
        draft="Điều 1. Vệ sinh\nMỗi hộ giữ gìn vệ sinh đường làng.\n\nĐiều 2. Đóng góp\nMỗi hộ góp 2 ngày công.",
    )
    today = timezone.localdate()
    consult.publish(
        actor=officer, consultation=draft, opens_on=today - dt.timedelta(days=1),
        closes_on=today + dt.timedelta(days=19), version=draft.version,
    )  # fmt: skip
    target = draft.paragraphs.get(text="Mỗi hộ góp 2 ngày công.")

    citizen = _page(browser)
    citizen.goto(live_server.url + "/participation/public/")
    citizen.get_by_role("link", name="Dự thảo quy ước thôn Bản Giới").click()
    citizen.get_by_role("link", name=f"Góp ý đoạn {target.position}").click()
    citizen.get_by_label("Số điện thoại hoặc thư điện tử của ông/bà").fill("0912 345 678")
    citizen.get_by_role("button", name="Gửi mã cho tôi").click()
    code = citizen.locator("#debug-code strong").inner_text().strip()
    citizen.get_by_label("Mã xác minh").fill(code)
    citizen.get_by_role("button", name="Xác nhận").click()
    citizen.get_by_label("Không tán thành").check()
    citizen.get_by_role("textbox", name="Ý kiến góp ý của ông/bà").fill(
        "Nên giảm còn 1 ngày công cho hộ nghèo <b>gấp</b>."
    )
    citizen.get_by_role("button", name="Gửi ý kiến").click()
    citizen.locator("#sent").wait_for()
    comment = Comment.objects.get()
    assert comment.paragraph == target and comment.status == "pending"

    desk = _page(browser, phone=False)
    _sign_in(desk, live_server.url, officer)
    desk.goto(live_server.url + f"/participation/consultations/{draft.pk}/")
    box = desk.locator(f"#comment-{comment.pk}")
    assert "<b>gấp</b>" in box.inner_text()  # shown as text, not markup
    box.locator("summary", has_text="Kiểm duyệt").click()
    box.get_by_label("Kiểm duyệt", exact=True).select_option("published")
    box.get_by_role("button", name="Lưu", exact=True).click()
    box = desk.locator(f"#comment-{comment.pk}")
    box.locator("summary", has_text="Trả lời").click()
    box.get_by_label("Trả lời", exact=True).select_option("explained")
    box.get_by_label("Nội dung trả lời").fill("Hộ nghèo được miễn theo Điều 2 khoản 3.")
    box.get_by_role("button", name="Lưu trả lời").click()
    desk.locator(f"#comment-{comment.pk} .pp-answer").wait_for()

    citizen.reload()
    assert "Hộ nghèo được miễn" in citizen.content()

    Consultation.objects.filter(pk=draft.pk).update(
        opens_on=today - dt.timedelta(days=30), closes_on=today - dt.timedelta(days=1)
    )
    desk.reload()
    with desk.expect_download() as info:
        desk.get_by_role("link", name="Báo cáo tổng hợp, tiếp thu, giải trình (.docx)").click()
    document = DocxDocument(io.BytesIO(open(info.value.path(), "rb").read()))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Nên giảm còn 1 ngày công cho hộ nghèo <b>gấp</b>." in text
    assert "Giải trình: Hộ nghèo được miễn theo Điều 2 khoản 3." in text


@pytest.mark.django_db(transaction=True)
def test_front_recommends_commune_answers_overdue_shows(
    live_server: Any, browser: Any, tree: Tree
) -> None:
    from ..services.supervision import add_recommendation, create_round

    front = official("front_supervisor", tree.province, username="mttq.tinh")
    officer = official("officer", tree.commune, username="xa.danvan")
    round_ = create_round(
        actor=front, owner=tree.province, supervised_unit=tree.commune,
        topic="Thực hiện công khai ngân sách xã", starts_on=dt.date(2026, 1, 5),
        ends_on=dt.date(2026, 1, 7),
    )  # fmt: skip
    old = add_recommendation(
        actor=front, supervision_round=round_, text="Công khai quyết toán năm 2025",
        answering_unit=tree.commune, made_on=dt.date(2026, 1, 8),
    )  # fmt: skip

    page = _page(browser, phone=False)
    _sign_in(page, live_server.url, front)
    page.goto(live_server.url + f"/participation/supervision/{round_.pk}/")
    page.locator("#id_text").fill("Niêm yết dự toán đủ 30 ngày liên tục")
    page.get_by_role("button", name="Thêm").click()
    page.get_by_text("Niêm yết dự toán đủ 30 ngày liên tục").wait_for()
    new = SupervisionRecommendation.objects.get(text="Niêm yết dự toán đủ 30 ngày liên tục")
    assert new.due_on == timezone.localdate() + dt.timedelta(days=15)

    commune = _page(browser)
    _sign_in(commune, live_server.url, officer)
    commune.goto(live_server.url + "/participation/supervision/?state=overdue")
    overdue_rows = commune.locator("tbody tr")
    assert overdue_rows.count() == 1 and "Quá hạn" in overdue_rows.first.inner_text()
    commune.get_by_role("link", name="Công khai quyết toán năm 2025").click()
    commune.locator("#id_answer").fill("Đã niêm yết quyết toán tại trụ sở.")
    commune.locator("#id_state").select_option("done")
    commune.get_by_role("button", name="Lưu trả lời").click()
    commune.get_by_text("Đã niêm yết quyết toán tại trụ sở.").first.wait_for()
    old.refresh_from_db()
    assert old.state == "done" and old.answered_on == timezone.localdate()


@pytest.mark.django_db(transaction=True)
def test_household_vote_is_tallied_on_all_households(
    live_server: Any, browser: Any, tree: Tree
) -> None:
    officer = official("officer", tree.commune, username="xa.danvan")
    page = _page(browser)
    _sign_in(page, live_server.url, officer)
    page.goto(live_server.url + "/participation/decisions/new/")
    page.locator("#id_village").select_option(label="Thôn Bản Giới")
    page.locator("#id_matter").select_option(index=1)
    page.locator("#id_title").fill("Đóng góp làm đường bê tông")
    page.locator("#id_method").select_option("ballot")
    page.locator("#id_noticed_on").fill("2026-03-01")
    page.locator("#id_held_on").fill("2026-03-08")
    page.locator("#id_households_total").fill("90")
    page.locator("#id_ballots").fill("95")
    page.locator("#id_votes_for").fill("59")
    page.locator("#id_votes_against").fill("21")
    page.get_by_role("button", name="Lưu").click()
    assert "không thể nhiều hơn số hộ gia đình" in page.content()
    assert not PeopleDecision.objects.exists()
    page.locator("#id_ballots").fill("80")
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_url("**/participation/decisions/*/")
    status = page.get_by_role("status").inner_text()
    assert "Không được thông qua" in status and "60/90" in status and "hai phần ba" in status
