"""Damaged files of every kind the importer accepts: a clear Vietnamese message, never a traceback.

A few hundred malformed files are generated deterministically (truncated, corrupt deflate data,
bad member names, entity declarations anywhere in a part, garbage, empty, oversized) and each is
given to the CLI in this process: it must answer exit code 2 with a message, in bounded time.
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from danvan.documents.parsing import DocumentReadError, ocr, parse_file, text_extraction
from danvan.documents.parsing.cli import main

from .malformed_support import (
    BOMB,
    SEED,
    bomb_anywhere,
    corrupt_deflate,
    docx,
    docx_xml,
    flip,
    odt,
    odt_xml,
    pdf,
    rename_members,
    set_method,
    zip_members,
)


def _cases() -> Iterator[tuple[str, bytes]]:
    rng = random.Random(SEED)
    good_docx, good_odt, good_pdf = docx(), odt(), pdf()
    for kind, good in (("docx", good_docx), ("odt", good_odt)):
        for index in range(15):
            yield f"{kind}-truncated-{index}.{kind}", good[: rng.randrange(1, len(good) - 1)]
        for index in range(25):
            yield f"{kind}-deflate-{index}.{kind}", corrupt_deflate(good, rng)
        for index in range(20):
            yield f"{kind}-names-{index}.{kind}", rename_members(good, rng)
        for index in range(15):
            yield f"{kind}-flipped-{index}.{kind}", flip(good, rng, rng.randint(1, 40), 4)
        for method in (1, 6, 12, 14, 99):
            yield f"{kind}-method-{method}.{kind}", set_method(good, method)
        make = docx_xml if kind == "docx" else odt_xml
        wrap = docx if kind == "docx" else odt
        for padding in (0, 1_990, 5_000, 200_000):
            yield f"{kind}-bomb-{padding}.{kind}", wrap(bomb_anywhere(make, padding))
        utf16 = make(BOMB).decode().replace('encoding="UTF-8"', 'encoding="UTF-16"')
        yield f"{kind}-bomb-utf16.{kind}", wrap(utf16.encode("utf-16"))
        yield (
            f"{kind}-external-entity.{kind}",
            wrap(make('<!DOCTYPE d [<!ENTITY e SYSTEM "file:///etc/passwd">]>')),
        )
        yield f"{kind}-not-xml.{kind}", wrap(b"\x00\x01 not xml at all <<<")
        yield f"{kind}-deep.{kind}", wrap(b"<a>" * 200_000 + b"</a>" * 200_000)
        yield f"{kind}-empty-zip.{kind}", zip_members({})
        yield f"{kind}-garbage.{kind}", bytes(rng.randrange(256) for _ in range(3000))
        yield (
            f"{kind}-pk-garbage.{kind}",
            b"PK\x03\x04" + bytes(rng.randrange(256) for _ in range(3000)),
        )
        yield f"{kind}-empty.{kind}", b""
    for index in range(20):
        yield f"pdf-truncated-{index}.pdf", good_pdf[: rng.randrange(5, len(good_pdf) - 1)]
    for index in range(25):
        yield f"pdf-flipped-{index}.pdf", flip(good_pdf, rng, rng.randint(1, 30), 9)
    for index in range(10):
        yield (
            f"pdf-garbage-{index}.pdf",
            b"%PDF-1.7\n" + bytes(rng.randrange(256) for _ in range(rng.randrange(10, 5000))),
        )
    yield "pdf-loop.pdf", good_pdf.replace(b"/Kids [3 0 R]", b"/Kids [2 0 R]")
    yield "pdf-not-pdf.pdf", b"<html>not a pdf</html>"
    yield "pdf-empty.pdf", b""
    for index in range(10):
        yield f"doc-garbage-{index}.doc", bytes(rng.randrange(256) for _ in range(2000))
    yield "doc-is-docx-truncated.doc", good_docx[: len(good_docx) // 2]
    for index in range(15):
        yield f"txt-binary-{index}.txt", bytes(rng.randrange(256) for _ in range(4000))
    yield "txt-empty.txt", b""
    yield "txt-blank.txt", b" \n\t\r\n   "
    yield "txt-nul.txt", b"\x00" * 5000
    yield "txt-utf16-odd.txt", b"\xff\xfe" + "Kế hoạch".encode("utf-16-le") + b"\x00"
    yield "txt-bad-utf32.txt", b"\xff\xfe\x00\x00" + b"\x00\xd8\x00\x00" * 10
    yield "unknown-garbage.bin", bytes(rng.randrange(256) for _ in range(1000))
    yield "unknown-pdf-head.xyz", b"%PDF-" + bytes(rng.randrange(256) for _ in range(500))


def test_generated_malformed_files_get_a_message_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # A damaged PDF without a text layer would go on to OCR; what matters here is the reading.
    def no_ocr() -> str:
        raise DocumentReadError("Máy chưa cài Tesseract.")

    monkeypatch.setattr(ocr, "_tesseract_with_vietnamese", no_ocr)
    cases = list(_cases())
    assert len(cases) >= 250
    outcomes: dict[str, int] = {}
    slowest = (0.0, "")
    for name, data in cases:
        path = tmp_path / name
        path.write_bytes(data)
        started = time.perf_counter()
        code = main([str(path), "--json"])
        elapsed = time.perf_counter() - started
        slowest = max(slowest, (elapsed, name))
        captured = capsys.readouterr()
        outcomes[name] = code
        if code != 0:
            assert code == 2, name
            assert captured.err.startswith("Lỗi: "), (name, captured.err)
            assert "Traceback" not in captured.err
            assert "lỗi nội bộ" not in captured.err, (name, captured.err)
    # Some damage leaves a readable document (a flipped byte in a comment): that is fine,
    # but nearly every case must be refused.
    refused = sum(1 for code in outcomes.values() if code == 2)
    assert refused >= len(cases) * 0.8, outcomes
    assert slowest[0] < 10, slowest


@pytest.mark.parametrize("padding", [0, 5_000, 500_000])
def test_entity_declarations_are_refused_wherever_they_are(tmp_path: Path, padding: int) -> None:
    path = tmp_path / "bomb.docx"
    path.write_bytes(docx(bomb_anywhere(docx_xml, padding)))
    with pytest.raises(DocumentReadError, match="XML không hợp lệ"):
        parse_file(path)


def test_a_well_formed_odt_is_read_without_libreoffice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(text_extraction.shutil, "which", lambda name: None)
    path = tmp_path / "ke-hoach.odt"
    path.write_bytes(odt())
    result = parse_file(path)
    assert result["doc"]["number"] == "21/KH-UBND"
    assert result["doc"]["issued_on"] == "2025-03-04"
    assert result["text_source"] == "text"


def test_an_oversized_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(text_extraction.MAX_FILE_BYTES + 1)
    with pytest.raises(DocumentReadError, match="quá lớn"):
        parse_file(path)
