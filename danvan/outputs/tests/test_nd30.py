"""Documents that leave the platform follow Nghị định 30/2020/NĐ-CP, for every unit kind."""

from __future__ import annotations

import datetime as dt
import io
from types import SimpleNamespace

import pytest
from docx import Document

from danvan.outputs import nd30
from danvan.testing.fixtures import Tree


def unit(name: str, parent: object = None, kind: str = "department", short: str = "") -> object:
    return SimpleNamespace(name=name, parent=parent, kind=kind, short_name=short)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2026, 1, 5), "Cao Bằng, ngày 05 tháng 01 năm 2026"),
        (dt.date(2026, 2, 28), "Cao Bằng, ngày 28 tháng 02 năm 2026"),
        # Only January and February carry a leading zero for the month.
        (dt.date(2026, 5, 9), "Cao Bằng, ngày 09 tháng 5 năm 2026"),
        (dt.date(2026, 12, 10), "Cao Bằng, ngày 10 tháng 12 năm 2026"),
    ],
)
def test_the_date_line_pads_as_the_decree_says(day: dt.date, expected: str) -> None:
    assert nd30.date_line("Cao Bằng", day) == expected


def test_the_signing_authority_fits_the_body() -> None:
    province = unit("Ủy ban nhân dân tỉnh Cao Bằng", kind="province")
    assert nd30.signing_authority(province) == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    assert nd30.signing_authority(unit("UBND xã Hòa Bình", province, "commune")) == [
        "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH",
    ]  # fmt: skip
    assert nd30.signing_authority(unit("Sở Nội vụ", province)) == ["GIÁM ĐỐC"]
    assert nd30.signing_authority(unit("Thanh tra tỉnh", province)) == ["CHÁNH THANH TRA"]
    assert nd30.signing_authority(unit("Ban Dân tộc tỉnh", province)) == ["TRƯỞNG BAN"]
    assert nd30.agency_lines(unit("UBND xã Hòa Bình", province, "commune")) == (
        "ỦY BAN NHÂN DÂN", "XÃ HÒA BÌNH",
    )  # fmt: skip
    assert nd30.symbol_of(unit("Sở Nội vụ", province), "BC") == "BC-SNV"


@pytest.mark.django_db
def test_the_consolidated_report_is_fit_to_sign(tree: Tree) -> None:
    from danvan.reporting.exports import consolidated_docx, report_subject
    from danvan.reporting.tests.factories import make_form

    form = make_form(tree)
    form.name = "Báo cáo công tác dân vận chính quyền hằng tháng"
    form.save(update_fields=["name"])
    assert report_subject(form, "tháng 10/2026") == (
        "Báo cáo công tác dân vận chính quyền tháng 10/2026"
    )
    doc = Document(io.BytesIO(consolidated_docx(form, "2026-10", tree.department)))
    text = "\n".join(
        [p.text for p in doc.paragraphs]
        + [p.text for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    )
    assert "hằng tháng tháng" not in text
    today = dt.date.today()
    assert nd30.date_line(nd30.place_of(tree.department), today) in text
    assert "Số:" in text and "/BC-" in text and "UTCB" not in text
    assert "GIÁM ĐỐC" in text or "THỦ TRƯỞNG CƠ QUAN" in text
    assert "Nơi nhận:" in text and "Lưu: VT." in text
