"""Reading files: encodings, .docx, .pdf, and a clear Vietnamese message for bad input."""

import os
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path

import pytest

from danvan.documents.parsing import DocumentReadError, extract_text, parse_file
from danvan.documents.parsing.cli import main
from danvan.documents.parsing.legacy_encodings import (
    tcvn3_to_unicode,
    unicode_to_tcvn3,
    unicode_to_vni,
    vni_to_unicode,
)

SAMPLES = Path(__file__).parent / "samples"
PLAN = (SAMPLES / "cong-van-dang-uy-xa.txt").read_text(encoding="utf-8")
ALPHABET = (
    "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxyỳýỷỹỵ"
)


def _to_cp1258(text: str) -> bytes:
    """Windows-1258 writes tones as combining marks after base letters it has (â, ơ, ư...)."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
        marks = "".join(c for c in parts if c in tones)
        out += base.encode("cp1258") + marks.encode("cp1258")
    return bytes(out)


def test_legacy_tables_round_trip_every_vietnamese_letter() -> None:
    assert vni_to_unicode(unicode_to_vni(ALPHABET)) == ALPHABET
    assert vni_to_unicode(unicode_to_vni(ALPHABET.upper())) == ALPHABET.upper()
    assert tcvn3_to_unicode(unicode_to_tcvn3(ALPHABET)) == ALPHABET


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: t.encode("utf-8"),
        lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"),
        lambda t: t.encode("utf-16"),
        lambda t: t.encode("utf-16-le"),
        _to_cp1258,
        lambda t: unicode_to_vni(t).encode("cp1252"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16-le", "cp1258", "vni"],
)
def test_text_files_in_any_vietnamese_encoding_read_the_same(encode, tmp_path: Path) -> None:
    path = tmp_path / "van-ban.txt"
    path.write_bytes(encode(PLAN))
    assert extract_text(path) == PLAN
    assert parse_file(path)["doc"]["number"] == "87-CV/ĐU"


def test_tcvn3_file_reads_as_proper_vietnamese(tmp_path: Path) -> None:
    path = tmp_path / "vntime.txt"
    path.write_bytes(unicode_to_tcvn3(PLAN).encode("latin-1"))
    text = extract_text(path)
    assert "Thực hiện Quy định số 11-QĐi/TW ngày 18/02/2019 của Bộ Chính trị" in text
    result = parse_file(path)
    assert {ref["number"] for ref in result["references"]} == {"11-QĐi/TW", "120-KL/TW"}


def _docx(path: Path, paragraphs: list[str], cells: list[str], notes: list[str]) -> None:
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

    def para(text: str) -> str:
        return f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'

    table = "<w:tbl><w:tr>" + "".join(f"<w:tc>{para(c)}</w:tc>" for c in cells) + "</w:tr></w:tbl>"
    body = table + "".join(para(p) for p in paragraphs)
    body += (
        '<w:p><w:r><w:t>Xem chú thích</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>'
    )
    footnotes = "".join(
        f'<w:footnote w:id="{i}">{para(n)}</w:footnote>' for i, n in enumerate(notes, start=1)
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(
            "word/document.xml", f"<w:document {ns}><w:body>{body}</w:body></w:document>"
        )
        archive.writestr("word/footnotes.xml", f"<w:footnotes {ns}>{footnotes}</w:footnotes>")


def test_docx_with_header_table_and_footnote(tmp_path: Path) -> None:
    path = tmp_path / "ke-hoach.docx"
    _docx(
        path,
        paragraphs=[
            "Số: 15/KH-UBND",
            "Hòa An, ngày 03 tháng 02 năm 2026",
            "KẾ HOẠCH",
            "Thực hiện công tác dân vận chính quyền năm 2026",
            "Thực hiện Kế hoạch số 512/KH-UBND ngày 20/01/2026 của UBND tỉnh Cao Bằng.",
        ],
        cells=["ỦY BAN NHÂN DÂN", "XÃ HÒA AN"],
        notes=["Theo Chỉ thị số 02/CT-UBND ngày 08/01/2026."],
    )
    result = parse_file(path)
    assert result["doc"]["number"] == "15/KH-UBND"
    assert result["doc"]["issuer"] == "Ủy ban nhân dân xã Hòa An"
    assert {ref["number"] for ref in result["references"]} == {"512/KH-UBND", "02/CT-UBND"}


def _pdf(objects: list[bytes]) -> bytes:
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return out


def _pdf_page(content: bytes) -> bytes:
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
    )


def test_pdf_with_text_layer(tmp_path: Path) -> None:
    lines = [b"KE HOACH", b"Thuc hien Chi thi so 33/CT-TTg ngay 26/11/2021."]
    content = (
        b"BT /F1 12 Tf 50 800 Td 14 TL " + b" ".join(b"(%s) '" % line for line in lines) + b" ET"
    )
    path = tmp_path / "van-ban.pdf"
    path.write_bytes(_pdf_page(content))
    text = extract_text(path)
    assert "33/CT-TTg" in text
    assert [ref["number"] for ref in parse_file(path)["references"]] == ["33/CT-TTg"]


def test_scanned_pdf_without_text_layer_says_so(tmp_path: Path) -> None:
    path = tmp_path / "ban-quet.pdf"
    path.write_bytes(_pdf_page(b"q 100 0 0 100 0 0 cm 0.5 g 0 0 1 1 re f Q"))
    with pytest.raises(DocumentReadError, match="không có lớp văn bản"):
        extract_text(path)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("rong.txt", b"", "Tệp rỗng"),
        ("ngau-nhien.txt", os.urandom(4096), "không phải là văn bản"),
        ("cat-cut.docx", None, "bị hỏng hoặc không đầy đủ"),
        ("van-ban-that.docx", "Kế hoạch số 1/KH-UBND".encode(), "không phải tài liệu Word"),
        ("nen.pdf", b"PK\x03\x04" + b"\x00" * 100, "không phải tệp PDF"),
        ("hong.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog", "PDF"),
    ],
)
def test_bad_input_raises_one_error_with_a_vietnamese_message(
    tmp_path: Path, name: str, content: bytes | None, message: str
) -> None:
    path = tmp_path / name
    if content is None:
        full = tmp_path / "full.docx"
        _docx(full, ["Số: 1/KH-UBND"] * 200, ["ỦY BAN NHÂN DÂN"], ["ghi chú"])
        content = full.read_bytes()[: full.stat().st_size // 2]
    path.write_bytes(content)
    with pytest.raises(DocumentReadError, match=message):
        parse_file(path)


def test_oversized_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "lon.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    with pytest.raises(DocumentReadError, match="quá lớn"):
        extract_text(path)


def test_doc_without_libreoffice_or_broken_gives_a_message(tmp_path: Path) -> None:
    path = tmp_path / "cu.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    with pytest.raises(DocumentReadError):
        extract_text(path)


def test_cli_prints_message_and_exits_2_without_traceback(tmp_path: Path) -> None:
    path = tmp_path / "cat-cut.docx"
    path.write_bytes(b"PK\x03\x04broken")
    completed = subprocess.run(
        [sys.executable, "-m", "danvan.documents.parsing", str(path), "--json"],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[3],
        check=False,
    )
    assert completed.returncode == 2
    assert "Tệp Word (.docx) bị hỏng" in completed.stderr
    assert "Traceback" not in completed.stderr
    assert completed.stdout == ""


def test_cli_summary_is_in_vietnamese(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(SAMPLES / "cong-van-dang-uy-xa.txt")]) == 0
    out = capsys.readouterr().out
    assert "Số, ký hiệu:      87-CV/ĐU" in out
    assert "Loại văn bản:     Công văn" in out  # the type's name, not its symbol "CV"
    assert "Người ký:         Ma Văn Tuấn" in out
    assert "Văn bản được viện dẫn: 2" in out
