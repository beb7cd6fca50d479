"""Parser of Vietnamese administrative documents (kế hoạch, quyết định, chỉ thị, công văn...).

A pure library: no database and no Django.  `parse_file(path)` reads .txt/.docx/.pdf (and
.doc/.odt through LibreOffice) and returns the structure described by
shared/schemas/parsed-document.schema.json; `parse_text(text)` does the same for text.
"""

from .models import DocumentReadError
from .ocr import ocr_available
from .pipeline import parse_file, parse_text
from .text_extraction import ExtractedText, extract_text, read_document

__all__ = [
    "DocumentReadError",
    "ExtractedText",
    "extract_text",
    "ocr_available",
    "parse_file",
    "parse_text",
    "read_document",
]
