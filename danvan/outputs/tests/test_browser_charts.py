"""Charts in a real browser: drawn under the site's CSP with no violation, readable at phone
width, their table beside them. Skipped when /usr/bin/chromium is absent."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from danvan.testing.fixtures import BROWSER_MARKS, Tree, official

pytestmark = BROWSER_MARKS


@pytest.mark.django_db(transaction=True)
def test_petition_statistics_draw_their_charts_under_the_csp(
    live_server: Any, browser: Any, tree: Tree, tmp_path: Path
) -> None:
    from danvan.petitions.tests.factories import make_petition

    officer = official("reception_officer", tree.province, username="tinh.thongke")
    officer.set_password("mat-khau-dung-2026")
    officer.save()
    for title in ("Đường hỏng", "Đèn đường", "Rác thải"):
        make_petition(officer, tree.commune, title=title, received_on=dt.date.today())
    context = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844})
    page = context.new_page()
    problems: list[str] = []
    page.on(
        "console", lambda m: problems.append(m.text) if m.type in {"error", "warning"} else None
    )
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(live_server.url + "/")
    page.get_by_label("Tên đăng nhập").fill("tinh.thongke")
    page.get_by_label("Mật khẩu").fill("mat-khau-dung-2026")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/dashboard/")
    page.goto(live_server.url + "/petitions/statistics/?from=2026-01-01")
    charts = page.locator("svg.dv-chart")
    assert charts.count() == 3
    first = charts.first.bounding_box()
    page.screenshot(path="/tmp/koutputs-stat.png", full_page=True)
    assert first is not None and 300 <= first["width"] <= 390 and first["height"] > 80
    # The bars take their colour from attributes: nothing was blocked, nothing is black.
    fill = page.evaluate(
        "() => getComputedStyle(document.querySelector('svg.dv-chart .series rect')).fill"
    )
    assert fill == "rgb(31, 95, 168)"
    assert page.locator("svg.dv-chart + figcaption + table").count() == 3
    page.screenshot(path=str(tmp_path / "statistics.png"), full_page=True)
    assert not [p for p in problems if "Content Security Policy" in p or "Refused" in p], problems
    context.close()
