"""The one way files come in and go out: checked uploads and safe downloads.

Every upload names an :class:`UploadPurpose` — declared once, in the module that owns it — with
the extensions it allows and the setting that caps its size. :func:`check_upload` refuses a file
whose extension is not allowed, which is empty or too large, or whose *bytes* are not what its
extension claims: the kind is sniffed from the content (magic numbers; for Office Open XML and
OpenDocument, a real zip with the members that make the format), never from the client's name
or ``Content-Type``. A Windows executable renamed ``.pdf`` starts with ``MZ``, not ``%PDF-``,
and is refused everywhere.

:func:`serve_file` is the one way a stored file leaves the platform: as a download
(``Content-Disposition: attachment`` with an RFC 5987 UTF-8 name and an ASCII fallback), with
its stored content type — or, for records that keep none, the type sniffed again from the stored
bytes, ``application/octet-stream`` when they match no known kind — and
``X-Content-Type-Options: nosniff``, so a browser never renders an upload as a page.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import unicodedata
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import IO, TYPE_CHECKING
from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse, HttpResponse
from django.http.response import HttpResponseBase
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from .errors import UserError

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

OCTET_STREAM = "application/octet-stream"
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = b"PK\x03\x04"
_UNICODE_BOMS = (b"\xff\xfe", b"\xfe\xff")
# Headers of executables and archives, never text whatever their bytes after.
_BINARY = (b"MZ", b"\x7fELF", b"PK", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe", b"#!")


@dataclass(frozen=True)
class FileKind:
    """A format: the extensions it goes by and the content type it is served with."""

    code: str
    exts: tuple[str, ...]
    content_type: str


KINDS: dict[str, FileKind] = {
    k.code: k
    for k in (
        FileKind("pdf", (".pdf",), "application/pdf"),
        FileKind("jpeg", (".jpg", ".jpeg"), "image/jpeg"),
        FileKind("png", (".png",), "image/png"),
        FileKind(
            "docx",
            (".docx",),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        FileKind(
            "xlsx", (".xlsx",), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        ),
        FileKind("odt", (".odt",), "application/vnd.oasis.opendocument.text"),
        FileKind("ods", (".ods",), "application/vnd.oasis.opendocument.spreadsheet"),
        # Word 97–2003 and Excel 97–2003 are both OLE2 compound files; which one it is lives
        # deep in the container, so the extension decides the type and the header the family.
        FileKind("doc", (".doc",), "application/msword"),
        FileKind("xls", (".xls",), "application/vnd.ms-excel"),
        FileKind("rtf", (".rtf",), "application/rtf"),
        FileKind("txt", (".txt",), "text/plain; charset=utf-8"),
    )
}
_BY_EXT = {ext: kind for kind in KINDS.values() for ext in kind.exts}
# The members that make a zip an Office Open XML document of each kind.
_OOXML_PART = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}
# OpenDocument: the first member, stored, is ``mimetype`` holding the media type.
_ODF_TYPE = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
}


def _sniff_zip(source: IO[bytes]) -> str | None:
    try:
        with zipfile.ZipFile(source) as archive:
            names = set(archive.namelist())
            if "[Content_Types].xml" in names:
                for code, part in _OOXML_PART.items():
                    if part in names:
                        return code
            if "mimetype" in names:
                return _ODF_TYPE.get(archive.read("mimetype").strip())
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, RuntimeError, EOFError):
        return None
    return None


def _is_utf8_text(data: bytes, complete: bool = True) -> bool:
    """Plain text: UTF-8 with no NUL. With ``complete`` false, ``data`` is the start of a longer
    file and a character cut at its end is not an error."""
    if b"\x00" in data:
        return False
    try:
        codecs.getincrementaldecoder("utf-8")().decode(data, final=complete)
    except UnicodeDecodeError:
        return False
    return True


def sniff(data: bytes) -> set[str]:
    """The kinds ``data`` (a whole file) can be, judged by its bytes alone."""
    return _sniff(data, io.BytesIO(data), complete=True)


def _sniff(sample: bytes, source: IO[bytes], *, complete: bool) -> set[str]:
    """Kinds of a file whose first bytes (all of them when ``complete``) are ``sample``;
    ``source`` is the whole file, read only to look inside a zip."""
    head = sample[:16]
    if head.startswith(b"%PDF-"):
        return {"pdf"}
    if head.startswith(b"\xff\xd8\xff"):
        return {"jpeg"}
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return {"png"}
    if head.startswith(_OLE2):
        return {"doc", "xls"}
    if head.startswith(_ZIP):
        code = _sniff_zip(source)
        return {code} if code else set()
    kinds = {"rtf"} if head.startswith(b"{\\rtf") else set()
    if _is_utf8_text(sample, complete):
        kinds.add("txt")
    if head.startswith(_UNICODE_BOMS) or (b"\x00" not in sample and not head.startswith(_BINARY)):
        # Text in a legacy encoding (TCVN3, VNI, Windows-1258) or UTF-16 with its BOM: only
        # purposes that name it accept it (the registry's parser decodes these).
        kinds.add("legacy_text")
    return kinds


def sniff_stored(handle: IO[bytes]) -> str:
    """The content type of a stored file by its bytes; ``application/octet-stream`` if unknown.

    For records that keep no type, and files stored before every upload was checked.
    ``handle`` must be seekable; it is left at its start.
    """
    handle.seek(0)
    sample = handle.read(64 * 1024)
    handle.seek(0)
    kinds = _sniff(sample, handle, complete=len(sample) < 64 * 1024) - {"legacy_text"}
    handle.seek(0)
    if len(kinds) > 1:
        # RTF is also 7-bit text; OLE2 is Word or Excel 97–2003 (the bytes do not say which).
        kinds -= {"txt"}
    if len(kinds) == 1:
        return KINDS[next(iter(kinds))].content_type
    return OCTET_STREAM


@dataclass(frozen=True)
class UploadPurpose:
    """What a file is for: the extensions allowed and the setting that caps its size.

    ``noun`` names the file in messages, through gettext so that it follows the site's language
    (``pgettext_lazy("upload", "minutes")``, «biên bản»…); ``size_setting`` is a
    setting declared in ``settings.py`` from the environment, read when a file is checked.
    """

    code: str
    exts: tuple[str, ...]
    size_setting: str
    noun: StrOrPromise = pgettext_lazy("upload", "file")
    #: Other contents an extension may hold for this purpose, e.g. the document registry's
    #: parser reads a ``.doc`` that is really RTF or .docx, and ``.txt`` in legacy encodings.
    also: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        unknown = [e for e in self.exts if e not in _BY_EXT]
        if unknown:
            raise ValueError(f"{self.code}: no sniffer for {', '.join(unknown)}")

    def accepts(self, suffix: str, kinds: set[str]) -> bool:
        allowed = {_BY_EXT[suffix].code, *self.also.get(suffix, ())}
        return bool(allowed & kinds)

    @property
    def max_bytes(self) -> int:
        return int(getattr(settings, self.size_setting))

    @property
    def accept(self) -> str:
        """The ``accept`` attribute of the file input."""
        return ",".join(self.exts)

    @property
    def allowed_text(self) -> str:
        return ", ".join(self.exts)


@dataclass(frozen=True)
class CheckedUpload:
    """A file that passed :func:`check_upload`: its bytes and what was learnt about them."""

    name: str
    data: bytes
    content_type: str
    sha256: str

    @property
    def size(self) -> int:
        return len(self.data)

    @property
    def suffix(self) -> str:
        return PurePath(self.name).suffix.lower()


def _megabytes(limit: int) -> str:
    mb = limit / 1024 / 1024
    return f"{mb:.0f} MB" if mb >= 1 else f"{limit} byte"


def check_upload(purpose: UploadPurpose, name: str, source: IO[bytes] | bytes) -> CheckedUpload:
    """Read and check one uploaded file for ``purpose``; :class:`UserError` when refused.

    ``source`` is a binary stream (an ``UploadedFile``, an open file) or the bytes. At most one
    byte more than the limit is read, so an oversized upload is refused without reading it all.
    """
    name = PurePath((name or "tep").replace("\\", "/")).name or "tep"
    suffix = PurePath(name).suffix.lower()
    if suffix not in purpose.exts:
        raise UserError(
            _(
                "Refused %(noun)s «%(name)s»: the format is not accepted; only "
                "%(allowed_text)s files are."
            )
            % {"noun": purpose.noun, "name": name, "allowed_text": purpose.allowed_text}
        )
    limit = purpose.max_bytes
    declared = None if isinstance(source, bytes | bytearray) else getattr(source, "size", None)
    # An UploadedFile knows its size: an oversized one is refused without reading it.
    if isinstance(declared, int) and declared > limit:
        data = b""
        too_big = True
    else:
        data = bytes(source) if isinstance(source, bytes | bytearray) else source.read(limit + 1)
        too_big = len(data) > limit
    if too_big:
        raise UserError(
            _("%(noun)s «%(name)s» is too large: at most %(limit)s.")
            % {"noun": capfirst(purpose.noun), "name": name, "limit": _megabytes(limit)}
        )
    if not data:
        raise UserError(
            _("%(noun)s «%(name)s» is empty.") % {"noun": capfirst(purpose.noun), "name": name}
        )
    kind = _BY_EXT[suffix]
    if not purpose.accepts(suffix, sniff(data)):
        raise UserError(
            _(
                "Refused %(noun)s «%(name)s»: its content is not a valid %(suffix)s "
                "file as its name says (the file was renamed or is damaged)."
            )
            % {"noun": purpose.noun, "name": name, "suffix": suffix}
        )
    return CheckedUpload(
        name=name,
        data=data,
        content_type=kind.content_type,
        sha256=hashlib.sha256(data).hexdigest(),
    )


def check_uploads(
    purpose: UploadPurpose, files: Iterable[tuple[str, IO[bytes] | bytes]]
) -> list[CheckedUpload]:
    """:func:`check_upload` for several files; all are checked before any is stored."""
    return [check_upload(purpose, name, source) for name, source in files]


# --- serving --------------------------------------------------------------------------------


def _ascii_fallback(name: str) -> str:
    """The file name for clients that ignore ``filename*``: Vietnamese letters without marks."""
    decomposed = unicodedata.normalize("NFD", name.replace("Đ", "D").replace("đ", "d"))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return "".join(ch if " " <= ch <= "~" and ch not in '"\\;' else "_" for ch in bare) or "tep"


def content_disposition(name: str) -> str:
    """``attachment`` with the original name: RFC 5987 UTF-8 form and an ASCII fallback."""
    name = PurePath((name or "").replace("\\", "/")).name or "tep"
    encoded = quote(name, safe="")
    return f"attachment; filename=\"{_ascii_fallback(name)}\"; filename*=UTF-8''{encoded}"


def _download_headers(response: HttpResponseBase, filename: str) -> None:
    response["Content-Disposition"] = content_disposition(filename)
    response["X-Content-Type-Options"] = "nosniff"
    # Officials' files and exports are not to be kept by shared caches or proxies.
    response["Cache-Control"] = "private, no-store"


def serve_file(handle: IO[bytes], *, filename: str, content_type: str = "") -> FileResponse:
    """A stored file as a download: its stored type (or the one sniffed from its bytes),
    ``attachment`` with a safe name, ``nosniff``; streamed from storage."""
    response = FileResponse(handle, content_type=content_type or sniff_stored(handle))
    _download_headers(response, filename)
    return response


def download(body: bytes, *, filename: str, content_type: str) -> HttpResponse:
    """A file the platform built in memory (an export) as a download, with the same headers."""
    response = HttpResponse(body, content_type=content_type)
    _download_headers(response, filename)
    return response


__all__ = [
    "KINDS",
    "CheckedUpload",
    "FileKind",
    "UploadPurpose",
    "check_upload",
    "check_uploads",
    "content_disposition",
    "download",
    "serve_file",
    "sniff",
    "sniff_stored",
]
