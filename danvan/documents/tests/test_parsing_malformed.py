"""Damaged files of every kind the importer accepts: a clear Vietnamese message, never a traceback.

A few hundred malformed files are generated deterministically (truncated, corrupt deflate data,
bad member names, entity declarations anywhere in a part, garbage, empty, oversized) and each is
given to the CLI in this process: it must answer exit code 2 with a message, in bounded time.
"""

from __future__ import annotations

import io
import random
import struct
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from danvan.documents.parsing import DocumentReadError, parse_file, text_extraction
from danvan.documents.parsing.cli import main

SEED = 13
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_PARAGRAPHS = (
    "ỦY BAN NHÂN DÂN XÃ HÒA AN",
    "Số: 21/KH-UBND",
    "Hòa An, ngày 04 tháng 3 năm 2025",
    "KẾ HOẠCH",
    "Tuyên truyền Luật Thực hiện dân chủ ở cơ sở năm 2025",
    "Công chức Văn hóa - Xã hội chủ trì, báo cáo kết quả trước ngày 15/12/2025.",
)


def _docx_xml(prolog: str = "") -> bytes:
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in _PARAGRAPHS)
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{prolog}'
        f'<w:document xmlns:w="{_W}"><w:body>{body}</w:body></w:document>'
    ).encode()


def _odt_xml(prolog: str = "") -> bytes:
    ns = 'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    ns += 'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
    body = "".join(f"<text:p>{p}</text:p>" for p in _PARAGRAPHS)
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<office:document-content {ns}>'
        f"<office:body><office:text>{body}</office:text></office:body></office:document-content>"
    ).encode()


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _docx(document: bytes | None = None) -> bytes:
    return _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": document or _docx_xml()})


def _odt(content: bytes | None = None) -> bytes:
    return _zip(
        {
            "mimetype": b"application/vnd.oasis.opendocument.text",
            "content.xml": content or _odt_xml(),
        }
    )


def _pdf() -> bytes:
    """A one-page PDF with a text layer, written by hand (offsets computed)."""
    stream = b"BT /F1 12 Tf 72 720 Td (So: 21/KH-UBND Ke hoach tuyen truyen nam 2025) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _flip(data: bytes, rng: random.Random, count: int, start: int = 0) -> bytes:
    out = bytearray(data)
    for _ in range(count):
        index = rng.randrange(start, len(out))
        out[index] = rng.randrange(256)
    return bytes(out)


def _corrupt_deflate(data: bytes, rng: random.Random) -> bytes:
    """Damage the compressed bytes of the first deflated member, not the zip headers."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        info = next(i for i in archive.infolist() if i.compress_type == zipfile.ZIP_DEFLATED)
    header = info.header_offset
    name_len, extra_len = struct.unpack("<HH", data[header + 26 : header + 30])
    start = header + 30 + name_len + extra_len
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        out[start + rng.randrange(max(1, info.compress_size))] = rng.randrange(256)
    return bytes(out)


def _rename_members(data: bytes, rng: random.Random) -> bytes:
    """Replace bytes of member names (local and central headers) with invalid UTF-8 and
    path tricks, and mark the names as UTF-8."""
    out = bytearray(data)
    bad = [b"\xff", b"\x00", b"/", b"\\", b".", b"\xc3"]
    for signature, name_at, flag_at in ((b"PK\x03\x04", 30, 6), (b"PK\x01\x02", 46, 8)):
        position = out.find(signature)
        while position != -1:
            length_at = position + (26 if signature == b"PK\x03\x04" else 28)
            (name_len,) = struct.unpack("<H", out[length_at : length_at + 2])
            flags = struct.unpack("<H", out[position + flag_at : position + flag_at + 2])[0]
            out[position + flag_at : position + flag_at + 2] = struct.pack("<H", flags | 0x800)
            for _ in range(rng.randint(1, 3)):
                if name_len:
                    out[position + name_at + rng.randrange(name_len)] = rng.choice(bad)[0]
            position = out.find(signature, position + 4)
    return bytes(out)


def _set_method(data: bytes, method: int) -> bytes:
    out = bytearray(data)
    for signature, at in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):
        position = out.find(signature)
        while position != -1:
            out[position + at : position + at + 2] = struct.pack("<H", method)
            position = out.find(signature, position + 4)
    return bytes(out)


_BOMB = (
    '<!DOCTYPE lolz [<!ENTITY lol "lollollollollollollollollollol">'
    '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
)


def _bomb_anywhere(make: Callable[[str], bytes], padding: int) -> bytes:
    """An entity declaration placed after `padding` bytes of comment, past any head check."""
    return make(f"<!--{'x' * padding}-->" + _BOMB).replace(b"Tuy\xc3\xaan", b"&lol3;Tuy\xc3\xaan")


def _cases() -> Iterator[tuple[str, bytes]]:
    rng = random.Random(SEED)
    docx, odt, pdf = _docx(), _odt(), _pdf()
    for kind, good in (("docx", docx), ("odt", odt)):
        for index in range(15):
            yield f"{kind}-truncated-{index}.{kind}", good[: rng.randrange(1, len(good) - 1)]
        for index in range(25):
            yield f"{kind}-deflate-{index}.{kind}", _corrupt_deflate(good, rng)
        for index in range(20):
            yield f"{kind}-names-{index}.{kind}", _rename_members(good, rng)
        for index in range(15):
            yield f"{kind}-flipped-{index}.{kind}", _flip(good, rng, rng.randint(1, 40), 4)
        for method in (1, 6, 12, 14, 99):
            yield f"{kind}-method-{method}.{kind}", _set_method(good, method)
        make = _docx_xml if kind == "docx" else _odt_xml
        wrap = _docx if kind == "docx" else _odt
        for padding in (0, 1_990, 5_000, 200_000):
            yield f"{kind}-bomb-{padding}.{kind}", wrap(_bomb_anywhere(make, padding))
        utf16 = make(_BOMB).decode().replace('encoding="UTF-8"', 'encoding="UTF-16"')
        yield f"{kind}-bomb-utf16.{kind}", wrap(utf16.encode("utf-16"))
        yield (
            f"{kind}-external-entity.{kind}",
            wrap(make('<!DOCTYPE d [<!ENTITY e SYSTEM "file:///etc/passwd">]>')),
        )
        yield f"{kind}-not-xml.{kind}", wrap(b"\x00\x01 not xml at all <<<")
        yield f"{kind}-deep.{kind}", wrap(b"<a>" * 200_000 + b"</a>" * 200_000)
        yield f"{kind}-empty-zip.{kind}", _zip({})
        yield f"{kind}-garbage.{kind}", bytes(rng.randrange(256) for _ in range(3000))
        yield (
            f"{kind}-pk-garbage.{kind}",
            b"PK\x03\x04" + bytes(rng.randrange(256) for _ in range(3000)),
        )
        yield f"{kind}-empty.{kind}", b""
    for index in range(20):
        yield f"pdf-truncated-{index}.pdf", pdf[: rng.randrange(5, len(pdf) - 1)]
    for index in range(25):
        yield f"pdf-flipped-{index}.pdf", _flip(pdf, rng, rng.randint(1, 30), 9)
    for index in range(10):
        yield (
            f"pdf-garbage-{index}.pdf",
            b"%PDF-1.7\n" + bytes(rng.randrange(256) for _ in range(rng.randrange(10, 5000))),
        )
    yield "pdf-loop.pdf", pdf.replace(b"/Kids [3 0 R]", b"/Kids [2 0 R]")
    yield "pdf-not-pdf.pdf", b"<html>not a pdf</html>"
    yield "pdf-empty.pdf", b""
    for index in range(10):
        yield f"doc-garbage-{index}.doc", bytes(rng.randrange(256) for _ in range(2000))
    yield "doc-is-docx-truncated.doc", docx[: len(docx) // 2]
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

    monkeypatch.setattr(text_extraction, "_tesseract_with_vietnamese", no_ocr)
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
    path.write_bytes(_docx(_bomb_anywhere(_docx_xml, padding)))
    with pytest.raises(DocumentReadError, match="XML không hợp lệ"):
        parse_file(path)


def test_a_well_formed_odt_is_read_without_libreoffice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(text_extraction.shutil, "which", lambda name: None)
    path = tmp_path / "ke-hoach.odt"
    path.write_bytes(_odt())
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
