"""Commune submits, province returns, commune corrects and resubmits, province approves and
downloads the consolidated .docx and .xlsx — in headless Chromium (skipped without it)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from danvan.accounts.models import User
from danvan.core.audit import SYSTEM
from danvan.reporting.models import Submission, SubmissionStatus
from danvan.reporting.tests.factories import make_form
from danvan.testing.fixtures import BROWSER_MARKS, Tree

pytestmark = BROWSER_MARKS
PASSWORD = "mat-khau-dung-2026"


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(locale="vi-VN", accept_downloads=True)
    yield context.new_page()
    context.close()


def _sign_in(page: Any, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(base + "/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/dashboard/")


@pytest.mark.django_db(transaction=True)
def test_submit_return_resubmit_approve_download(
    live_server: Any,
    page: Any,
    tree: Tree,
    commune_officer: User,
    province_officer: User,
    tmp_path: Path,
) -> None:
    for user in (commune_officer, province_officer):
        user.set_password(PASSWORD)
        user.save()
    form = make_form(tree)
    entry = f"{live_server.url}/reporting/forms/{form.pk}/entry/{tree.commune.pk}/2026-03/"

    _sign_in(page, live_server.url, "xa.congchuc")
    page.goto(entry)
    page.get_by_label("Tổng số cán bộ, công chức", exact=True).fill("20")
    page.get_by_label("Số cán bộ được tập huấn", exact=True).fill("25")
    page.locator("#err-trained").filter(has_text="vượt tổng số").wait_for(
        timeout=5000
    )  # live check
    page.get_by_label("Số cán bộ được tập huấn", exact=True).fill("12")
    page.get_by_label("Mô hình Dân vận khéo", exact=True).fill("2")
    page.get_by_label("Tỷ lệ hài lòng", exact=True).fill("85")
    page.get_by_label("Kết quả thực hiện").fill("Tổ chức 2 lớp tập huấn kỹ năng dân vận.")
    page.get_by_role("button", name="Gửi báo cáo").click()
    page.wait_for_load_state()
    assert "Đã gửi" in page.locator("#status").inner_text()

    _sign_in(page, live_server.url, "tinh.congchuc")
    page.goto(live_server.url + "/reporting/")
    page.get_by_role("link", name="UBND xã Hòa Bình").click()
    page.get_by_label("Ý kiến (bắt buộc khi trả lại)").fill("Bổ sung số mô hình Dân vận khéo.")
    page.get_by_role("button", name="Trả lại để sửa").click()
    page.wait_for_load_state()
    assert "Bị trả lại" in page.locator("#status").inner_text()

    _sign_in(page, live_server.url, "xa.congchuc")
    page.goto(entry)
    assert "Bổ sung số mô hình" in page.content()
    page.get_by_label("Mô hình Dân vận khéo", exact=True).fill("3")
    page.get_by_role("button", name="Gửi báo cáo").click()
    page.wait_for_load_state()
    assert "Đã gửi" in page.locator("#status").inner_text()

    _sign_in(page, live_server.url, "tinh.congchuc")
    sub = Submission.objects.get()
    page.goto(f"{live_server.url}/reporting/submissions/{sub.pk}/")
    page.get_by_role("button", name="Phê duyệt").click()
    page.wait_for_load_state()
    assert Submission.objects.get().status == SubmissionStatus.APPROVED
    page.goto(
        f"{live_server.url}/reporting/forms/{form.pk}/consolidated/?unit={tree.province.pk}&period=2026-03"
    )
    with page.expect_download() as docx:
        page.get_by_role("link", name="Tải báo cáo (.docx)").click()
    with page.expect_download() as xlsx:
        page.get_by_role("link", name="Tải số liệu (.xlsx)").click()
    docx_path, xlsx_path = tmp_path / "bc.docx", tmp_path / "sl.xlsx"
    docx.value.save_as(docx_path)
    xlsx.value.save_as(xlsx_path)
    from docx import Document
    from openpyxl import load_workbook

    text = "\n".join(p.text for p in Document(str(docx_path)).paragraphs)
    assert "Tổ chức 2 lớp tập huấn" in text
    rows = {
        r[0]: r[4]
        for r in load_workbook(xlsx_path).active.iter_rows(min_row=5, values_only=True)
        if r[0]
    }
    assert rows["models"] == 3 and rows["trained"] == 12


@pytest.mark.django_db(transaction=True)
def test_so_noi_vu_reviews_returns_approves_and_downloads(
    live_server: Any, page: Any, tree: Tree, tmp_path: Path
) -> None:
    """The form's recipient (Sở Nội vụ) is not above the commune in the tree: it finds the
    report in its review queue, returns it, approves the corrected one and downloads the
    province's consolidated report."""
    from danvan.reporting.services import submit_values
    from danvan.testing.fixtures import official

    officer = official("officer", tree.department, username="sonoivu.congchuc")
    officer.set_password(PASSWORD)
    officer.save()
    form = make_form(tree)  # owner and recipient: Sở Nội vụ
    values = {"officials_total": "20", "trained": "12", "models": "2", "satisfaction": "85"}
    sub = submit_values(form, tree.commune, "2026-03", values=values, send=True,
                        narratives={"ket_qua": "Xã Hòa Bình tổ chức 2 lớp tập huấn."}, actor=SYSTEM)  # fmt: skip

    _sign_in(page, live_server.url, "sonoivu.congchuc")
    page.goto(live_server.url + "/reporting/")
    page.locator("#pending-all").click()
    page.wait_for_url("**/reporting/review/**")
    assert page.locator("#queue-count").inner_text().startswith("1 ")
    page.locator("#queue").get_by_role("link", name="UBND xã Hòa Bình").click()
    page.get_by_label("Ý kiến (bắt buộc khi trả lại)").fill("Bổ sung số mô hình Dân vận khéo.")
    page.get_by_role("button", name="Trả lại để sửa").click()
    page.wait_for_load_state()
    assert "Bị trả lại" in page.locator("#status").inner_text()

    sub.refresh_from_db()
    submit_values(form, tree.commune, "2026-03", values={"models": "3"}, send=True,
                  version=sub.version, actor=SYSTEM)  # fmt: skip
    page.goto(live_server.url + "/reporting/review/")
    page.locator("#queue").get_by_role("link", name="UBND xã Hòa Bình").click()
    page.get_by_role("button", name="Phê duyệt").click()
    page.wait_for_load_state()
    assert Submission.objects.get().status == SubmissionStatus.APPROVED

    # No unit chosen: the recipient consolidates the whole area the form assigns.
    page.goto(f"{live_server.url}/reporting/forms/{form.pk}/consolidated/?period=2026-03")
    assert tree.province.display_name in page.content()
    with page.expect_download() as docx:
        page.get_by_role("link", name="Tải báo cáo (.docx)").click()
    docx_path = tmp_path / "bc.docx"
    docx.value.save_as(docx_path)
    from docx import Document

    text = "\n".join(p.text for p in Document(str(docx_path)).paragraphs)
    assert "Xã Hòa Bình tổ chức 2 lớp tập huấn." in text
