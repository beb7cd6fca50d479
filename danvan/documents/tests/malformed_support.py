"""Malformed document files, generated deterministically, for the importer's robustness tests."""

from __future__ import annotations

import io
import random
import struct
import zipfile
from collections.abc import Callable

SEED = 13
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
PARAGRAPHS = (
    "ỦY BAN NHÂN DÂN XÃ HÒA AN",
    "Số: 21/KH-UBND",
    "Hòa An, ngày 04 tháng 3 năm 2025",
    "KẾ HOẠCH",
    "Tuyên truyền Luật Thực hiện dân chủ ở cơ sở năm 2025",
    "Công chức Văn hóa - Xã hội chủ trì, báo cáo kết quả trước ngày 15/12/2025.",
)


def docx_xml(prolog: str = "") -> bytes:
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in PARAGRAPHS)
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{prolog}'
        f'<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>'
    ).encode()


def odt_xml(prolog: str = "") -> bytes:
    ns = 'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    ns += 'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
    body = "".join(f"<text:p>{p}</text:p>" for p in PARAGRAPHS)
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<office:document-content {ns}>'
        f"<office:body><office:text>{body}</office:text></office:body></office:document-content>"
    ).encode()


def zip_members(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def docx(document: bytes | None = None) -> bytes:
    return zip_members(
        {"[Content_Types].xml": b"<Types/>", "word/document.xml": document or docx_xml()}
    )


def odt(content: bytes | None = None) -> bytes:
    return zip_members(
        {
            "mimetype": b"application/vnd.oasis.opendocument.text",
            "content.xml": content or odt_xml(),
        }
    )


def pdf() -> bytes:
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


def flip(data: bytes, rng: random.Random, count: int, start: int = 0) -> bytes:
    out = bytearray(data)
    for _ in range(count):
        index = rng.randrange(start, len(out))
        out[index] = rng.randrange(256)
    return bytes(out)


def corrupt_deflate(data: bytes, rng: random.Random, member: str | None = None) -> bytes:
    """Damage the compressed bytes of `member` (default: the last deflated member, the
    document part in the archives written here), not the zip headers."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        deflated = [i for i in archive.infolist() if i.compress_type == zipfile.ZIP_DEFLATED]
    info = next(i for i in deflated if i.filename == member) if member else deflated[-1]
    header = info.header_offset
    name_len, extra_len = struct.unpack("<HH", data[header + 26 : header + 30])
    start = header + 30 + name_len + extra_len
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        out[start + rng.randrange(max(1, info.compress_size))] ^= rng.randrange(1, 256)
    return bytes(out)


def rename_members(data: bytes, rng: random.Random) -> bytes:
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


def set_method(data: bytes, method: int) -> bytes:
    out = bytearray(data)
    for signature, at in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):
        position = out.find(signature)
        while position != -1:
            out[position + at : position + at + 2] = struct.pack("<H", method)
            position = out.find(signature, position + 4)
    return bytes(out)


BOMB = (
    '<!DOCTYPE lolz [<!ENTITY lol "lollollollollollollollollollol">'
    '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
)


def bomb_anywhere(make: Callable[[str], bytes], padding: int) -> bytes:
    """An entity declaration placed after `padding` bytes of comment, past any head check."""
    return make(f"<!--{'x' * padding}-->" + BOMB).replace(b"Tuy\xc3\xaan", b"&lol3;Tuy\xc3\xaan")
