"""Scanned PDFs: a one-page plan rendered as an image at 300 dpi is read by OCR and parsed."""

from __future__ import annotations

import difflib
import unicodedata
from pathlib import Path

import pytest

from danvan.documents.parsing import (
    DocumentReadError,
    ocr,
    ocr_available,
    parse_file,
    text_extraction,
)

PLAN = """ỦY BAN NHÂN DÂN
XÃ HÒA AN
Số: 21/KH-UBND
Hòa An, ngày 04 tháng 3 năm 2025
KẾ HOẠCH
Tuyên truyền Luật Thực hiện dân chủ ở cơ sở năm 2025
Thực hiện Kế hoạch số 35/KH-UBND ngày 10/02/2025 của Ủy ban nhân dân huyện,
Ủy ban nhân dân xã ban hành Kế hoạch tuyên truyền như sau:
1. Công chức Văn hóa - Xã hội chủ trì, phối hợp với Ủy ban Mặt trận Tổ quốc xã
tổ chức tuyên truyền tại các thôn, báo cáo kết quả trước ngày 15/12/2025.
2. Trưởng các thôn phổ biến Luật đến Nhân dân trong tháng 4/2025.
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Nông Văn Hùng"""

FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
)


def _font_path() -> str | None:
    return next((path for path in FONT_CANDIDATES if Path(path).is_file()), None)


def _scanned_pdf(path: Path, text: str, dpi: int = 300) -> None:
    """Draw `text` on an A4 page at `dpi` as a scanner would and save it as an image-only PDF."""
    from PIL import Image, ImageDraw, ImageFont

    font_path = _font_path()
    assert font_path is not None
    width, height = int(8.27 * dpi), int(11.69 * dpi)
    page = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(font_path, size=int(13 / 72 * dpi))
    y = int(0.8 * dpi)
    for line in text.splitlines():
        draw.text((int(0.8 * dpi), y), line, font=font, fill=0)
        y += int(font.size * 1.6)
    page.save(path, "PDF", resolution=float(dpi))


def character_accuracy(expected: str, read: str) -> float:
    """1 - edit distance / length, over the text with spaces squeezed (difflib's matching)."""
    a = " ".join(unicodedata.normalize("NFC", expected).split())
    b = " ".join(unicodedata.normalize("NFC", read).split())
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


needs_ocr = pytest.mark.skipif(
    not ocr_available() or _font_path() is None,
    reason="Tesseract with its Vietnamese model (tesseract-ocr-vie) or a Vietnamese font is absent",
)


@needs_ocr
def test_a_scanned_plan_is_read_by_ocr_with_its_particulars(tmp_path: Path) -> None:
    path = tmp_path / "ban-quet.pdf"
    _scanned_pdf(path, PLAN)
    extracted = text_extraction.read_document(path)
    accuracy = character_accuracy(PLAN, extracted.text)
    print(f"OCR character accuracy: {accuracy:.3f}")
    assert extracted.source == "ocr"
    assert accuracy >= 0.95

    result = parse_file(path)
    doc = result["doc"]
    print("OCR parsed:", doc)
    assert result["text_source"] == "ocr"
    assert doc["number"] == "21/KH-UBND"
    assert doc["type"] == "KH"
    assert doc["issued_on"] == "2025-03-04"
    assert doc["issuer"] == "Ủy ban nhân dân xã Hòa An"
    assert doc["title"] == "Tuyên truyền Luật Thực hiện dân chủ ở cơ sở năm 2025"
    assert doc["signer"] == "Nông Văn Hùng"


def test_without_tesseract_a_scan_gets_a_vietnamese_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("PIL")
    if _font_path() is None:
        pytest.skip("no font to draw the scan with")
    path = tmp_path / "ban-quet.pdf"
    _scanned_pdf(path, PLAN, dpi=100)
    monkeypatch.setattr(ocr.shutil, "which", lambda name: None)
    with pytest.raises(DocumentReadError, match="tesseract-ocr-vie"):
        parse_file(path)
