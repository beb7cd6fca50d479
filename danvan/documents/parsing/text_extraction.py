"""Read the text of a document file: .txt, .docx, .pdf, and .doc/.odt through LibreOffice.

Every failure becomes a DocumentReadError with a Vietnamese message; limits on size, pages and
characters keep time and memory bounded whatever the input.
"""

from __future__ import annotations

import codecs
import logging
import re
import shutil
import subprocess
import tempfile
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from .legacy_encodings import repair_legacy_text, tcvn3_to_unicode, vietnamese_score, vni_to_unicode
from .models import DocumentReadError
from .ocr import ocr_pdf

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_CHARS = 1_000_000
MAX_PDF_PAGES = 500
MAX_DOCX_XML_BYTES = 60 * 1024 * 1024
CONVERT_TIMEOUT_SECONDS = 90

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

logging.getLogger("pypdf").setLevel(logging.ERROR)


@dataclass(frozen=True)
class ExtractedText:
    """The text of a document and how it was obtained: 'text' (a text layer or a text file)
    or 'ocr' (character recognition of a scanned PDF, to be checked by a person)."""

    text: str
    source: str = "text"


def extract_text(path: str | Path) -> str:
    """Return the Unicode (NFC) text of the document at `path` (see read_document)."""
    return read_document(path).text


def read_document(path: str | Path) -> ExtractedText:
    """Read the document at `path`: its Unicode (NFC) text and whether it came from OCR.

    Raises DocumentReadError, with a message for the user, when the file is missing, empty,
    too large, damaged, of another kind than its extension says, or has no text to read.
    Whatever the bytes, nothing else escapes: a reader's unexpected failure on a damaged file
    becomes the same kind of message.
    """
    try:
        return _read_document(Path(path))
    except DocumentReadError:
        raise
    except (MemoryError, RecursionError) as exc:
        raise DocumentReadError(
            "Tệp quá phức tạp hoặc bị hỏng: không đọc được nội dung trong giới hạn cho phép."
        ) from exc
    except Exception as exc:  # noqa: BLE001 - third-party readers on hostile input
        logging.getLogger(__name__).warning("unexpected failure reading %s", path, exc_info=True)
        raise DocumentReadError(
            "Tệp bị hỏng hoặc không đúng định dạng: không đọc được nội dung."
        ) from exc


def _read_document(path: Path) -> ExtractedText:
    if not path.exists():
        raise DocumentReadError(f"Không tìm thấy tệp: {path}")
    if not path.is_file():
        raise DocumentReadError(f"Đường dẫn không phải là một tệp: {path}")
    size = path.stat().st_size
    if size == 0:
        raise DocumentReadError("Tệp rỗng: không có nội dung để đọc.")
    if size > MAX_FILE_BYTES:
        raise DocumentReadError(
            f"Tệp quá lớn ({size / 1024 / 1024:.1f} MB): chỉ đọc tệp tối đa "
            f"{MAX_FILE_BYTES // 1024 // 1024} MB."
        )
    with path.open("rb") as handle:
        head = handle.read(8)
    suffix = path.suffix.lower()
    source = "text"
    if suffix == ".pdf" or (suffix not in _KNOWN_SUFFIXES and head.startswith(b"%PDF")):
        text, source = _read_pdf(path, head)
    elif suffix == ".docx":
        text = _read_docx(path, head)
    elif suffix == ".odt":
        text = _read_odt(path, head)
    elif suffix in (".doc", ".rtf"):
        text = _read_with_libreoffice(path, head, suffix)
    elif suffix in (".txt", ".text", ".md", ""):
        text = decode_text_bytes(path.read_bytes())
    else:
        text = _read_by_content(path, head)
    text = unicodedata.normalize("NFC", repair_legacy_text(text))
    if len(text) > MAX_CHARS:
        raise DocumentReadError(
            f"Văn bản quá dài ({len(text):,} ký tự): chỉ xử lý tối đa {MAX_CHARS:,} ký tự."
        )
    if not text.strip():
        raise DocumentReadError("Tệp không có nội dung văn bản để đọc.")
    return ExtractedText(text=text, source=source)


_KNOWN_SUFFIXES = (".docx", ".pdf", ".odt", ".doc", ".rtf", ".txt", ".text", ".md", "")


def _read_by_content(path: Path, head: bytes) -> str:
    """Unknown extension: go by the first bytes."""
    if head.startswith(b"PK"):
        return _read_docx(path, head)
    if head.startswith(_OLE_MAGIC):
        return _read_with_libreoffice(path, head, ".doc")
    return decode_text_bytes(path.read_bytes())


# --- plain text -----------------------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_text_bytes(data: bytes) -> str:
    """Decode the bytes of a text file: UTF-8/16/32 (with or without BOM), Windows-1258, TCVN3
    or VNI, whichever reads as Vietnamese.  Raises DocumentReadError for binary data."""
    if not data.strip():
        raise DocumentReadError("Tệp rỗng: không có nội dung để đọc.")
    text: str | None = None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise DocumentReadError(
                    "Tệp văn bản bị lỗi mã hóa: không giải mã được nội dung."
                ) from exc
            break
    if text is None:
        text = _decode_utf16_without_bom(data)
    if text is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _decode_legacy_8bit(data)
    text = unicodedata.normalize("NFC", text)
    if not _looks_like_text(text):
        raise DocumentReadError(
            "Tệp không phải là văn bản đọc được (có thể là tệp nhị phân hoặc bị hỏng)."
        )
    return text


def _decode_utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4000]
    if len(sample) < 4:
        return None
    zeros_even = sample[0::2].count(0) / (len(sample) / 2)
    zeros_odd = sample[1::2].count(0) / (len(sample) / 2)
    encoding = None
    if zeros_odd > 0.3 and zeros_even < 0.05:
        encoding = "utf-16-le"
    elif zeros_even > 0.3 and zeros_odd < 0.05:
        encoding = "utf-16-be"
    if encoding is None:
        return None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _decode_legacy_8bit(data: bytes) -> str:
    """Pick among Windows-1258, TCVN3 and VNI by how Vietnamese the result reads."""
    candidates: list[str] = []
    for encoding in ("cp1258", "cp1252"):
        try:
            decoded = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        candidates.append(unicodedata.normalize("NFC", decoded))
        if encoding == "cp1252":
            candidates.append(vni_to_unicode(decoded))
    latin1 = data.decode("latin-1")
    candidates.append(tcvn3_to_unicode(latin1))
    candidates.append(latin1)
    return max(candidates, key=vietnamese_score)


def _looks_like_text(text: str) -> bool:
    sample = text[:50000]
    if not sample.strip():
        return False
    bad = sum(
        1
        for c in sample
        if c == "\ufffd" or (unicodedata.category(c) in ("Cc", "Co", "Cn") and c not in "\n\r\t\f")
    )
    if bad / len(sample) > 0.01:
        return False
    visible = [c for c in sample if not c.isspace()]
    letters = sum(1 for c in visible if c.isalpha())
    return bool(visible) and letters / len(visible) > 0.5


# --- .docx ----------------------------------------------------------------------------------


def _read_docx(path: Path, head: bytes) -> str:
    if not head.startswith(b"PK"):
        raise DocumentReadError(
            f"Tệp có đuôi {path.suffix} nhưng không phải tài liệu Word (.docx) hợp lệ."
        )
    parts = _zip_parts(
        path, ("word/document.xml", "word/footnotes.xml"), "Word (.docx)", "word/document.xml"
    )
    try:
        lines = _docx_body_lines(parts["word/document.xml"])
        footnotes = parts.get("word/footnotes.xml")
        notes = _docx_footnotes(footnotes) if footnotes else []
    except (ElementTree.ParseError, ValueError, RecursionError) as exc:
        raise DocumentReadError("Tệp Word (.docx) bị hỏng: nội dung XML không hợp lệ.") from exc
    return "\n".join(lines + ([""] + notes if notes else []))


def _zip_parts(path: Path, wanted: tuple[str, ...], kind: str, required: str) -> dict[str, bytes]:
    """The members `wanted` of a zip package, read within MAX_DOCX_XML_BYTES.

    Any damage (truncated archive, corrupt deflate data, bad member names, encryption, a size
    that lies) is a DocumentReadError: a damaged upload must never become a traceback.
    """
    damaged = f"Tệp {kind} bị hỏng hoặc không đầy đủ: không đọc được nội dung."
    found: dict[str, bytes] = {}
    try:
        with zipfile.ZipFile(path) as archive:
            members = {info.filename: info for info in archive.infolist()}
            if required not in members:
                raise DocumentReadError(
                    f"Tệp nén không chứa tài liệu {kind}: thiếu phần {required}."
                )
            total = sum(info.file_size for info in members.values())
            if total > MAX_DOCX_XML_BYTES:
                raise DocumentReadError(f"Tài liệu {kind} quá lớn sau khi giải nén.")
            for name in wanted:
                info = members.get(name)
                if info is None:
                    continue
                if info.flag_bits & 0x1:
                    raise DocumentReadError(f"Tệp {kind} được mã hóa: không đọc được.")
                with archive.open(info) as member:
                    data = member.read(MAX_DOCX_XML_BYTES + 1)
                if len(data) > MAX_DOCX_XML_BYTES:
                    raise DocumentReadError(f"Tài liệu {kind} quá lớn sau khi giải nén.")
                found[name] = data
    except DocumentReadError:
        raise
    except RuntimeError as exc:  # encrypted members
        raise DocumentReadError(f"Tệp {kind} được mã hóa: không đọc được.") from exc
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        zlib.error,
        EOFError,
        OSError,
        KeyError,
        ValueError,  # bad member names and headers
        NotImplementedError,  # unknown compression methods
        IndexError,
        OverflowError,
        MemoryError,
    ) as exc:
        raise DocumentReadError(damaged) from exc
    return found


_DTD = re.compile(r"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)


def _parse_xml(xml: bytes) -> ElementTree.Element:
    """Parse a document part, refusing any DTD anywhere in it.

    Word and LibreOffice never write a DTD; refusing one rules out entity-expansion bombs and
    external entities wherever they are placed.  The part is scanned as text in the encoding it
    declares, so a UTF-16 part cannot hide its declarations from the check.
    """
    head = xml[:4]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in head:
        encoding = (
            "utf-16"
            if head[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
            else ("utf-16-le" if head[1:2] == b"\x00" else "utf-16-be")
        )
        text = xml.decode(encoding, errors="replace")
    else:
        text = xml.decode("utf-8", errors="replace")
    if _DTD.search(text):
        raise ElementTree.ParseError("DTD in document part")
    return ElementTree.fromstring(xml)


def _paragraph_text(paragraph: ElementTree.Element) -> str:
    parts: list[str] = []
    for node in paragraph.iter():
        tag = node.tag
        if tag == _W + "t" and node.text:
            parts.append(node.text)
        elif tag == _W + "tab":
            parts.append(" ")
        elif tag in (_W + "br", _W + "cr"):
            parts.append("\n")
        elif tag == _W + "footnoteReference":
            parts.append(f"[{node.get(_W + 'id')}]")
    return "".join(parts)


def _docx_body_lines(xml: bytes) -> list[str]:
    root = _parse_xml(xml)
    body = root.find(_W + "body")
    if body is None:
        return []
    lines: list[str] = []
    for child in body:
        if child.tag == _W + "p":
            lines.append(_paragraph_text(child))
        elif child.tag == _W + "tbl":
            # Each cell on lines of its own: agency blocks and signature blocks live in tables.
            for paragraph in child.iter(_W + "p"):
                lines.append(_paragraph_text(paragraph))
        elif child.tag == _W + "sdt":
            lines.extend(_paragraph_text(p) for p in child.iter(_W + "p"))
    return lines


def _docx_footnotes(xml: bytes) -> list[str]:
    root = _parse_xml(xml)
    notes = []
    for note in root.iter(_W + "footnote"):
        note_id = note.get(_W + "id")
        if note_id is None or int(note_id) <= 0:
            continue  # separators
        text = " ".join(_paragraph_text(p) for p in note.iter(_W + "p")).strip()
        if text:
            notes.append(f"[{note_id}] {text}")
    return notes


# --- .pdf -----------------------------------------------------------------------------------


def _read_pdf(path: Path, head: bytes) -> tuple[str, str]:
    """The text layer of a PDF, or, for a scanned PDF without one, the text OCR reads."""
    if not head.startswith(b"%PDF"):
        raise DocumentReadError(f"Tệp có đuôi {path.suffix} nhưng không phải tệp PDF hợp lệ.")
    from pypdf import PdfReader

    try:
        reader = PdfReader(str(path), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise DocumentReadError("Tệp PDF được đặt mật khẩu: không đọc được nội dung.")
        pages = reader.pages
        count = len(pages)
        if count > MAX_PDF_PAGES:
            raise DocumentReadError(
                f"Tệp PDF quá dài ({count} trang): chỉ đọc tối đa {MAX_PDF_PAGES} trang."
            )
        texts = []
        total = 0
        for page in pages:
            page_text = page.extract_text() or ""
            texts.append(page_text)
            total += len(page_text)
            if total > MAX_CHARS:
                break
    except DocumentReadError:
        raise
    except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds on damaged files
        raise DocumentReadError(
            "Tệp PDF bị hỏng hoặc không đầy đủ: không đọc được nội dung."
        ) from exc
    text = "\n".join(texts)
    if sum(1 for c in text if c.isalpha()) < 20:
        return ocr_pdf(path, count), "ocr"
    return text, "text"


# --- .odt -----------------------------------------------------------------------------------

_ODF_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


def _read_odt(path: Path, head: bytes) -> str:
    """Read an OpenDocument text directly from its content.xml (no LibreOffice needed)."""
    if not head.startswith(b"PK"):
        raise DocumentReadError("Tệp có đuôi .odt nhưng không phải tài liệu OpenDocument hợp lệ.")
    parts = _zip_parts(path, ("content.xml",), "OpenDocument (.odt)", "content.xml")
    try:
        root = _parse_xml(parts["content.xml"])
        lines: list[str] = []
        notes: list[str] = []
        _odt_walk(root, lines, notes)
    except (ElementTree.ParseError, ValueError, RecursionError) as exc:
        raise DocumentReadError(
            "Tệp OpenDocument (.odt) bị hỏng: nội dung XML không hợp lệ."
        ) from exc
    return "\n".join(lines + ([""] + notes if notes else []))


def _odt_walk(node: ElementTree.Element, lines: list[str], notes: list[str]) -> None:
    for child in node:
        if child.tag in (_ODF_TEXT + "p", _ODF_TEXT + "h"):
            lines.append(_odt_text(child, notes))
        else:
            _odt_walk(child, lines, notes)


def _odt_text(node: ElementTree.Element, notes: list[str]) -> str:
    parts = [node.text or ""]
    for child in node:
        tag = child.tag
        if tag == _ODF_TEXT + "s":
            parts.append(" " * min(int(child.get(_ODF_TEXT + "c", "1") or 1), 100))
        elif tag == _ODF_TEXT + "tab":
            parts.append(" ")
        elif tag == _ODF_TEXT + "line-break":
            parts.append("\n")
        elif tag == _ODF_TEXT + "note":
            citation = child.find(_ODF_TEXT + "note-citation")
            label = (citation.text or "").strip() if citation is not None else ""
            body = child.find(_ODF_TEXT + "note-body")
            if body is not None:
                text = " ".join(_odt_text(p, notes) for p in body.iter(_ODF_TEXT + "p")).strip()
                if text:
                    notes.append(f"[{label or len(notes) + 1}] {text}")
            parts.append(f"[{label}]" if label else "")
        else:
            parts.append(_odt_text(child, notes))
        parts.append(child.tail or "")
    return "".join(parts)


# --- .doc / .odt through LibreOffice --------------------------------------------------------


def _read_with_libreoffice(path: Path, head: bytes, suffix: str) -> str:
    if suffix == ".doc" and not head.startswith(_OLE_MAGIC):
        if head.startswith(b"PK"):
            return _read_docx(path, head)
        if head.startswith(b"{\\rtf"):
            suffix = ".rtf"
        else:
            raise DocumentReadError(
                "Tệp có đuôi .doc nhưng không phải tài liệu Word 97-2003 hợp lệ."
            )
    if suffix == ".odt" and not head.startswith(b"PK"):
        raise DocumentReadError("Tệp có đuôi .odt nhưng không phải tài liệu OpenDocument hợp lệ.")
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise DocumentReadError(
            f"Không đọc được tệp {suffix}: máy chưa cài LibreOffice (soffice). Hãy cài LibreOffice "
            "hoặc lưu văn bản sang .docx, .pdf hay .txt."
        )
    with tempfile.TemporaryDirectory(prefix="danvan-convert-") as workdir:
        command = [
            soffice,
            f"-env:UserInstallation=file://{workdir}/profile",
            "--headless",
            "--convert-to",
            "txt:Text (encoded):UTF8",
            "--outdir",
            workdir,
            str(path),
        ]
        try:
            subprocess.run(
                command, capture_output=True, timeout=CONVERT_TIMEOUT_SECONDS, check=False
            )
        except subprocess.TimeoutExpired as exc:
            raise DocumentReadError(
                f"Chuyển đổi tệp {suffix} bằng LibreOffice quá lâu: đã dừng."
            ) from exc
        except OSError as exc:
            raise DocumentReadError(f"Không chạy được LibreOffice để đọc tệp {suffix}.") from exc
        output = Path(workdir) / (path.stem + ".txt")
        if not output.exists():
            raise DocumentReadError(
                f"LibreOffice không chuyển được tệp {suffix}: tệp có thể bị hỏng."
            )
        return decode_text_bytes(output.read_bytes())
