"""The registry over the API: list and search, detail with citations both ways, upload, confirm.

No ``from __future__ import annotations`` here: django-ninja resolves the annotations of
paginated views in the namespace of its own wrapper, where string annotations are not found.
"""

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext_lazy
from ninja import Field, File, Form, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile
from ninja.pagination import paginate

from danvan.core.api_types import Id, Pagination, model_text
from danvan.core.lists import filter_api, filter_schema
from danvan.core.scoping import Action, get_object_for_user
from danvan.orgs.models import OrgUnit

from .doctypes import DocumentType
from .filters import DocumentFilter
from .models import Document, DocumentStatus
from .services import (
    cited_by,
    cites,
    get_document_for_user,
    import_document,
    update_metadata,
)

router = Router(tags=["documents"])

_NO_PERMISSION = gettext_lazy("You may not enter or edit documents of this unit.")


class OwnerRef(Schema):
    id: int
    key: str
    name: str


class DocumentOut(Schema):
    id: int
    status: DocumentStatus
    number: str
    doc_type: str
    issued_on: dt.date | None
    place: str
    issuer: str
    signer: str
    title: str
    owner: OwnerRef
    original_name: str
    size: int
    sha256: str


class DocumentRef(Schema):
    id: int
    status: DocumentStatus
    number: str
    doc_type: str
    issued_on: dt.date | None
    issuer: str
    title: str


class CitationOut(Schema):
    raw_text: str
    number: str
    document: DocumentRef | None = Field(
        None, description="The cited registry entry, or null when the caller may not see it."
    )


class DocumentDetailOut(DocumentOut):
    parsed: dict[str, Any]
    cites: list[CitationOut]
    cited_by: list[DocumentRef]
    created: bool | None = Field(
        None, description="On upload: false when the same file was already registered."
    )
    message: str | None = None


class MetadataIn(Schema):
    number: model_text(Document, "number") | None = None  # type: ignore[valid-type]
    doc_type: DocumentType | None = None
    issued_on: dt.date | None = None
    place: model_text(Document, "place") | None = None  # type: ignore[valid-type]
    issuer: model_text(Document, "issuer") | None = None  # type: ignore[valid-type]
    signer: model_text(Document, "signer") | None = None  # type: ignore[valid-type]
    title: model_text(Document, "title") | None = None  # type: ignore[valid-type]
    confirm: bool = Field(False, description="Confirm the document after saving the fields.")


DocumentQuery = filter_schema(DocumentFilter)


def _detail(document: Document, request: HttpRequest, **extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        field: getattr(document, field)
        for field in DocumentOut.model_fields
        if field not in {"owner"}
    }
    data["owner"] = document.owner
    data["parsed"] = document.parsed or {}
    data["cites"] = [
        {"raw_text": c.raw_text, "number": c.cited.number, "document": target}
        for c, target in cites(document, request.user)
    ]
    data["cited_by"] = list(cited_by(document, request.user))
    data.update(extra)
    return data


@router.get("", response=list[DocumentOut], summary="Documents visible to the caller")
@paginate(Pagination)
def list_documents(request: HttpRequest, filters: Query[DocumentQuery]):  # type: ignore[no-untyped-def,valid-type]
    qs = Document.objects.visible_to(request.user).select_related("owner")
    return filter_api(DocumentFilter, filters, qs, request)


@router.get("/{document_id}", response=DocumentDetailOut, summary="One document, with citations")
def get_document(request: HttpRequest, document_id: Id) -> dict[str, Any]:
    document = get_document_for_user(
        request.user, queryset=Document.objects.select_related("owner"), pk=document_id
    )
    return _detail(document, request)


@router.post(
    "",
    response={200: DocumentDetailOut, 201: DocumentDetailOut},
    summary="Import a file into a unit's registry",
    description=(
        "Multipart: `file` (.docx, .pdf, .doc, .odt, .rtf, .txt) and `owner_id`. 201 with the new "
        "draft; 200 with the existing document when the same file is already registered; 400 "
        "with a Vietnamese `detail` when the file cannot be read."
    ),
)
def upload_document(
    request: HttpRequest, owner_id: Form[Id], file: File[UploadedFile]
) -> Status[dict[str, Any]]:
    owner = get_object_for_user(OrgUnit, request.user, pk=owner_id)
    try:
        result = import_document(file, filename=file.name or "", owner=owner, actor=request.user)
    except PermissionDenied:
        raise HttpError(403, str(_NO_PERMISSION)) from None
    status = 201 if result.created else 200
    return Status(
        status, _detail(result.document, request, created=result.created, message=result.message)
    )


@router.patch(
    "/{document_id}",
    response=DocumentDetailOut,
    summary="Correct the extracted metadata, and confirm with confirm=true",
)
def patch_document(request: HttpRequest, document_id: Id, payload: MetadataIn) -> dict[str, Any]:
    document = get_document_for_user(
        request.user, queryset=Document.objects.select_related("owner"), pk=document_id
    )
    if not Document.objects.visible_to(request.user, Action.CHANGE).filter(pk=document.pk).exists():
        raise HttpError(403, str(_NO_PERMISSION))
    fields = payload.dict(exclude_unset=True)
    confirm = bool(fields.pop("confirm", False))
    update_metadata(document, actor=request.user, confirm=confirm, **fields)
    return _detail(document, request)
