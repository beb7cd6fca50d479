"""What a user sees of a document's own particulars: number, type, date, issuer, signer."""

from pathlib import Path

import pytest

from danvan.documents.parsing import parse_file, parse_text

SAMPLES = Path(__file__).parent / "samples"
DEMO = Path(__file__).resolve().parents[1] / "demo_documents"


def test_plan_with_blank_number_and_day_has_null_number_and_date() -> None:
    doc = parse_file(SAMPLES / "ke-hoach-so-trong-tay-bac.txt")["doc"]
    assert doc["number"] is None
    assert doc["symbol"] == "KH-SVHTTDL"
    assert doc["type"] == "KH"
    assert doc["issued_on"] is None
    assert doc["place"] == "Lào Cai"
    assert doc["signer"] is None  # 'KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC' prints no name


def test_plan_without_header_takes_issuer_from_its_preamble_and_place() -> None:
    doc = parse_file(SAMPLES / "ke-hoach-so-trong-tay-bac.txt")["doc"]
    assert doc["issuer"] == "Sở Văn hóa, Thể thao và Du lịch tỉnh Lào Cai"
    assert doc["title"] == "Thực hiện quy chế dân chủ và công tác dân vận chính quyền năm 2026"


def test_party_letter_number_without_colon_and_party_issuer() -> None:
    doc = parse_file(SAMPLES / "cong-van-dang-uy-xa.txt")["doc"]
    assert doc["number"] == "87-CV/ĐU"
    assert doc["symbol"] == "CV/ĐU"
    assert doc["type"] == "CV"
    assert doc["issued_on"] == "2026-04-14"
    assert doc["issuer"] == "Đảng ủy xã Kim Bình"
    assert doc["signer"] == "Ma Văn Tuấn"
    assert doc["title"].startswith("V/v tổ chức hội nghị đối thoại")


def test_web_scrape_signer_comes_from_page_attributes_when_block_has_no_name() -> None:
    result = parse_file(SAMPLES / "tin-bai-web-lap-lai.txt")
    doc = result["doc"]
    assert doc["number"] == "77/QĐ-UBND"
    assert doc["issued_on"] == "2026-03-02"
    assert doc["signer"] == "Vàng Seo Chứ"
    assert doc["issuer"] == "Ủy ban nhân dân xã Sơn Vĩ"


def test_news_post_about_a_plan_has_no_particulars_of_its_own() -> None:
    result = parse_file(SAMPLES / "tin-bai-thong-bao.txt")
    assert result["kind"] == "notice"
    assert result["doc"]["number"] is None
    assert [ref["number"] for ref in result["references"]] == ["21/KH-UBND"]
    assert result["references"][0]["issued_on"] == "2026-02-03"


def test_number_with_spaces_and_year_is_normalised() -> None:
    text = (
        "ỦY BAN NHÂN DÂN\nTỈNH CAO BẰNG\n\nSố: 07 /2026/QĐ-UBND\n\n"
        "Cao Bằng, ngày 9 tháng 2 năm 2026\n\nQUYẾT ĐỊNH\nBan hành Quy chế làm việc\n"
    )
    doc = parse_text(text)["doc"]
    assert doc["number"] == "07/2026/QĐ-UBND"
    assert doc["symbol"] == "QĐ-UBND"
    assert doc["issued_on"] == "2026-02-09"
    assert doc["issuer"] == "Ủy ban nhân dân tỉnh Cao Bằng"
    assert doc["title"] == "Ban hành Quy chế làm việc"


@pytest.mark.parametrize(
    ("name", "number", "kind", "issued_on", "issuer", "signer"),
    [
        (
            "ubnd-tinh-cao-bang-ke-hoach-2026.txt",
            "512/KH-UBND",
            "KH",
            "2026-01-20",
            "Ủy ban nhân dân tỉnh Cao Bằng",
            "Nông Thị Hạnh",
        ),
        (
            "so-noi-vu-cao-bang-ke-hoach-2026.txt",
            "45/KH-SNV",
            "KH",
            "2026-02-05",
            "Sở Nội vụ tỉnh Cao Bằng",
            "Lục Thị Hoa",
        ),
        (
            "ubnd-phuong-thuc-phan-ke-hoach-2026.txt",
            "18/KH-UBND",
            "KH",
            "2026-02-12",
            "Ủy ban nhân dân phường Thục Phán",
            "Hoàng Văn Thắng",
        ),
        (
            "ubnd-tinh-cao-bang-chi-thi-2026.txt",
            "02/CT-UBND",
            "CT",
            "2026-01-08",
            "Ủy ban nhân dân tỉnh Cao Bằng",
            "Đàm Văn Khiêm",
        ),
    ],
)
def test_demo_documents_particulars(
    name: str, number: str, kind: str, issued_on: str, issuer: str, signer: str
) -> None:
    doc = parse_file(DEMO / name)["doc"]
    assert (doc["number"], doc["type"], doc["issued_on"], doc["issuer"], doc["signer"]) == (
        number,
        kind,
        issued_on,
        issuer,
        signer,
    )


def test_symbols_with_a_units_code_after_a_dot_and_joint_types() -> None:
    text = (
        "ỦY BAN NHÂN DÂN\nHUYỆN HÀ QUẢNG\nSố: 1234/QĐ-UBND.VX\n"
        "Hà Quảng, ngày 9 tháng 1 năm 2026\nQUYẾT ĐỊNH\nVề việc kiện toàn Tổ công tác dân vận\n"
        "Căn cứ Quyết định số 56/QĐ-UBND.NC ngày 02/01/2026 của UBND tỉnh và Kế hoạch liên "
        "tịch số 01/KHLT-BDVTU-UBND ngày 05/01/2026.\n"
    )
    result = parse_text(text)
    assert (result["doc"]["number"], result["doc"]["type"]) == ("1234/QĐ-UBND.VX", "QĐ")
    numbers = [r["number"] for r in result["references"]]
    assert numbers == ["56/QĐ-UBND.NC", "01/KHLT-BDVTU-UBND"]
