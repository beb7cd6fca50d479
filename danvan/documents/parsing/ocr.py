"""Scanned PDFs: render each page and read it with Tesseract's Vietnamese model ('vie').

Tesseract (Debian packages tesseract-ocr and tesseract-ocr-vie) is called through pytesseract;
pages are rendered with pypdfium2.  Where either is missing the user gets a Vietnamese message,
as for LibreOffice.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from .models import DocumentReadError

MAX_OCR_PAGES = 30
OCR_DPI = 300
OCR_PAGE_TIMEOUT_SECONDS = 120
_NO_TESSERACT = (
    "Tệp PDF không có lớp văn bản (bản quét ảnh) và máy chưa cài phần mềm nhận dạng ký tự "
    "Tesseract{what}: không đọc được nội dung. Hãy cài các gói tesseract-ocr và "
    "tesseract-ocr-vie, hoặc dùng bản PDF có văn bản hay tệp Word."
)


def ocr_available() -> bool:
    """Whether Tesseract and its Vietnamese model are installed."""
    try:
        _tesseract_with_vietnamese()
    except DocumentReadError:
        return False
    return True


def _tesseract_with_vietnamese() -> str:
    tesseract = shutil.which("tesseract")
    if tesseract is None:
        raise DocumentReadError(_NO_TESSERACT.format(what=""))
    try:
        listed = subprocess.run(
            [tesseract, "--list-langs"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise DocumentReadError(_NO_TESSERACT.format(what="")) from exc
    languages = set((listed.stdout + listed.stderr).split())
    if "vie" not in languages:
        raise DocumentReadError(_NO_TESSERACT.format(what=" với dữ liệu tiếng Việt"))
    return tesseract


def ocr_pdf(path: Path, page_count: int) -> str:
    """Render each page at OCR_DPI and read it with Tesseract ('vie'), page by page."""
    tesseract = _tesseract_with_vietnamese()
    if page_count > MAX_OCR_PAGES:
        raise DocumentReadError(
            f"Bản quét PDF quá dài ({page_count} trang): chỉ nhận dạng tối đa {MAX_OCR_PAGES} "
            "trang."
        )
    import pypdfium2
    import pytesseract

    pytesseract.pytesseract.tesseract_cmd = tesseract
    texts: list[str] = []
    try:
        document = pypdfium2.PdfDocument(str(path))
        try:
            for index in range(min(len(document), MAX_OCR_PAGES)):
                page = document[index]
                image = page.render(scale=OCR_DPI / 72).to_pil()
                texts.append(
                    pytesseract.image_to_string(
                        image, lang="vie", config="--psm 4", timeout=OCR_PAGE_TIMEOUT_SECONDS
                    )
                )
                page.close()
        finally:
            document.close()
    except RuntimeError as exc:
        if "timeout" in str(exc).lower():
            raise DocumentReadError(
                "Nhận dạng ký tự bản quét PDF quá lâu: đã dừng. Hãy dùng bản có văn bản."
            ) from exc
        raise DocumentReadError("Tệp PDF bị hỏng: không nhận dạng được bản quét.") from exc
    except (pypdfium2.PdfiumError, pytesseract.TesseractError, OSError, ValueError) as exc:
        raise DocumentReadError("Tệp PDF bị hỏng: không nhận dạng được bản quét.") from exc
    text = "\n".join(texts)
    if sum(1 for c in text if c.isalpha()) < 20:
        raise DocumentReadError(
            "Tệp PDF không có lớp văn bản và nhận dạng ký tự (OCR) không đọc được chữ (ảnh mờ, "
            "trống hoặc không phải văn bản): hãy dùng bản quét rõ hơn, bản PDF có văn bản hoặc "
            "tệp Word."
        )
    return text
