"""The one upload validator and the one way files are served (``core.uploads``)."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.test import override_settings

from danvan.core.errors import UserError
from danvan.core.uploads import (
    OCTET_STREAM,
    UploadPurpose,
    check_upload,
    content_disposition,
    download,
    serve_file,
    sniff,
    sniff_stored,
)

EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 16
JPG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 16
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64


def zip_of(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


DOCX = zip_of({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
XLSX = zip_of({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
ODT = zip_of({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})
ODS = zip_of({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"})
JAR = zip_of({"META-INF/MANIFEST.MF": b"Manifest-Version: 1.0\n"})

ALL = UploadPurpose(
    "test.all",
    exts=(".pdf", ".jpg", ".png", ".docx", ".xlsx", ".odt", ".ods", ".doc", ".xls", ".rtf", ".txt"),
    size_setting="TEST_UPLOAD_BYTES",
    noun="tệp thử",
)


@pytest.fixture(autouse=True)
def _limit():  # type: ignore[no-untyped-def]
    with override_settings(TEST_UPLOAD_BYTES=1024 * 1024):
        yield


@pytest.mark.parametrize(
    ("name", "data", "content_type"),
    [
        ("a.pdf", PDF, "application/pdf"),
        ("a.JPG", JPG, "image/jpeg"),
        ("a.png", PNG, "image/png"),
        ("a.docx", DOCX, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("a.xlsx", XLSX, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("a.odt", ODT, "application/vnd.oasis.opendocument.text"),
        ("a.ods", ODS, "application/vnd.oasis.opendocument.spreadsheet"),
        ("a.doc", OLE2, "application/msword"),
        ("a.xls", OLE2, "application/vnd.ms-excel"),
        ("a.rtf", b"{\\rtf1\\ansi Xin chao}", "application/rtf"),
        ("ghi-chú.txt", "Biên bản họp thôn".encode(), "text/plain; charset=utf-8"),
    ],
)
def test_a_file_whose_bytes_match_its_name_is_accepted(
    name: str, data: bytes, content_type: str
) -> None:
    checked = check_upload(ALL, "C:\\Users\\x\\" + name, io.BytesIO(data))
    assert checked.name == name
    assert checked.content_type == content_type
    assert checked.data == data and checked.size == len(data)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("bien-ban.pdf", EXE),  # a Windows executable renamed .pdf
        ("anh.jpg", EXE),
        ("anh.png", JPG),
        ("bao-cao.docx", JAR),  # a zip, but not a Word document
        ("bao-cao.docx", XLSX),
        ("bang.xlsx", DOCX),
        ("van-ban.odt", ODS),
        ("van-ban.doc", PDF),
        ("ghi-chu.txt", EXE),
        ("ghi-chu.txt", "Biên bản".encode("utf-16")),  # NUL bytes: not UTF-8 text
        ("ghi-chu.txt", "Biên".encode("cp1258")),
        ("bien-ban.pdf", b"PDF-1.4 almost"),
    ],
)
def test_a_file_whose_bytes_do_not_match_its_name_is_refused(name: str, data: bytes) -> None:
    with pytest.raises(UserError, match=f"Không nhận tệp thử «{name}»: nội dung không phải"):
        check_upload(ALL, name, io.BytesIO(data))


def test_extension_size_and_emptiness() -> None:
    with pytest.raises(UserError, match="định dạng không được chấp nhận; chỉ nhận tệp .pdf"):
        check_upload(ALL, "virus.exe", EXE)
    with pytest.raises(UserError, match="rỗng"):
        check_upload(ALL, "a.pdf", b"")
    with override_settings(TEST_UPLOAD_BYTES=20):
        with pytest.raises(UserError, match="«a.pdf» quá lớn: tối đa 20 byte"):
            check_upload(ALL, "a.pdf", io.BytesIO(PDF))
        stream = io.BytesIO(PDF)
        with pytest.raises(UserError, match="quá lớn"):
            check_upload(ALL, "a.pdf", stream)
        assert stream.tell() == 21  # read one byte past the limit, no more


def test_a_purpose_may_accept_more_contents_for_an_extension() -> None:
    registry = UploadPurpose(
        "test.registry",
        exts=(".doc", ".txt"),
        size_setting="TEST_UPLOAD_BYTES",
        also={".doc": ("rtf", "docx"), ".txt": ("legacy_text",)},
    )
    assert check_upload(registry, "cu.doc", b"{\\rtf1 x}").name == "cu.doc"
    assert check_upload(registry, "cu.txt", "Biên".encode("cp1258")).name == "cu.txt"
    with pytest.raises(UserError):
        check_upload(registry, "cu.txt", EXE)
    with pytest.raises(UserError):
        check_upload(registry, "cu.doc", EXE)


def test_a_purpose_names_only_extensions_it_can_sniff() -> None:
    with pytest.raises(ValueError, match=r"\.exe"):
        UploadPurpose("test.bad", exts=(".exe",), size_setting="TEST_UPLOAD_BYTES")


def test_sniffing() -> None:
    assert sniff(EXE) == set()
    assert sniff(PDF) == {"pdf"}
    assert sniff(OLE2) == {"doc", "xls"}
    assert sniff_stored(io.BytesIO(EXE)) == OCTET_STREAM
    assert sniff_stored(io.BytesIO(DOCX)).endswith("wordprocessingml.document")
    assert sniff_stored(io.BytesIO(b"{\\rtf1 x}")) == "application/rtf"
    assert sniff_stored(io.BytesIO(b"plain words")) == "text/plain; charset=utf-8"
    assert sniff_stored(io.BytesIO(OLE2)) == OCTET_STREAM  # Word or Excel: the bytes do not say


def test_served_files_are_downloads_with_their_type_and_no_sniffing() -> None:
    response = serve_file(io.BytesIO(EXE), filename="Biên bản.pdf")
    assert response["Content-Type"] == OCTET_STREAM
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == (
        "attachment; filename=\"Bien ban.pdf\"; filename*=UTF-8''Bi%C3%AAn%20b%E1%BA%A3n.pdf"
    )
    assert b"".join(response.streaming_content) == EXE  # type: ignore[arg-type]
    stored = serve_file(io.BytesIO(PDF), filename="x.pdf", content_type="application/pdf")
    assert stored["Content-Type"] == "application/pdf"
    built = download(XLSX, filename="thống-kê.xlsx", content_type="application/x-test")
    assert built["Content-Type"] == "application/x-test"
    assert built["X-Content-Type-Options"] == "nosniff"
    assert built["Content-Disposition"].startswith('attachment; filename="thong-ke.xlsx"')


def test_content_disposition_never_carries_a_path_or_breaks_the_header() -> None:
    header = content_disposition("../../etc/passwd\r\nX: 1")
    assert "\r" not in header and "\n" not in header
    assert 'filename="passwd__X: 1"' in header
    assert content_disposition("").startswith('attachment; filename="tep"')
