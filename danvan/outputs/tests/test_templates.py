"""Word templates an administrator replaces: the packaged default, an upload that is used, and a
broken one that answers with a Vietnamese message instead of a 500."""

from __future__ import annotations

import datetime as dt
import io
from types import SimpleNamespace

import pytest
from django.test import Client
from docx import Document

from danvan.accounts.models import User
from danvan.core.errors import UserError
from danvan.outputs import nd30, templating
from danvan.outputs.default_templates import build_nd30_template
from danvan.outputs.models import OutputTemplate
from danvan.outputs.services import save_template
from danvan.outputs.templating import all_text
from danvan.testing.fixtures import Tree


def _unit(name: str, kind: str = "commune", parent: object = None) -> SimpleNamespace:
    return SimpleNamespace(name=name, short_name="", kind=kind, parent=parent)


PROVINCE = _unit("Ủy ban nhân dân tỉnh Cao Bằng", "province")
COMMUNE = _unit("Ủy ban nhân dân xã Hòa Bình", "commune", PROVINCE)
DEPARTMENT = _unit("Sở Nội vụ tỉnh Cao Bằng", "department", PROVINCE)


def _read(content: bytes) -> str:
    return all_text(Document(io.BytesIO(content)))


def _draft(unit: SimpleNamespace = COMMUNE, **kw: object) -> nd30.Draft:
    draft = nd30.for_unit(
        unit,
        purpose=str(kw.pop("purpose", "nd30")),
        kind_word="Báo cáo",
        subject="Kết quả công tác dân vận quý I/2026",
        doc_type="BC",
        day=dt.date(2026, 3, 5),
        **kw,  # type: ignore[arg-type]
    )
    nd30.add_heading(draft, "I. KẾT QUẢ")
    nd30.add_paragraph(draft, "Nội dung <b>thử</b> & «ngoặc»")
    nd30.add_table(draft, ["TT", "Chỉ tiêu", "Số liệu"], [[1, "Đơn tiếp nhận", "1.234,5"]])
    nd30.add_recipients_and_signature(
        draft, recipients=["UBND tỉnh (b/c);", "Lưu: VT."], authority=nd30.signing_authority(unit)
    )
    return draft


def _template_with(replacements: dict[str, str]) -> bytes:
    """The packaged default with some of its paragraph texts replaced."""
    document = Document(io.BytesIO(build_nd30_template()))
    paragraphs = list(document.paragraphs) + [
        p for t in document.tables for row in t.rows for c in row.cells for p in c.paragraphs
    ]
    for paragraph in paragraphs:
        if paragraph.text in replacements:
            for run in paragraph.runs[1:]:
                run.text = ""
            paragraph.runs[0].text = replacements[paragraph.text]
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.django_db
def test_the_packaged_template_lays_out_a_whole_document() -> None:
    content = nd30.to_bytes(_draft())
    text = _read(content)
    lines = [line for line in text.splitlines() if line.strip()]
    # Agency block (over the area), number, national title, place and date, title, body.
    assert lines[:4] == ["ỦY BAN NHÂN DÂN", "XÃ HÒA BÌNH", "_______", "Số:       /BC-UBND"]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in lines and "Độc lập - Tự do - Hạnh phúc" in lines
    assert "Hòa Bình, ngày 05 tháng 3 năm 2026" in lines  # the commune is the place
    assert lines.index("BÁO CÁO") < lines.index("Kết quả công tác dân vận quý I/2026")
    assert lines.index("I. KẾT QUẢ") < lines.index("Nội dung <b>thử</b> & «ngoặc»")
    assert "Đơn tiếp nhận" in lines and "1.234,5" in lines
    assert lines.index("Nơi nhận:") < lines.index("- Lưu: VT.")
    assert ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"] == [
        line for line in lines if line in {"TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"}
    ]
    assert "{{" not in text and "{%" not in text
    document = Document(io.BytesIO(content))
    section = document.sections[0]
    assert section.page_width < section.page_height  # type: ignore[operator]  # portrait A4
    assert round(section.left_margin.mm) == 30  # type: ignore[union-attr]
    assert round(section.right_margin.mm) == 15  # type: ignore[union-attr]


@pytest.mark.django_db
def test_a_landscape_document_turns_the_page() -> None:
    document = Document(io.BytesIO(nd30.to_bytes(_draft(landscape=True))))
    section = document.sections[0]
    assert section.page_width > section.page_height  # type: ignore[operator]


@pytest.mark.parametrize(
    ("unit", "deputy", "expected"),
    [
        (PROVINCE, False, ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]),
        (PROVINCE, True, ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]),
        (COMMUNE, True, ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]),
        (DEPARTMENT, False, ["GIÁM ĐỐC"]),
        (DEPARTMENT, True, ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]),
        (_unit("Thanh tra tỉnh Cao Bằng", "department", PROVINCE), True,
         ["KT. CHÁNH THANH TRA", "PHÓ CHÁNH THANH TRA"]),
        (_unit("Ủy ban MTTQ Việt Nam tỉnh Cao Bằng", "front", PROVINCE), False,
         ["TM. BAN THƯỜNG TRỰC", "CHỦ TỊCH"]),
        # A department whose name says nothing still signs as a department head.
        (_unit("Cơ quan thường trực", "department", PROVINCE), False, ["GIÁM ĐỐC"]),
    ],
)  # fmt: skip
def test_the_signature_title_fits_the_kind_of_unit(
    unit: SimpleNamespace, deputy: bool, expected: list[str]
) -> None:
    assert nd30.signing_authority(unit, deputy=deputy) == expected


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (dt.date(2026, 1, 1), "ngày 01 tháng 01 năm 2026"),
        (dt.date(2026, 2, 9), "ngày 09 tháng 02 năm 2026"),
        (dt.date(2026, 3, 10), "ngày 10 tháng 3 năm 2026"),
        (dt.date(2026, 5, 31), "ngày 31 tháng 5 năm 2026"),
        (dt.date(2026, 11, 7), "ngày 07 tháng 11 năm 2026"),
    ],
)
def test_only_days_below_ten_and_months_one_and_two_are_padded(day: dt.date, text: str) -> None:
    assert nd30.date_line("Cao Bằng", day) == f"Cao Bằng, {text}"


def test_the_symbol_is_the_units_own_abbreviation() -> None:
    assert nd30.symbol_of(DEPARTMENT, "BC") == "BC-SNV"  # not the province's initials
    assert nd30.symbol_of(_unit("Thanh tra tỉnh", "department", PROVINCE), "KL") == "KL-TTr"
    assert nd30.symbol_of(COMMUNE, "KH") == "KH-UBND"
    short = SimpleNamespace(name="Ủy ban nhân dân tỉnh Cao Bằng", short_name="UBND tỉnh Cao Bằng",
                            kind="province", parent=None)  # fmt: skip
    assert nd30.symbol_of(short, "BC") == "BC-UBND"  # never «BC-UTCB»


@pytest.mark.django_db
def test_an_uploaded_template_is_used_for_its_purpose_then_for_all(admin_user: User) -> None:
    mine = _template_with({"Độc lập - Tự do - Hạnh phúc": "Độc lập - Tự do - Hạnh phúc (mẫu tỉnh)"})
    row = save_template(
        None, actor=admin_user, purpose="reporting.consolidated", name="Mẫu báo cáo của tỉnh",
        basis="Nghị định 30/2020/NĐ-CP", upload_name="mau.docx", upload=mine,
    )  # fmt: skip
    assert row.is_active and row.filename == "mau.docx" and len(row.sha256) == 64
    assert "(mẫu tỉnh)" in _read(nd30.to_bytes(_draft(purpose="reporting.consolidated")))
    assert "(mẫu tỉnh)" not in _read(nd30.to_bytes(_draft(purpose="plans.draft")))
    # The generic template restyles every document that has none of its own.
    general = _template_with({"Độc lập - Tự do - Hạnh phúc": "Độc lập - Tự do - Hạnh phúc (chung)"})
    save_template(
        None, actor=admin_user, purpose="nd30", name="Mẫu chung", basis="NĐ 30",
        upload_name="chung.docx", upload=general,
    )  # fmt: skip
    assert "(chung)" in _read(nd30.to_bytes(_draft(purpose="plans.draft")))
    assert "(mẫu tỉnh)" in _read(nd30.to_bytes(_draft(purpose="reporting.consolidated")))
    # A second one for the same purpose replaces the first; turning it off restores the default.
    second = save_template(
        None, actor=admin_user, purpose="reporting.consolidated", name="Mẫu mới",
        basis="NĐ 30", upload_name="moi.docx", upload=general,
    )  # fmt: skip
    row.refresh_from_db()
    assert not row.is_active
    save_template(second, actor=admin_user, purpose="reporting.consolidated", name="Mẫu mới",
                  basis="NĐ 30", is_active=False)  # fmt: skip
    OutputTemplate.objects.filter(purpose="nd30").update(is_active=False)
    text = _read(nd30.to_bytes(_draft(purpose="reporting.consolidated")))
    assert "(chung)" not in text and "(mẫu tỉnh)" not in text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"MZ\x90\x00 a Windows program renamed .docx", "không phải tệp .docx hợp lệ"),
        (_template_with({"{{ agency }}": "{{ agency "}), "không dùng được"),
        (_template_with({"{{p body }}": "Nội dung cố định"}), "{{p body }}"),
        (_template_with({"{{ place_date }}": ""}), "{{ place_date }}"),
        (_template_with({"{{p body }}": "Nội dung: {{ body }}"}), "{{p body }}"),
    ],
    ids=["not-a-docx", "jinja-syntax", "no-body", "no-date-line", "body-inside-a-sentence"],
)
def test_a_broken_template_is_refused_at_upload(
    admin_user: User, data: bytes, message: str
) -> None:
    with pytest.raises(UserError) as refused:
        save_template(None, actor=admin_user, purpose="nd30", name="Mẫu hỏng", basis="NĐ 30",
                      upload_name="hong.docx", upload=data)  # fmt: skip
    assert message in refused.value.message
    assert not OutputTemplate.objects.exists()


@pytest.mark.django_db
def test_a_broken_active_template_answers_with_a_message_not_a_500(
    tree: Tree, client: Client, province_officer: User
) -> None:
    from danvan.reporting.tests.factories import make_form

    # Stored without the service's check (an older upload, a hand-edited database).
    OutputTemplate.objects.create(
        purpose="nd30", name="Mẫu lỗi", content=_template_with({"{{ agency }}": "{% if %}"}),
        filename="loi.docx", sha256="0" * 64, is_active=True,
    )  # fmt: skip
    with pytest.raises(UserError) as broken:
        nd30.to_bytes(_draft())
    assert "Mẫu văn bản Word «Mẫu lỗi» không dùng được" in broken.value.message
    form = make_form(tree)
    client.force_login(province_officer)
    url = f"/reporting/forms/{form.pk}/consolidated.docx?unit={tree.province.pk}&period=2026-03"
    response = client.get(url, follow=True)
    assert response.status_code == 200
    assert "Mẫu văn bản Word «Mẫu lỗi» không dùng được" in response.content.decode()
    OutputTemplate.objects.update(content=b"not a zip at all")
    response = client.get(url, follow=True)
    assert response.status_code == 200
    assert "không phải tệp .docx đọc được" in response.content.decode()


@pytest.mark.django_db
def test_a_superuser_replaces_the_template_in_the_admin(
    client: Client, admin_user: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    # About templates, not sign-in: the superuser's two-factor step is tested in accounts.
    monkeypatch.setattr("danvan.accounts.services.requires_two_factor", lambda user: False)
    client.force_login(admin_user)
    default = client.get("/admin/outputs/outputtemplate/default.docx")
    assert default.status_code == 200 and default["Content-Disposition"].startswith("attachment")
    assert "{{p body }}" in _read(default.content)
    edited = _template_with({"Độc lập - Tự do - Hạnh phúc": "Độc lập - Tự do - Hạnh phúc (admin)"})
    upload = io.BytesIO(edited)
    upload.name = "mau-tinh.docx"
    response = client.post(
        "/admin/outputs/outputtemplate/add/",
        {"purpose": "nd30", "name": "Mẫu của tỉnh", "is_active": "on",
         "basis": "Nghị định 30/2020/NĐ-CP", "note": "", "upload": upload},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    row = OutputTemplate.objects.get()
    assert row.is_active and bytes(row.content) == edited
    change = client.get(f"/admin/outputs/outputtemplate/{row.pk}/change/")
    assert change.status_code == 200 and "mau-tinh.docx" in change.content.decode()
    assert client.get(f"/admin/outputs/outputtemplate/{row.pk}/file.docx").content == edited
    assert "Tải mẫu mặc định (.docx)" in client.get("/admin/outputs/outputtemplate/add/").text
    assert "(admin)" in _read(nd30.to_bytes(_draft()))
    bad = io.BytesIO(_template_with({"{{p body }}": ""}))
    bad.name = "hong.docx"
    response = client.post(
        "/admin/outputs/outputtemplate/add/",
        {"purpose": "nd30", "name": "Mẫu hỏng", "is_active": "on", "basis": "NĐ 30",
         "note": "", "upload": bad},
    )  # fmt: skip
    assert response.status_code == 200 and "{{p body }}" in response.content.decode()
    assert OutputTemplate.objects.count() == 1


def test_every_registered_purpose_has_a_label() -> None:
    codes = {p.code for p in templating.purposes()}
    assert {"nd30", "reporting.consolidated", "plans.draft", "plans.status"} <= codes
