from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from danvan.core.admin import ScopedAdmin

from .models import Citation, Document
from .services import EDITABLE_FIELDS, delete_document, update_metadata


class CitationInline(admin.TabularInline):
    model = Citation
    fk_name = "citing"
    fields = ["cited", "raw_text"]
    readonly_fields = ["cited", "raw_text"]
    extra = 0
    can_delete = False


@admin.register(Document)
class DocumentAdmin(ScopedAdmin):
    """Back-office view of the registry; imports go through the registry pages or the CLI."""

    list_display = ["number", "doc_type", "issued_on", "title", "owner", "status"]
    list_filter = ["status", "doc_type"]
    search_fields = ["number", "title", "issuer"]
    list_select_related = ["owner"]
    fields = [*EDITABLE_FIELDS, "owner", "status", "original_name", "sha256", "file"]
    readonly_fields = ["owner", "status", "original_name", "sha256", "file"]
    inlines = [CitationInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Document, form: Any, change: bool) -> None:
        fields = {f: form.cleaned_data[f] for f in EDITABLE_FIELDS if f in form.cleaned_data}
        update_metadata(obj, actor=request.user, **fields)

    def delete_model(self, request: HttpRequest, obj: Document) -> None:
        delete_document(obj, actor=request.user)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for document in queryset:
            delete_document(document, actor=request.user)
