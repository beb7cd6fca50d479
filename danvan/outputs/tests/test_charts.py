"""One chart builder: readable SVG with Vietnamese numbers, no script or inline style (the CSP
allows neither), and always the same figures in a table beside it."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.test import Client
from lxml import etree

from danvan.accounts.models import User
from danvan.core.audit import SYSTEM
from danvan.outputs import charts
from danvan.testing.fixtures import Tree, official


def _assert_csp_safe(svg: str) -> None:
    assert "<script" not in svg and "<style" not in svg and "style=" not in svg
    assert "http://" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "").replace(
        'xmlns:xlink="http://www.w3.org/1999/xlink"', ""
    )
    assert "https://" not in svg and " on" not in re.sub(r">[^<]*<", "><", svg)  # no handlers
    etree.fromstring(svg.encode())  # well-formed


def test_a_bar_chart_writes_vietnamese_numbers_in_the_svg_and_its_table() -> None:
    chart = charts.bar(
        "Đơn theo xã",
        ["Xã Hòa Bình", "Xã Tân Lập"],
        {"Đơn thư": [1234, Decimal("5.5")], "Thông tin dư luận": [2, 0]},
        stacked=True,
        total=True,
        label_header="Xã",
    )
    svg = str(chart.svg)
    _assert_csp_safe(svg)
    assert "<title>Đơn theo xã</title>" in svg
    assert ">1.234<" in svg and ">5,5<" in svg  # printed values
    assert "Xã Hòa Bình" in svg and "Xã Tân Lập" in svg  # axis labels, not truncated
    assert ">1.000<" in svg or ">1.200<" in svg  # the value axis reads «1.000»
    assert chart.header == ["Xã", "Đơn thư", "Thông tin dư luận", "Tổng"]
    assert chart.rows == [["Xã Hòa Bình", "1.234", "2", "1.236"], ["Xã Tân Lập", "5,5", "0", "5,5"]]
    # Presentation attributes replace the stylesheet: the bars have the palette's colours.
    assert 'fill="#1f5fa8"' in svg and 'fill="#d9822b"' in svg
    assert 'aria-hidden="true"' in svg  # the table carries the figures for screen readers


def test_line_and_pie_charts() -> None:
    line = charts.line("Tỷ lệ hài lòng", ["Quý I/2026", "Quý II/2026", "Quý III/2026"],
                       {"Tỷ lệ (%)": [Decimal("80.5"), None, Decimal("91.25")]})  # fmt: skip
    _assert_csp_safe(str(line.svg))
    assert line.rows == [["Quý I/2026", "80,5"], ["Quý II/2026", "—"], ["Quý III/2026", "91,25"]]
    pie = charts.pie("Theo loại đơn", ["Khiếu nại", "Tố cáo", "Kiến nghị"], [6, 3, 1])
    _assert_csp_safe(str(pie.svg))
    assert pie.rows[0] == ["Khiếu nại", "6", "60"] and pie.header[1:] == ["Số lượng", "Tỷ lệ (%)"]


def test_no_data_draws_no_chart() -> None:
    empty = charts.bar("Trống", [], {"Số": []})
    assert not empty and str(empty.svg) == ""


@pytest.mark.parametrize(
    ("value", "text"),
    [(1234567, "1.234.567"), (Decimal("1234.50"), "1.234,5"), (2.0, "2"), (0.125, "0,12"),
     (None, "—"), (Decimal("-3.25"), "-3,25")],
)  # fmt: skip
def test_numbers_are_written_as_officials_read_them(value: object, text: str) -> None:
    assert charts.fmt(value) == text  # type: ignore[arg-type]


@pytest.mark.skipif(not charts.png_available(), reason="cairo is not installed on this machine")
def test_the_same_chart_as_png_for_word() -> None:
    chart = charts.bar("Các chỉ tiêu", ["Tập huấn", "Mô hình"], {"Số liệu": [12, 3]})
    image = charts.png(chart)
    assert image is not None and image.startswith(b"\x89PNG\r\n\x1a\n")


def _charts_in(page: str) -> list[str]:
    return re.findall(r"<svg[^>]*class=\"dv-chart\".*?</svg>", page, flags=re.S)


@pytest.mark.django_db
def test_every_page_with_a_chart_pairs_it_with_a_table(
    tree: Tree, client: Client, province_officer: User
) -> None:
    """Hotspots, petition statistics, plans dashboard, reporting trends and comparison."""
    from danvan.petitions.tests.factories import make_petition
    from danvan.plans.services import add_task, create_plan
    from danvan.reporting.services import approve, submit_values
    from danvan.reporting.tests.factories import make_form

    reception = official("reception_officer", tree.province, username="tinh.tiep")
    today = dt.date.today()
    from danvan.petitions.models import Topic

    topic = Topic.objects.first()
    for _ in range(3):
        make_petition(reception, tree.commune, title="Đường vào thôn hỏng", received_on=today,
                      place=tree.commune, topic=topic)  # fmt: skip
    plan = create_plan(
        owner=tree.province, title="Kế hoạch dân vận 2026", year_from=2026, actor=SYSTEM
    )
    add_task(plan, title="Tập huấn", lead_unit=tree.commune, due_on=today, actor=SYSTEM)
    form = make_form(tree)
    values = {"officials_total": "20", "trained": "12", "models": "1", "satisfaction": "80",
              "has_plan": "có"}  # fmt: skip
    sub = submit_values(form, tree.commune, "2026-03", values=values, send=True, actor=SYSTEM)
    approve(sub, version=sub.version, actor=SYSTEM)

    client.force_login(reception)
    pages = {"/hotspots/": 3 if topic else 2, "/petitions/statistics/?from=2026-01-01": 3}
    client.force_login(province_officer)
    pages.update(
        {
            f"/plans/dashboard/{tree.province.pk}/": 1,
            f"/reporting/forms/{form.pk}/compare/?unit={tree.province.pk}&period=2026-03": 1,
        }
    )
    for url, expected in pages.items():
        viewer = reception if url.startswith(("/hotspots", "/petitions")) else province_officer
        client.force_login(viewer)
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        drawn = _charts_in(page)
        assert len(drawn) >= expected, url
        for svg in drawn:
            _assert_csp_safe(svg)
            after = page[page.index(svg) + len(svg) :]
            assert "<table" in after[:4000], f"{url}: a chart without its table"
