"""Metamorphic tests: the project's own documents parse to the same result in every shape.

The shapes (wrapped at 35/50/70 characters, header as table cells, web chrome, NFD, CRLF with
no-break spaces, header and closing in two columns by spaces or by tabs) change the layout only, so number, type, date, place, issuer, signer, title,
citations, deadlines, reporting, targets and assignments must not change.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from danvan.documents.parsing import parse_text
from danvan.documents.parsing.layout import (
    normalize_layout,
    split_columns,
    strip_web_chrome,
    tables_to_sentences,
)

from .layout_shapes import SHAPES

SAMPLES = Path(__file__).parent / "samples"
DOCUMENTS = sorted(SAMPLES.glob("*.txt"))


def _answers(result: dict[str, Any]) -> dict[str, Any]:
    """What a person checks in a parse: the particulars and the keys of each list."""
    doc = dict(result["doc"])
    return {
        "kind": result["kind"],
        "doc": doc,
        "references": sorted(
            (r["number"], r["type"], r["issued_on"], r["issuer"]) for r in result["references"]
        ),
        "deadlines": sorted((d["year"] or 0, d["month"], d["day"]) for d in result["deadlines"]),
        "reporting": sorted(r["period"] for r in result["reporting"]),
        "targets": sorted((t["value"] or 0, t["unit"] or "") for t in result["targets"]),
        "assignments": sorted((a["unit"], a["role"]) for a in result["assignments"]),
    }


@pytest.mark.parametrize("shape", sorted(SHAPES))
@pytest.mark.parametrize("sample", DOCUMENTS, ids=[p.stem for p in DOCUMENTS])
def test_every_shape_parses_like_the_original(sample: Path, shape: str) -> None:
    text = sample.read_text(encoding="utf-8")
    original = _answers(parse_text(text))
    shaped = _answers(parse_text(SHAPES[shape](text)))
    assert shaped == original


def test_the_samples_cover_documents_and_news_posts() -> None:
    kinds = {parse_text(p.read_text(encoding="utf-8"))["kind"] for p in DOCUMENTS}
    assert kinds == {"document", "notice"}


def test_written_text_keeps_its_words_and_its_header_lines() -> None:
    """Layout normalisation only joins lines, blanks web chrome, drops '|' cell rules and writes task
    tables as sentences: the words stay in order,
    and the header lines of a document that was not wrapped stay as written."""
    for sample in DOCUMENTS:
        text = sample.read_text(encoding="utf-8")
        kept = tables_to_sentences(strip_web_chrome(text.split("\n")))
        words = [word for word in " ".join(kept).split() if word.strip("|")]
        assert [word for word in normalize_layout(text).split() if word.strip("|")] == words
        header = [line for line in kept[:12] if line.strip()]
        assert set(header) <= set(normalize_layout(text).split("\n"))


def test_a_hard_wrapped_header_is_rebuilt_line_by_line() -> None:
    text = SHAPES["wrap35"]((SAMPLES / "ke-hoach-lien-tich-xa-vung-cao.txt").read_text("utf-8"))
    lines = normalize_layout(text).split("\n")
    assert "Cô Ba, ngày 12 tháng 02 năm 2026" in lines
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in lines
    assert "Độc lập - Tự do - Hạnh phúc" in lines


def test_a_web_metadata_block_without_separators_is_evidence() -> None:
    text = (
        "Số hiệu 45/KH-UBND Loại văn bản Kế hoạch\n"
        "Cơ quan ban hành Ủy ban nhân dân huyện Hà Quảng Người ký Đàm Văn Tú\n"
        "Ngày ban hành 09/01/2026\n\n"
        "Kế hoạch tuyên truyền cải cách hành chính năm 2026\n"
        "Phòng Nội vụ chủ trì, phối hợp với các cơ quan thực hiện Kế hoạch này.\n"
    )
    doc = parse_text(text)["doc"]
    assert doc["number"] == "45/KH-UBND"
    assert doc["issued_on"] == "2026-01-09"
    assert doc["signer"] == "Đàm Văn Tú"


def test_the_joint_plan_sample_is_read_by_the_conventions() -> None:
    result = parse_text((SAMPLES / "ke-hoach-lien-tich-xa-vung-cao.txt").read_text("utf-8"))
    doc = result["doc"]
    assert (doc["number"], doc["type"], doc["issued_on"]) == ("02/KHPH-ĐU-UBND", "KH", "2026-02-12")
    assert doc["title"].startswith("Triển khai Chương trình phối hợp")
    assert [r["number"] for r in result["references"]] == [
        "03-CTrPH/BDVHU-BCSĐUBND",
        "145-KH/HU",
    ]
    assert sorted((d["year"], d["month"], d["day"]) for d in result["deadlines"]) == [
        (2026, 3, 31),
        (2026, 4, 30),
        (2026, 11, 15),
    ]
    assignments = {(a["unit"], a["role"]) for a in result["assignments"]}
    assert {
        ("Ủy ban Mặt trận Tổ quốc xã", "support"),
        ("Trưởng các thôn", "support"),
        ("Công chức Văn hóa - Xã hội", "lead"),
        ("Trạm Y tế xã", "lead"),
        ("Công an xã", "lead"),
        ("Ban Dân vận Đảng ủy xã", "support"),
    } <= assignments
    assert not any("Nhân dân" in unit for unit, _ in assignments)


BROKEN_HEADER = """ỦY BAN NHÂN DÂN
HUYỆN HÀ QUẢNG
Số:
45/KH-UBND
Hà Quảng, ngày 09 tháng
01 năm 2026
KẾ HOẠCH
Tuyên truyền cải cách hành chính năm 2026
1. Phòng Nội vụ chủ trì, phối hợp với Văn phòng HĐND và UBND huyện tổ chức hội nghị
tuyên truyền, hoàn thành chậm nhất ngày 30/6/2026.
2. Trung tâm Văn hóa - Thể thao huyện đưa tin trên sóng phát thanh trong tháng 5/2026.
Q. CHỦ TỊCH
PHÓ CHỦ TỊCH
(Đã ký)
ĐÀM VĂN TÚ
"""


def test_a_number_and_date_line_broken_by_a_pdf_are_read() -> None:
    result = parse_text(BROKEN_HEADER)
    doc = result["doc"]
    assert (doc["number"], doc["issued_on"], doc["place"]) == (
        "45/KH-UBND",
        "2026-01-09",
        "Hà Quảng",
    )
    assert doc["issuer"] == "Ủy ban nhân dân huyện Hà Quảng"
    assert doc["signer"] == "Đàm Văn Tú"  # printed in capitals under a 'Q.' signature
    deadlines = sorted((d["year"], d["month"], d["day"]) for d in result["deadlines"])
    assert deadlines == [(2026, 5, 31), (2026, 6, 30)]


def test_a_place_and_date_line_with_a_numeric_date() -> None:
    text = BROKEN_HEADER.replace(
        "Hà Quảng, ngày 09 tháng\n01 năm 2026", "Hà Quảng, ngày 09/01/2026"
    )
    assert parse_text(text)["doc"]["issued_on"] == "2026-01-09"


def test_the_signature_block_names_the_issuer_when_the_agency_block_is_missing() -> None:
    text = (
        "Số: 12/TB-UBND\n"
        "Bắc Hợp, ngày 3 tháng 4 năm 2026\n"
        "THÔNG BÁO\n"
        "Lịch tiếp công dân quý II năm 2026\n"
        "Ủy ban nhân dân xã Bắc Hợp thông báo lịch tiếp công dân như sau, các thôn niêm yết "
        "công khai đến hết ngày 10/4/2026.\n"
        "TM. ỦY BAN NHÂN DÂN\n"
        "CHỦ TỊCH\n"
        "Hà Văn Sơn\n"
    )
    result = parse_text(text)
    assert result["doc"]["issuer"] == "Ủy ban nhân dân xã Bắc Hợp"
    assert result["doc"]["title"] == "Lịch tiếp công dân quý II năm 2026"
    assert [(d["month"], d["day"]) for d in result["deadlines"]] == [(4, 10)]


def test_the_party_letter_sample_assigns_bodies_and_persons_by_title() -> None:
    result = parse_text((SAMPLES / "cong-van-huyen-uy-sap-xep.txt").read_text("utf-8"))
    doc = result["doc"]
    assert (doc["number"], doc["type"], doc["issuer"]) == ("215-CV/HU", "CV", "Huyện ủy Hòa An")
    assert doc["signer"] == "Nông Thị Hạnh"
    assert {(a["unit"], a["role"]) for a in result["assignments"]} == {
        ("Các đảng ủy xã, thị trấn", "lead"),
        ("Ban Dân vận Huyện ủy", "lead"),
        ("Ủy ban Mặt trận Tổ quốc huyện", "support"),
        ("Ủy ban nhân dân huyện", "lead"),
        ("Phó Bí thư Thường trực Huyện ủy", "lead"),
        ("Trưởng Ban Dân vận Huyện ủy", "lead"),
    }
    assert sorted((d["month"], d["day"]) for d in result["deadlines"]) == [(5, 25), (5, 31)]
    assert [r["period"] for r in result["reporting"]] == ["monthly"]


def test_a_task_table_gives_lead_support_and_deadline_per_row() -> None:
    result = parse_text((SAMPLES / "ke-hoach-xa-bang-nhiem-vu.txt").read_text("utf-8"))
    assignments = {(a["unit"], a["role"]) for a in result["assignments"]}
    assert {
        ("Văn phòng HĐND và UBND xã", "lead"),
        ("Ủy ban MTTQ xã", "support"),
        ("Công chức Địa chính - Xây dựng", "lead"),
        ("Trưởng các thôn", "support"),
        ("Công chức Văn phòng - Thống kê", "lead"),
    } <= assignments
    deadlines = sorted((d["year"], d["month"], d["day"]) for d in result["deadlines"])
    assert deadlines == [(2025, 4, 30), (2025, 12, 5)]  # a quarter is not a deadline
    assert result["doc"]["signer"] == "Lục Văn Đàn"


def test_web_chrome_is_blanked_but_sentences_with_the_same_words_stay() -> None:
    lines = [
        "Trang chủ | Văn bản | Liên hệ",
        "Đăng nhập",
        "Số: 05/KH-UBND",
        "Đăng ký thi đua xây dựng mô hình dân vận khéo trong các thôn, hoàn thành trước ngày 30/4.",
        "Điện thoại: 0206 3870 000",
    ]
    assert strip_web_chrome(lines) == ["", "", lines[2], lines[3], ""]


# A commune's plan as text extracted from a PDF: header and closing in two columns, the rules
# under the agency name and the motto, the signer's name alone under the signature.
TWO_COLUMN_PLAN = """\
ỦY BAN NHÂN DÂN                           CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
XÃ NGỌC ĐỘNG                                   Độc lập - Tự do - Hạnh phúc
    -------                                        ---------------
Số: 19/KH-UBND                          Ngọc Động, ngày 05 tháng 02 năm 2026

KẾ HOẠCH
Tổ chức hội nghị đối thoại với Nhân dân năm 2026

Thực hiện Kế hoạch số 12/KH-UBND ngày 20/01/2026 của Ủy ban nhân dân huyện Quảng Hòa, \
Ủy ban nhân dân xã xây dựng Kế hoạch như sau:

I. NỘI DUNG
1. Văn phòng HĐND và UBND xã chủ trì, phối hợp với Ủy ban MTTQ xã chuẩn bị tài liệu hội \
nghị, hoàn thành trước ngày 15/3/2026.
2. Trưởng các thôn xây dựng kế hoạch tuyên truyền,   gửi về Văn phòng chậm nhất ngày 01/3/2026.

Nơi nhận:                                     TM. ỦY BAN NHÂN DÂN
- UBND huyện (b/c);                                 CHỦ TỊCH
- Lưu: VT.
                                                    (Đã ký)

                                                 Hoàng Thị Lan
"""


def test_a_two_column_header_and_closing_are_read() -> None:
    result = parse_text(TWO_COLUMN_PLAN)
    doc = result["doc"]
    assert (doc["number"], doc["type"], doc["issued_on"], doc["place"]) == (
        "19/KH-UBND",
        "KH",
        "2026-02-05",
        "Ngọc Động",
    )
    assert doc["issuer"] == "Ủy ban nhân dân xã Ngọc Động"  # not the national title beside it
    assert doc["signer"] == "Hoàng Thị Lan"
    assert doc["title"] == "Tổ chức hội nghị đối thoại với Nhân dân năm 2026"
    assert {(a["unit"], a["role"]) for a in result["assignments"]} == {
        ("Văn phòng HĐND và UBND xã", "lead"),
        ("Ủy ban MTTQ xã", "support"),
        ("Trưởng các thôn", "lead"),  # plural bodies making a plan: their task
    }  # 'Ủy ban nhân dân xã xây dựng Kế hoạch như sau': the issuer presenting its plan
    assert sorted((d["month"], d["day"]) for d in result["deadlines"]) == [(3, 1), (3, 15)]
    last_item = result["sections"][-1]["children"][-1]["text"]
    assert last_item.endswith("chậm nhất ngày 01/3/2026.")  # the signature block is no body text


def test_a_two_column_plan_in_tabs_reads_the_same() -> None:
    rows = [
        "\t".join(part for part in re.split(r" {3,}", line.strip()) if part)
        if re.search(r"\S {3,}\S", line)
        else ("\t" + line.strip() if line.startswith("   ") else line)
        for line in TWO_COLUMN_PLAN.splitlines()
    ]
    assert "Nơi nhận:\tTM. ỦY BAN NHÂN DÂN" in rows and "\tHoàng Thị Lan" in rows
    assert _answers(parse_text("\n".join(rows))) == _answers(parse_text(TWO_COLUMN_PLAN))


def test_columns_are_undone_left_column_first() -> None:
    lines = split_columns(TWO_COLUMN_PLAN.splitlines())
    assert lines[:8] == [
        "ỦY BAN NHÂN DÂN",
        "XÃ NGỌC ĐỘNG",
        "-------",
        "Số: 19/KH-UBND",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "---------------",
        "Ngọc Động, ngày 05 tháng 02 năm 2026",
    ]
    closing = [line.strip() for line in lines[lines.index("Nơi nhận:") :]]
    assert closing == [
        "Nơi nhận:",
        "- UBND huyện (b/c);",
        "- Lưu: VT.",
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "(Đã ký)",
        "",
        "Hoàng Thị Lan",
    ]


def test_runs_of_spaces_in_the_body_do_not_make_columns() -> None:
    """Only header and closing lines are split: a body sentence with runs of spaces, even one
    that begins like a header line, and a list item of 'Nơi nhận' with its copy count stay."""
    lines = [
        "KẾ HOẠCH",
        "Tuyên truyền cải cách hành chính",
        "1. Phòng Nội vụ chủ trì,    phối hợp với Văn phòng    tổ chức hội nghị.",
        "Số   lượng đại biểu dự hội nghị là 120 người.",
        "HỘI NGHỊ TỔNG KẾT      Nguyễn Văn An phát biểu.",
        "Nơi nhận:",
        "- Lưu: VT.    (03 bản)",
    ]
    assert split_columns(lines) == lines
    site = ["Số hiệu:     87/KH-UBND", "Người ký:    Nông Văn Sơn", "KẾ HOẠCH"]
    assert split_columns(site) == site  # a web page's attributes, key and value
    assert "phối hợp với Văn phòng    tổ chức" in normalize_layout("\n".join(lines))


def test_a_joint_plan_with_two_agency_blocks_and_two_signatures_side_by_side() -> None:
    """Joint documents put both agency blocks and the national title on one row, and both
    signatures side by side: the agency blocks read in order, the first signer is the signer."""
    text = (
        "ĐẢNG ỦY XÃ NẬM NHŨN       ỦY BAN NHÂN DÂN XÃ NẬM NHŨN     CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số: 04/KHPH-ĐU-UBND                                      Nậm Nhũn, ngày 09 tháng 3 năm 2026\n"
        "\n"
        "KẾ HOẠCH PHỐI HỢP\n"
        "Tổ chức đối thoại với Nhân dân năm 2026\n"
        "\n"
        "1. Văn phòng HĐND và UBND xã chủ trì tổ chức đối thoại trước ngày 30/4/2026.\n"
        "\n"
        "T/M ĐẢNG ỦY                                TM. ỦY BAN NHÂN DÂN\n"
        "BÍ THƯ                                     CHỦ TỊCH\n"
        "\n"
        "Lò Văn Pọm                                 Vàng Thị Dợ\n"
    )
    lines = split_columns(text.splitlines())
    assert lines[:5] == [
        "ĐẢNG ỦY XÃ NẬM NHŨN",
        "ỦY BAN NHÂN DÂN XÃ NẬM NHŨN",
        "Số: 04/KHPH-ĐU-UBND",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Nậm Nhũn, ngày 09 tháng 3 năm 2026",
    ]
    doc = parse_text(text)["doc"]
    assert (doc["number"], doc["issued_on"]) == ("04/KHPH-ĐU-UBND", "2026-03-09")
    assert doc["issuer"] == "Ủy ban nhân dân xã Nậm Nhũn"
    assert doc["signer"] == "Lò Văn Pọm"
