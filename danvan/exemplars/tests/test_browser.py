"""The issue's journeys in a real browser (headless Debian Chromium through Playwright):
an officer registers a model with photos and its yearly review; the provincial officer sees the
replication graph and the unit counts; a training's attendance is imported from .xlsx and
coverage moves; an inspection finding is answered and closed."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from danvan.accounts.models import Role, User
from danvan.exemplars.models import Exemplar, Review
from danvan.inspections.models import Finding
from danvan.inspections.tests.support import make_finding, make_round
from danvan.testing.factories import UserFactory
from danvan.testing.fixtures import BROWSER_MARKS, Tree
from danvan.training.tests.support import make_training

from .support import PNG, make_exemplar

PASSWORD = "mat-khau-dung-2026"
DETAIL = re.compile(r".*/exemplars/\d+/$")
pytestmark = BROWSER_MARKS


def _sign_in(browser: Any, base: str, username: str) -> Any:
    context = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(base + "/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/dashboard/")
    return page


def _people(*users: User) -> None:
    Role.objects.update(require_two_factor=False)
    for user in users:
        user.set_password(PASSWORD)
        user.save()


@pytest.mark.django_db(transaction=True)
def test_models_journey(
    live_server: Any, browser: Any, tree: Tree, province_officer: User, commune_officer: User,
    tmp_path: Path, settings: Any,
) -> None:  # fmt: skip
    settings.MEDIA_ROOT = tmp_path / "media"
    _people(province_officer, commune_officer)
    base = live_server.url
    today = timezone.localdate()
    started = today - dt.timedelta(days=40)
    photo = tmp_path / "anh-mo-hinh.png"
    photo.write_bytes(PNG)
    original = make_exemplar(
        tree.other_commune, today - dt.timedelta(days=400), title="Mô hình gốc Tân Lập"
    )

    # 1. The commune officer registers a model replicating Tân Lập's… which it cannot see, so a
    #    model of its own, with a photo, then its yearly review.
    page = _sign_in(browser, base, "xa.congchuc")
    page.goto(base + "/exemplars/new/")
    page.get_by_label("Tên mô hình").fill("Tổ tự quản đường làng")
    page.get_by_label("Lĩnh vực").select_option("economy")
    page.get_by_label("Ngày bắt đầu thực hiện").fill(started.isoformat())
    page.get_by_label("Ảnh").set_input_files(str(photo))
    page.get_by_role("button", name="Lưu", exact=True).click()
    page.wait_for_load_state()
    alerts = page.locator("[role=alert]").all_inner_texts()
    assert not alerts, alerts
    page.wait_for_url(DETAIL)
    assert "anh-mo-hinh.png" in page.content()
    page.get_by_text("Ghi kết quả đánh giá").click()
    page.get_by_label("Kỳ đánh giá").select_option(label="Đánh giá hằng năm")
    page.get_by_label("Ngày đánh giá").fill((started - dt.timedelta(days=1)).isoformat())
    page.get_by_label("Mức hiệu quả").select_option("good")
    page.get_by_label("Nhận định").fill("Người dân đồng tình")
    page.get_by_role("button", name="Lưu đánh giá").click()
    assert page.get_by_text("không được trước ngày mô hình bắt đầu", exact=False).count() >= 1
    assert not Review.objects.exists()
    page.get_by_label("Ngày đánh giá").fill(today.isoformat())
    page.get_by_role("button", name="Lưu đánh giá").click()
    page.wait_for_url(DETAIL)
    assert Review.objects.count() == 1 and "Người dân đồng tình" in page.content()
    mine = Exemplar.objects.get(unit=tree.commune)
    mine.replicates = original
    mine.save()

    # 2. The provincial officer sees the replication graph and the unit counts.
    page = _sign_in(browser, base, "tinh.congchuc")
    page.goto(base + "/exemplars/replication/")
    assert page.locator("svg rect").count() == 2
    assert page.locator(".dv-tree a", has_text="Tổ tự quản đường làng").count() == 1
    page.goto(base + f"/exemplars/counts/?unit={tree.province.pk}&year={today.year}")
    row = page.locator("#unit-counts tr", has_text="Hòa Bình")
    assert row.locator("td").first.inner_text() == "1"
    assert "Không" in page.locator("#unit-counts tr", has_text="Tân Lập").inner_text()


@pytest.mark.django_db(transaction=True)
def test_training_and_inspection_journey(
    live_server: Any, browser: Any, tree: Tree, province_officer: User, commune_officer: User,
    tmp_path: Path,
) -> None:  # fmt: skip
    from openpyxl import Workbook

    _people(province_officer, commune_officer)
    base = live_server.url
    today = timezone.localdate()
    UserFactory.create(
        username="tp.hoabinh", org_unit=tree.commune, position="Công chức Tư pháp – Hộ tịch"
    )
    training = make_training(tree.province, today - dt.timedelta(days=3))
    sheet = tmp_path / "hoc-vien.xlsx"
    book = Workbook()
    book.active.append(["Tên đăng nhập", "Họ tên"])
    book.active.append(["tp.hoabinh", "Nông Văn A"])
    book.save(sheet)

    # 3. Attendance imported from .xlsx: coverage of Hòa Bình moves from 0% to 100%.
    page = _sign_in(browser, base, "tinh.congchuc")
    page.goto(base + f"/training/coverage/?unit={tree.province.pk}&year={today.year}")
    assert "0,0%" in page.locator("#coverage tr", has_text="Hòa Bình").inner_text()
    page.goto(base + f"/training/{training.pk}/")
    page.get_by_label("Danh sách học viên (.xlsx)").set_input_files(str(sheet))
    page.get_by_role("button", name="Nhập", exact=True).click()
    page.wait_for_url(f"**/training/{training.pk}/")
    assert page.locator("#attendance tbody tr").count() == 1
    page.goto(base + f"/training/coverage/?unit={tree.province.pk}&year={today.year}")
    assert "100,0%" in page.locator("#coverage tr", has_text="Hòa Bình").inner_text()

    # 4. A finding is answered by the commune and closed by the province.
    finding = make_finding(make_round(tree.province, tree.commune, today - dt.timedelta(days=30)),
                           tree.commune, due_on=today - dt.timedelta(days=1))  # fmt: skip
    commune = _sign_in(browser, base, "xa.congchuc")
    commune.goto(base + "/inspections/findings/?state=overdue")
    commune.get_by_role("link", name="Niêm yết đầy đủ").click()
    commune.get_by_label("Kết quả khắc phục của đơn vị").fill("Đã niêm yết tại bộ phận một cửa")
    commune.get_by_role("button", name="Gửi báo cáo").click()
    commune.wait_for_url(f"**/inspections/findings/{finding.pk}/")
    assert "Đơn vị đã báo cáo" in commune.locator("#finding-status").inner_text()
    page.goto(base + f"/inspections/findings/{finding.pk}/")
    page.get_by_label("Nhận xét kết quả khắc phục").fill("Đạt yêu cầu")
    page.get_by_role("button", name="Kết thúc theo dõi kiến nghị").click()
    page.wait_for_url(f"**/inspections/findings/{finding.pk}/")
    assert "Kết thúc" not in page.locator("main form").all_inner_texts().__str__()
    finding.refresh_from_db()
    assert finding.status == "closed" and Finding.objects.overdue(today).count() == 0
