"""Domain operations of the registry: import a file, review its metadata, confirm it.

Every write runs in one transaction and leaves audit entries; the file is stored in the default
storage (the upload directory or the object store) named by its SHA-256, so importing the same
file again finds the existing document.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from danvan.core.audit import acting_as
from danvan.core.errors import UserError
from danvan.core.scoping import (
    Action,
    get_object_for_user,
    holds_at,
    permission_name,
    units_where,
)
from danvan.core.uploads import UploadPurpose, check_upload
from danvan.orgs.models import OrgUnit

from .citations import absorb_stubs, link_citations, matching_stub, parse_iso_date
from .doctypes import DocumentType, clean_number, normalise_type, number_key
from .models import Document, DocumentStatus, stored_file_name
from .parsing import DocumentReadError, parse_text, read_document
from .search import index_document, search_text_for, unindex_document

# An administrative document: the formats the parser reads.
DOCUMENT_UPLOAD = UploadPurpose(
    "documents.document",
    exts=(".docx", ".pdf", ".doc", ".odt", ".rtf", ".txt"),
    size_setting="DOCUMENTS_MAX_UPLOAD_BYTES",
    noun=pgettext_lazy("upload", "document"),
    # The parser reads a ``.doc`` saved as RTF or .docx, and text in legacy Vietnamese encodings.
    also={".doc": ("docx", "rtf"), ".txt": ("legacy_text",)},
)
EDITABLE_FIELDS = ("number", "doc_type", "issued_on", "place", "issuer", "signer", "title")


@dataclass
class ImportResult:
    document: Document
    created: bool
    message: str


# --- permissions ----------------------------------------------------------------------------


def units_for_import(user: Any) -> QuerySet[OrgUnit]:
    """The current units into whose registry ``user`` may import documents."""
    return units_where(user, permission_name(Document, Action.ADD))


def can_add_document(user: Any, unit: OrgUnit) -> bool:
    """Whether ``user`` holds ``documents.add_document`` at ``unit``."""
    return holds_at(user, permission_name(Document, Action.ADD), unit)


def get_document_for_user(
    user: Any, action: str = Action.VIEW, queryset: QuerySet[Document] | None = None, **lookup: Any
) -> Document:
    """The document matching ``lookup`` if ``user`` may ``action`` it, otherwise 404.

    Like :func:`get_object_for_user`, but reading goes through :meth:`DocumentQuerySet.visible_to`
    so that stubs open for whoever sees a document citing them.
    """
    qs = queryset if queryset is not None else Document.objects.all()
    if action != Action.VIEW:
        return get_object_for_user(qs, user, action, **lookup)
    try:
        return qs.visible_to(user).get(**lookup)  # type: ignore[attr-defined,no-any-return]
    except (Document.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


# --- import ---------------------------------------------------------------------------------


def _metadata(meta: dict[str, Any]) -> dict[str, Any]:
    """Registry fields from the parser's ``doc`` object (values it could not find stay empty)."""
    number = clean_number(meta.get("number"))[:100]

    def text(key: str, limit: int) -> str:
        value = meta.get(key)
        return value.strip()[:limit] if isinstance(value, str) else ""

    return {
        "number": number,
        "doc_type": normalise_type(meta.get("type"), number),
        "issued_on": parse_iso_date(meta.get("issued_on")),
        "place": text("place", 120),
        "issuer": text("issuer", 255),
        "signer": text("signer", 150),
        "title": text("title", 5000),
    }


def _existing(digest: str, actor: Any) -> ImportResult | None:
    existing = Document.objects.filter(sha256=digest).first()
    if existing is None:
        return None
    if not Document.objects.visible_to(actor).filter(pk=existing.pk).exists():
        raise UserError(
            _(
                "Another unit has already entered this file in the document register; "
                "it cannot be entered again."
            )
        )
    return ImportResult(
        existing,
        False,
        _("This file is already in the document register (%(existing)s); no duplicate is made.")
        % {"existing": existing},
    )


def import_document(
    source: IO[bytes],
    *,
    filename: str,
    owner: OrgUnit,
    actor: Any,
    confirm: bool = False,
) -> ImportResult:
    """Import one file into ``owner``'s registry: store it, extract its text and structure.

    The metadata found by the parser are kept as a draft for the official to review, unless
    ``confirm`` is set (imports of known-good documents). A stub that stands for the document
    is filled in; the documents it cites are linked, as stubs when not yet registered. The same
    file (same SHA-256) imported again returns the existing document. Malformed files raise
    :class:`UserError` with a Vietnamese message and leave nothing behind.
    """
    checked = check_upload(DOCUMENT_UPLOAD, filename, source)
    if not can_add_document(actor, owner):
        raise PermissionDenied
    digest, size = checked.sha256, checked.size
    with tempfile.TemporaryDirectory(prefix="danvan-import-") as workdir:
        # The parser reads files by path (LibreOffice, pdftotext for some formats).
        path = Path(workdir) / f"upload{checked.suffix}"
        path.write_bytes(checked.data)
        existing = _existing(digest, actor)
        if existing is not None:
            return existing
        try:
            extracted = read_document(path)
            text = extracted.text
            parsed = parse_text(text)
        except DocumentReadError as exc:
            raise UserError(str(exc)) from None
        parsed["text_source"] = extracted.source
        try:
            return _store(
                path,
                digest=digest,
                size=size,
                filename=checked.name[:255],
                text=text,
                parsed=parsed,
                owner=owner,
                actor=actor,
                confirm=confirm,
            )
        except IntegrityError:
            # The same file imported at the same moment by someone else: theirs stands.
            existing = _existing(digest, actor)
            if existing is None:
                raise
            return existing


def import_path(path: str | Path, *, actor: Any, **kwargs: Any) -> ImportResult:
    """:func:`import_document` for a file on disk."""
    path = Path(path)
    if not path.is_file():
        raise UserError(_("File not found: %(path)s") % {"path": path})
    with path.open("rb") as handle:
        return import_document(handle, filename=path.name, actor=actor, **kwargs)


def _store(
    path: Path,
    *,
    digest: str,
    size: int,
    filename: str,
    text: str,
    parsed: dict[str, Any],
    owner: OrgUnit,
    actor: Any,
    confirm: bool,
) -> ImportResult:
    fields = _metadata(parsed.get("doc") or {})
    stored_name: str | None = None
    try:
        with transaction.atomic(), acting_as(actor):
            document = (
                matching_stub(fields["number"], fields["doc_type"], fields["issued_on"])
                or Document()
            )
            filled_stub = document.pk is not None
            for field, value in fields.items():
                setattr(document, field, value)
            document.owner = owner
            document.status = DocumentStatus.DRAFT
            document.number_key = number_key(document.number)
            document.sha256 = digest
            document.size = size
            document.original_name = filename
            document.text = text
            document.parsed = parsed
            document.imported_by = actor if getattr(actor, "pk", None) else None
            document.search_text = search_text_for(document)
            name = stored_file_name(document, filename)
            if default_storage.exists(name):
                # Left by an import whose transaction was rolled back: same hash, same bytes.
                document.file.name = name
            else:
                with path.open("rb") as handle:
                    stored_name = default_storage.save(name, File(handle))
                document.file.name = stored_name
            document.save()
            index_document(document)
            absorb_stubs(document)
            link_citations(document, parsed.get("references") or [])
            if confirm:
                _confirm(document, actor)
    except BaseException:
        if stored_name:
            default_storage.delete(stored_name)
        raise
    message = (
        _("Imported %(document)s and filled in the entry that other documents already cite.")
        if filled_stub
        else _("Imported %(document)s.")
    ) % {"document": document}
    return ImportResult(document, True, message)


# --- review and confirmation ----------------------------------------------------------------


def _clean_fields(fields: dict[str, Any]) -> dict[str, Any]:
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise UserError(
            _("These fields cannot be edited: %(fields)s.") % {"fields": ", ".join(sorted(unknown))}
        )
    cleaned: dict[str, Any] = {}
    for field, value in fields.items():
        if field == "issued_on":
            if value in (None, ""):
                cleaned[field] = None
            elif isinstance(value, dt.date):
                cleaned[field] = value
            else:
                parsed = parse_iso_date(value)
                if parsed is None:
                    raise UserError(
                        _("The issue date «%(value)s» is not valid (use YYYY-MM-DD).")
                        % {"value": value}
                    )
                cleaned[field] = parsed
        elif field == "doc_type":
            value = value or ""
            if value and value not in DocumentType.values:
                raise UserError(_("The document type «%(value)s» is not valid.") % {"value": value})
            cleaned[field] = value
        elif field == "number":
            cleaned[field] = clean_number(value)[:100]
        else:
            cleaned[field] = (value or "").strip()
    return cleaned


def _confirm(document: Document, actor: Any) -> None:
    document.status = DocumentStatus.CONFIRMED
    document.confirmed_by = actor if getattr(actor, "pk", None) else None
    document.confirmed_at = timezone.now()
    document.save(update_fields=["status", "confirmed_by", "confirmed_at", "updated_at"])


def update_metadata(
    document: Document, *, actor: Any, confirm: bool = False, **fields: Any
) -> Document:
    """Save the official's corrections of the extracted metadata; ``confirm`` also confirms.

    Nothing is confirmed until the official asks for it. A corrected number may reveal that
    stubs created from citations stand for this document; they are merged into it.
    """
    if document.is_stub:
        raise UserError(
            _(
                "This document is so far only known from citations: import the "
                "document's file before editing or confirming it."
            )
        )
    cleaned = _clean_fields(fields)
    if confirm and not (cleaned.get("title", document.title) or "").strip():
        raise UserError(_("Write the document's abstract before confirming it."))
    with transaction.atomic(), acting_as(actor):
        for field, value in cleaned.items():
            setattr(document, field, value)
        if "number" in cleaned and not cleaned.get("doc_type", document.doc_type):
            document.doc_type = normalise_type(None, document.number)
        document.number_key = number_key(document.number)
        document.search_text = search_text_for(document)
        document.save()
        index_document(document)
        absorb_stubs(document)
        if confirm:
            _confirm(document, actor)
    return document


def confirm_document(document: Document, *, actor: Any, **fields: Any) -> Document:
    """Confirm a reviewed document, with any last corrections."""
    return update_metadata(document, actor=actor, confirm=True, **fields)


def delete_document(document: Document, *, actor: Any) -> None:
    """Remove a document; stubs it alone cited go with it. The stored file is kept until then."""
    file_name = document.file.name
    with transaction.atomic(), acting_as(actor):
        orphans = [
            c.cited
            for c in document.citations.select_related("cited")
            if c.cited.is_stub and c.cited.cited_by_citations.count() == 1
        ]
        pks = [document.pk, *(s.pk for s in orphans)]
        for stub in orphans:
            stub.delete()
        document.delete()
        for pk in pks:
            unindex_document(pk)
        if file_name:
            transaction.on_commit(lambda: default_storage.delete(file_name))


def cited_by(document: Document, user: Any) -> QuerySet[Document]:
    """The documents citing ``document`` that ``user`` may see."""
    return (
        Document.objects.visible_to(user)
        .filter(citations__cited=document)
        .select_related("owner")
        .distinct()
        .order_by("-issued_on", "-id")
    )


def cites(document: Document, user: Any) -> list[tuple[Any, Document | None]]:
    """What ``document`` cites: each citation with its target, or None where hidden."""
    citations = list(document.citations.select_related("cited").order_by("position", "id"))
    visible = set(
        Document.objects.visible_to(user)
        .filter(pk__in=[c.cited_id for c in citations])
        .values_list("pk", flat=True)
    )
    return [(c, c.cited if c.cited_id in visible else None) for c in citations]
