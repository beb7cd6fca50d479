"""Parser of Vietnamese administrative documents (kế hoạch, quyết định, chỉ thị, công văn...).

A pure library: no database and no Django.  `parse_file(path)` reads .txt/.docx/.pdf (and
.doc/.odt through LibreOffice) and returns the structure described by
shared/schemas/parsed-document.schema.json; `parse_text(text)` does the same for text.
"""

from .models import DocumentReadError
from .pipeline import parse_file, parse_text
from .text_extraction import extract_text

__all__ = ["DocumentReadError", "extract_text", "parse_file", "parse_text"]
