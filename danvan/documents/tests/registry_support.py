"""Helpers of the registry tests: the sample documents and malformed files built on the fly."""

from __future__ import annotations

import io
from pathlib import Path
from random import Random
from typing import Any

from danvan.core.audit import SYSTEM
from danvan.documents.models import Document
from danvan.documents.services import ImportResult, import_path
from danvan.orgs.models import OrgUnit

from .malformed_support import (
    SEED,
    bomb_anywhere,
    corrupt_deflate,
    docx,
    docx_xml,
    odt,
    rename_members,
)

SAMPLES = Path(__file__).parent / "registry_samples"
PROVINCE_PLAN = SAMPLES / "ke-hoach-tinh.txt"  # 125/KH-UBND, cites 23-QĐ/TW and 12/CT-UBND
PROVINCE_DIRECTIVE = SAMPLES / "chi-thi-tinh.txt"  # 12/CT-UBND, cites 23-QĐ/TW
COMMUNE_PLAN = SAMPLES / "ke-hoach-xa.txt"  # 07/KH-UBND, cites 125/KH-UBND


def import_sample(path: Path, owner: OrgUnit, **kwargs: Any) -> ImportResult:
    kwargs.setdefault("actor", SYSTEM)
    return import_path(path, owner=owner, **kwargs)


def stored_files(media_root: Path) -> list[Path]:
    return [p for p in media_root.rglob("*") if p.is_file()]


def docx_bytes(text: str) -> bytes:
    from docx import Document as WordDocument

    word = WordDocument()
    for line in text.splitlines():
        word.add_paragraph(line)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def blank_pdf_bytes() -> bytes:
    """A PDF whose page has no text layer, like a scan."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def malformed_files() -> list[tuple[str, str, bytes]]:
    """(case id, file name, content) of files the registry must refuse."""
    full_docx = docx_bytes(PROVINCE_PLAN.read_text(encoding="utf-8"))
    random = bytes((i * 97 + 13) % 256 for i in range(4096))
    return [
        ("empty", "trong.docx", b""),
        ("random-bytes", "ngau-nhien.pdf", random),
        ("random-bytes-txt", "ngau-nhien.txt", random),
        ("truncated-docx", "cat-do.docx", full_docx[: len(full_docx) // 2]),
        ("image-only-pdf", "ban-quet.pdf", blank_pdf_bytes()),
        ("wrong-extension", "anh.png", b"\x89PNG\r\n\x1a\n" + random),
        (
            "corrupt-deflate-docx",
            "hong.docx",
            corrupt_deflate(full_docx, Random(SEED), "word/document.xml"),
        ),
        ("bad-member-names-docx", "ten-hong.docx", rename_members(full_docx, Random(SEED))),
        ("entity-bomb-deep-docx", "bom.docx", docx(bomb_anywhere(docx_xml, 50_000))),
        ("corrupt-deflate-odt", "hong.odt", corrupt_deflate(odt(), Random(SEED))),
    ]


MALFORMED_IDS = [case[0] for case in malformed_files()]


def temporary_media(settings: Any, tmp_path: Path) -> Path:
    """Point MEDIA_ROOT at an empty folder of the test (use from a ``media`` fixture)."""
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = root
    return root


def no_documents() -> bool:
    return not Document.objects.exists()
