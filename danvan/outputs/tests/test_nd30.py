"""Documents that leave the platform follow Nghị định 30/2020/NĐ-CP, for every unit kind."""

from __future__ import annotations

import datetime as dt
import io
from types import SimpleNamespace

import pytest
from docx import Document

from danvan.core.audit import SYSTEM
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
    assert report_subject(form, "tháng 10/2026") == ("Công tác dân vận chính quyền tháng 10/2026")
    # The name's last words that the period's title repeats are said once; the kind of
    # document is the title's own line («BÁO CÁO»), not repeated in the abstract.
    for name, period, subject in [
        ("Báo cáo công tác dân vận chính quyền 6 tháng", "6 tháng đầu năm 2026",
         "Công tác dân vận chính quyền 6 tháng đầu năm 2026"),
        ("Báo cáo công tác dân vận chính quyền quý", "Quý III/2026",
         "Công tác dân vận chính quyền quý III/2026"),
        ("Báo cáo công tác dân vận chính quyền hằng năm", "Năm 2025",
         "Công tác dân vận chính quyền năm 2025"),
        ("Kết quả thực hiện Quy chế dân chủ", "tháng 10/2026",
         "Kết quả thực hiện Quy chế dân chủ tháng 10/2026"),
    ]:  # fmt: skip
        form.name = name
        assert report_subject(form, period) == subject, name
    form.name = "Báo cáo công tác dân vận chính quyền hằng tháng"
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


@pytest.mark.django_db
def test_the_consolidated_report_compiles_the_units_texts_and_draws_its_figures(
    tree: Tree,
) -> None:
    from danvan.outputs import charts
    from danvan.outputs.templating import all_text
    from danvan.reporting.services import approve, submit_values
    from danvan.reporting.tests.factories import make_form

    form = make_form(tree)
    same = "Tổ chức tốt hội nghị đối thoại với Nhân dân."
    for unit, text, trained in (
        (tree.commune, same, "12"),
        (tree.other_commune, same, "0"),
        (tree.department, "Hướng dẫn các xã xây dựng mô hình.", "3"),
    ):
        values = {"officials_total": "20", "trained": trained, "models": "0",
                  "satisfaction": "80", "has_plan": "có"}  # fmt: skip
        submission = submit_values(form, unit, "2026-03", values=values,
                                   narratives={"ket_qua": text}, send=True, actor=SYSTEM)  # fmt: skip
        approve(submission, version=submission.version, actor=SYSTEM)
    from danvan.reporting.exports import consolidated_docx

    document = Document(io.BytesIO(consolidated_docx(form, "2026-03", tree.province)))
    text = all_text(document)
    # One paragraph per distinct text, naming every unit that wrote it.
    assert text.count(same) == 1
    assert f"{tree.commune.display_name}, {tree.other_commune.display_name}: {same}" in text
    assert "Hướng dẫn các xã xây dựng mô hình." in text
    # Figures: reported ones in the table («1.234,5» style), zero ones summarised in one line.
    assert "Số cán bộ được tập huấn" in text and "15" in text.splitlines()
    assert "Các chỉ tiêu không phát sinh hoặc chưa có số liệu: Mô hình Dân vận khéo" in text
    assert "Tổng" in text  # aggregation named in words, not «sum»
    # The province signs as a People's Committee; Sở Nội vụ, its own body, drafted it.
    assert "TM. ỦY BAN NHÂN DÂN" in text and "CHỦ TỊCH" in text
    assert "Lưu: VT, SNV." in text
    assert "- Sở Nội vụ" not in text  # a province does not address its own department
    pictures = document.inline_shapes
    assert len(pictures) == (1 if charts.png_available() else 0)


@pytest.mark.django_db
def test_the_plan_documents_are_laid_out_and_signed_by_unit_kind(tree: Tree) -> None:
    from danvan.outputs.templating import all_text
    from danvan.plans.exports import implementing_plan_draft, plan_status_docx
    from danvan.plans.services import add_task, create_plan

    plan = create_plan(owner=tree.province, title="Thực hiện Quy chế dân chủ năm 2026",
                       number="12/KH-UBND", year_from=2026, issued_on=dt.date(2026, 1, 9), actor=SYSTEM)  # fmt: skip
    add_task(plan, title="Tổ chức đối thoại", lead_unit=tree.department,
             due_on=dt.date(2026, 6, 30), actor=SYSTEM)  # fmt: skip
    draft = all_text(
        Document(io.BytesIO(implementing_plan_draft(plan, tree.department, dt.date(2026, 3, 1))))
    )
    assert "Hạn ban hành" not in draft and "01/03/2026" not in draft  # no note to the drafter
    assert "KẾ HOẠCH" in draft and "Tổ chức đối thoại" in draft
    assert "/KH-SNV" in draft and "GIÁM ĐỐC" in draft and "THỦ TRƯỞNG" not in draft
    assert "ngày 09/01/2026" in draft  # the basis sentence dates the parent plan
    status = Document(io.BytesIO(plan_status_docx(plan, dt.date(2026, 2, 5))))
    landscape = status.sections[0]
    assert landscape.page_width > landscape.page_height  # type: ignore[operator]
    text = all_text(status)
    assert "ngày 05 tháng 02 năm 2026" in text and "TÌNH HÌNH THỰC HIỆN" in text
    assert "Tổ chức đối thoại" in text and "Đơn vị chủ trì" in text
