"""What the parser finds in the body: citations, deadlines, reports, targets, assignments."""

import time
from pathlib import Path

from danvan.documents.parsing import parse_file, parse_text

SAMPLES = Path(__file__).parent / "samples"
DEMO = Path(__file__).resolve().parents[1] / "demo_documents"


def _units(result: dict, role: str) -> set[str]:
    return {item["unit"] for item in result["assignments"] if item["role"] == role}


def test_citations_are_normalised_and_include_footnotes() -> None:
    result = parse_file(SAMPLES / "ke-hoach-so-trong-tay-bac.txt")
    numbers = [ref["number"] for ref in result["references"]]
    # '96 – CV/BTGDVTU' and '23- QĐ/TW' are printed with spaces and an en dash.
    assert "96-CV/BTGDVTU" in numbers
    assert "23-QĐ/TW" in numbers
    assert "190/KH-UBND" in numbers  # only in footnote [1]
    decree = next(ref for ref in result["references"] if ref["number"] == "59/2023/NĐ-CP")
    assert decree == {
        "number": "59/2023/NĐ-CP",
        "type": "Nghị định",
        "issued_on": "2023-08-14",
        "issuer": "Chính phủ",
    }


def test_a_document_does_not_cite_itself_and_repeated_scrapes_count_once() -> None:
    result = parse_file(SAMPLES / "tin-bai-web-lap-lai.txt")
    numbers = [ref["number"] for ref in result["references"]]
    assert numbers == ["42/2013/QH13", "64/2014/NĐ-CP"]
    assert result["references"][0]["type"] == "Luật"


def test_deadlines_keep_a_missing_year_as_null() -> None:
    result = parse_file(SAMPLES / "ke-hoach-so-trong-tay-bac.txt")
    dates = {(d["year"], d["month"], d["day"]) for d in result["deadlines"]}
    assert dates == {(2026, 4, 10), (None, 6, 5)}
    first = next(d for d in result["deadlines"] if d["month"] == 4)
    assert first["who"] == "Các phòng, đơn vị thuộc Sở"


def test_reporting_periods_and_recipient() -> None:
    result = parse_file(SAMPLES / "ke-hoach-so-trong-tay-bac.txt")
    periods = [r["period"] for r in result["reporting"]]
    assert periods == ["quarterly", "semiannual", "annual", "ad_hoc"]
    assert result["reporting"][0]["to"] == "UBND tỉnh (qua Sở Nội vụ)"


def test_a_periodic_report_without_a_period_is_not_a_reporting_obligation() -> None:
    result = parse_file(SAMPLES / "cong-van-dang-uy-xa.txt")
    assert result["reporting"] == []


def test_targets_with_units() -> None:
    result = parse_file(SAMPLES / "ke-hoach-so-trong-tay-bac.txt")
    targets = {(t["value"], t["unit"]) for t in result["targets"]}
    assert (100.0, "%") in targets
    assert (1.0, "mô hình") in targets
    assert any(value == 3.0 and unit.startswith("lớp") for value, unit in targets)


def test_past_results_are_not_targets() -> None:
    text = (
        "I. KẾT QUẢ THỰC HIỆN NĂM 2025\n"
        "1. Đã có 95% cơ quan xây dựng kế hoạch; tổ chức 12 lớp tập huấn.\n"
        "II. CHỈ TIÊU NĂM 2026\n"
        "1. 100% cơ quan, đơn vị xây dựng kế hoạch.\n"
        "2. Tổ chức 05 lớp tập huấn.\n"
    )
    targets = {(t["value"], t["unit"]) for t in parse_text(text)["targets"]}
    assert targets == {(100.0, "%"), (5.0, "lớp tập huấn")}


def test_assignments_lead_support_and_general_address() -> None:
    result = parse_file(SAMPLES / "cong-van-dang-uy-xa.txt")
    assert "Ủy ban nhân dân xã" in _units(result, "lead")
    assert "Ủy ban Mặt trận Tổ quốc Việt Nam xã" in _units(result, "support")
    assert "Văn phòng Đảng ủy" in _units(result, "lead")
    assert "các chi bộ, cơ quan, đơn vị" in _units(result, "all")
    # Recipients ('Kính gửi', 'Nơi nhận') are not assignments.
    assert "Các chi bộ trực thuộc" not in {a["unit"] for a in result["assignments"]}


def test_bodies_named_in_the_plural_making_a_plan_are_given_that_task() -> None:
    """'UBND các xã, thị trấn xây dựng kế hoạch …' is work the plan gives; 'Ủy ban nhân dân
    huyện xây dựng Kế hoạch như sau' is the issuer presenting its own plan.  An address to
    everyone ('Các cơ quan, đơn vị …') counts in the part that organises the implementation, as
    a general address, and not among the tasks (the gold conventions count it only there)."""
    text = (
        "Số: 14/KH-UBND\nThông Nông, ngày 02 tháng 4 năm 2026\nKẾ HOẠCH\nĐối thoại năm 2026\n"
        "Ủy ban nhân dân huyện xây dựng Kế hoạch như sau:\n"
        "I. NHIỆM VỤ\n"
        "1. UBND các xã, thị trấn xây dựng kế hoạch thực hiện, gửi về Phòng Nội vụ chậm nhất "
        "ngày 15/4/2026.\n"
        "2. Các cơ quan, đơn vị báo cáo kết quả về Phòng Nội vụ trước ngày 15/6/2026.\n"
        "II. TỔ CHỨC THỰC HIỆN\n"
        "1. Các phòng, ban chuyên môn xây dựng kế hoạch của đơn vị, triển khai thực hiện.\n"
    )
    assert {(a["unit"], a["role"]) for a in parse_text(text)["assignments"]} == {
        ("UBND các xã, thị trấn", "lead"),
        ("Các phòng, ban chuyên môn", "all"),
    }


def test_decision_articles_give_lead_support_and_enforcement() -> None:
    result = parse_file(SAMPLES / "tin-bai-web-lap-lai.txt")
    assert _units(result, "lead") == {"Văn phòng HĐND và UBND xã"}
    assert _units(result, "support") == {"Công an xã"}
    assert _units(result, "all") == {
        "Chánh Văn phòng HĐND và UBND xã",
        "Trưởng Công an xã",
        "các cơ quan, đơn vị có liên quan",
    }


def test_section_tree_nests_roman_arabic_and_dash_items() -> None:
    sections = parse_file(SAMPLES / "ke-hoach-so-trong-tay-bac.txt")["sections"]
    assert [s["marker"] for s in sections] == ["I", "II", "III"]
    organisation = sections[2]
    assert organisation["title"] == "Tổ chức thực hiện"
    assert [c["marker"] for c in organisation["children"]] == ["1", "2"]
    assert organisation["children"][0]["title"] == "Văn phòng Sở"
    assert len(organisation["children"][0]["children"]) == 2


def test_provincial_demo_plan() -> None:
    result = parse_file(DEMO / "ubnd-tinh-cao-bang-ke-hoach-2026.txt")
    numbers = {ref["number"] for ref in result["references"]}
    assert {"23-QĐ/TW", "30/2020/NĐ-CP", "10/2022/QH15", "02/CT-UBND"} <= numbers
    assert {r["period"] for r in result["reporting"]} == {"semiannual", "annual"}
    dates = {(d["year"], d["month"], d["day"]) for d in result["deadlines"]}
    assert {(None, 6, 15), (None, 12, 15), (2026, 2, 28)} <= dates
    assert {(100.0, "%"), (1.0, "mô hình")} <= {(t["value"], t["unit"]) for t in result["targets"]}
    assert {
        "Sở Nội vụ",
        "Sở Tài chính",
        "Các sở, ban, ngành",
        "Ủy ban nhân dân các xã, phường",
    } <= (_units(result, "lead"))
    assert "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh" in _units(result, "support")
    assert "các cơ quan, đơn vị, địa phương" in _units(result, "all")


def test_demo_documents_cite_each_other() -> None:
    directive = parse_file(DEMO / "ubnd-tinh-cao-bang-chi-thi-2026.txt")
    plan = parse_file(DEMO / "ubnd-tinh-cao-bang-ke-hoach-2026.txt")
    assert directive["doc"]["number"] in {ref["number"] for ref in plan["references"]}
    for name in ("so-noi-vu-cao-bang-ke-hoach-2026.txt", "ubnd-phuong-thuc-phan-ke-hoach-2026.txt"):
        cited = parse_file(DEMO / name)["references"]
        plan_ref = next(ref for ref in cited if ref["number"] == "512/KH-UBND")
        assert plan_ref["issued_on"] == "2026-01-20"
    assert {r["period"] for r in directive["reporting"]} == {
        "quarterly",
        "semiannual",
        "annual",
        "ad_hoc",
    }


def test_sixty_kilobyte_document_parses_quickly() -> None:
    base = (DEMO / "ubnd-tinh-cao-bang-ke-hoach-2026.txt").read_text(encoding="utf-8")
    paragraphs = base.split("\n\n")
    text_parts = [paragraphs[0]]
    index = 0
    while sum(len(p.encode()) for p in text_parts) < 60_000:
        index += 1
        # Vary each copy so that the repeated-scrape filter does not shrink the input.
        text_parts.append(paragraphs[index % len(paragraphs)] + f" (mục {index})")
    text = "\n\n".join(text_parts)
    parse_text(text)  # warm up compiled patterns
    start = time.perf_counter()
    parse_text(text)
    assert time.perf_counter() - start < 0.5
