"""The journey in a real browser (headless Debian Chromium through Playwright).

A provincial officer imports the province's yearly plan, confirms it as a plan and cascades it;
a commune officer sees the obligation, generates the draft, uploads its own plan and updates a
task; the provincial dashboard shows the change.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from danvan.accounts.models import Role, User
from danvan.plans.models import ImplementationObligation, Plan, Task
from danvan.testing.fixtures import BROWSER_MARKS, Tree

from .support import COMMUNE_PLAN, PROVINCE_PLAN

PASSWORD = "mat-khau-dung-2026"
pytestmark = BROWSER_MARKS


def _sign_in(browser: Any, base: str, username: str) -> Any:
    context = browser.new_context(locale="vi-VN", accept_downloads=True)
    page = context.new_page()
    page.goto(base + "/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/dashboard/")
    return page


@pytest.mark.django_db(transaction=True)
def test_plan_cascade_journey(
    live_server: Any, browser: Any, tree: Tree, province_officer: User, commune_officer: User,
    tmp_path: Path, settings: Any,
) -> None:  # fmt: skip
    settings.MEDIA_ROOT = tmp_path / "media"
    Role.objects.update(require_two_factor=False)
    for user in (province_officer, commune_officer):
        user.set_password(PASSWORD)
        user.save()
    base = live_server.url
    province_file = tmp_path / "ke-hoach-88-KH-UBND.txt"
    province_file.write_text(PROVINCE_PLAN, encoding="utf-8")
    commune_file = tmp_path / "ke-hoach-xa-hoa-binh.txt"
    commune_file.write_text(COMMUNE_PLAN, encoding="utf-8")

    # 1. The provincial officer imports the plan document, reviews it as a plan, cascades it.
    page = _sign_in(browser, base, "tinh.congchuc")
    page.goto(base + "/documents/upload/")
    page.locator("input[type=file]").set_input_files(str(province_file))
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_url("**/review/")
    page.goto(base + "/plans/")
    page.locator("a[href*='/plans/from-document/']").first.click()
    page.wait_for_url("**/from-document/*/")
    assert "Tổ chức đối thoại trực tiếp" in page.content()
    assert not Plan.objects.exists()  # nothing until confirmed
    page.locator("#id_cascade-enabled").uncheck()
    page.locator("form.plans-review button[type=submit]").click()
    page.wait_for_url("**/plans/*/")
    plan = Plan.objects.get()
    assert plan.tasks.filter(lead_unit=tree.commune).count() == 1
    page.locator(f"a[href='/plans/{plan.pk}/cascade/']").click()
    page.wait_for_url("**/cascade/")
    assert page.locator("#id_due_on").input_value() == "2026-02-28"  # read from the document
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/compliance/")
    assert ImplementationObligation.objects.filter(plan=plan).count() == 3
    page.screenshot(path=str(tmp_path / "compliance-before.png"), full_page=True)
    page.context.close()

    # 2. The commune officer sees the obligation, drafts, uploads its plan, updates its task.
    page = _sign_in(browser, base, "xa.congchuc")
    page.goto(base + "/plans/dashboard/")
    page.locator(f"main a[href='/plans/{plan.pk}/']").first.click()
    page.wait_for_url(f"**/plans/{plan.pk}/")
    with page.expect_download() as download_info:
        page.locator("a[href$='/draft.docx']").click()
    draft = tmp_path / "draft.docx"
    download_info.value.save_as(draft)
    from docx import Document as read_docx

    document = read_docx(str(draft))
    text = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    # The draft lists what the province gave the commune, not the department's tasks.
    body = "\n".join(p.text for p in document.paragraphs)
    assert "Xây dựng mô hình điểm" in body
    assert "Tổ chức các lớp tập huấn kỹ năng công tác dân vận" not in body
    page.locator("a[href$='/submit/']").click()
    page.wait_for_url("**/submit/")
    page.locator("input[type=file]").set_input_files(str(commune_file))
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/plans/*/")
    obligation = ImplementationObligation.objects.get(plan=plan, holder=tree.commune)
    assert obligation.fulfilled_by is not None
    page.goto(base + "/plans/tasks/")
    task = Task.objects.get(plan=plan, lead_unit=tree.commune)
    page.locator(f"a[href='/plans/tasks/{task.pk}/']").click()
    page.wait_for_url(f"**/plans/tasks/{task.pk}/")
    page.locator("#id_percent").fill("60")
    page.locator("#id_evidence").fill("Đã xây dựng mô hình điểm tại thôn Bản Giới")
    page.locator("#task-panel form button[type=submit]").click()
    page.locator("#task-panel [role=status]").wait_for(timeout=10000)  # swapped in by HTMX
    assert "60%" in page.locator("#task-panel").inner_text()
    task.refresh_from_db()
    assert task.percent == 60 and task.updates.count() == 1
    page.context.close()

    # 3. The provincial dashboard shows the change.
    page = _sign_in(browser, base, "tinh.congchuc")
    page.goto(base + "/plans/dashboard/")
    compliance_table = page.locator("#compliance-table").inner_text()
    row = next(line for line in compliance_table.splitlines() if plan.number in line)
    assert row.split("\t")[1:4] == ["3", "1", "0"]  # addressed, on time, late
    status_table = page.locator("#status-table").inner_text()
    assert "1" in status_table
    page.screenshot(path=str(tmp_path / "dashboard-after.png"), full_page=True)
    page.context.close()
