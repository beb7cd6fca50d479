from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from danvan.core.errors import UserError
from danvan.core.lists import listing, render_list
from danvan.core.scoping import Action, get_object_for_user, user_can
from danvan.core.uploads import serve_file

from .filters import DocumentFilter
from .forms import MetadataForm, UploadForm
from .models import Document
from .services import (
    EDITABLE_FIELDS,
    cited_by,
    cites,
    get_document_for_user,
    import_document,
    update_metadata,
)
from .usage import usages_for

PAGE_SIZE = 50


def _period_label(period: str) -> str:
    labels = {
        "monthly": _("Monthly"),
        "quarterly": _("Quarterly"),
        "semiannual": _("Six-monthly"),
        "nine_months": _("Nine-monthly"),
        "annual": _("Annual"),
        "ad_hoc": _("Ad hoc"),
    }
    return labels.get(period, period)


def _role_label(role: str) -> str:
    labels = {"lead": _("Lead"), "support": _("Support"), "all": _("All addressed")}
    return labels.get(role, role)


def _extracted(parsed: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The lists the parser found, ready for the review tables."""

    def rows(key: str) -> list[dict[str, Any]]:
        value = parsed.get(key) if isinstance(parsed, dict) else None
        return [r for r in value if isinstance(r, dict)] if isinstance(value, list) else []

    deadlines = []
    for row in rows("deadlines"):
        day, month, year = row.get("day"), row.get("month"), row.get("year")
        when = f"{day:02d}/{month:02d}" if isinstance(day, int) and isinstance(month, int) else ""
        deadlines.append({**row, "when": f"{when}/{year}" if when and year else when})
    return {
        "references": rows("references"),
        "deadlines": deadlines,
        "reporting": [
            {**r, "label": _period_label(str(r.get("period")))} for r in rows("reporting")
        ],
        "targets": rows("targets"),
        "assignments": [
            {**r, "role_label": _role_label(str(r.get("role")))} for r in rows("assignments")
        ],
    }


@login_required
def document_list(request: HttpRequest) -> HttpResponse:
    """The registry with search ("dan van kheo" finds "dân vận khéo") and filters."""
    documents = Document.objects.visible_to(request.user).select_related("owner")
    found = listing(request, DocumentFilter, documents, per_page=PAGE_SIZE)
    context = found.context(can_add=user_can(request.user, Document, Action.ADD))
    return render_list(request, "documents/list.html", "documents/_results.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    """Import a file: it becomes a draft that the official reviews before confirming."""
    if not user_can(request.user, Document, Action.ADD):
        raise PermissionDenied
    form = UploadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        uploaded = form.cleaned_data["file"]
        try:
            result = import_document(
                uploaded,
                filename=uploaded.name,
                owner=form.cleaned_data["owner"],
                actor=request.user,
            )
        except UserError as exc:
            form.add_error("file", exc.message)
        else:
            if result.created:
                messages.success(request, result.message)
                return redirect("documents:review", pk=result.document.pk)
            messages.info(request, result.message)
            return redirect("documents:detail", pk=result.document.pk)
    return render(request, "documents/upload.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, pk: int) -> HttpResponse:
    """Check and correct what was extracted; nothing is confirmed until "Confirm" is pressed."""
    document = get_object_for_user(
        Document.objects.select_related("owner"), request.user, Action.CHANGE, pk=pk
    )
    if document.is_stub:
        messages.info(request, _("Import the file of this document before reviewing it."))
        return redirect("documents:detail", pk=pk)
    initial = {field: getattr(document, field) for field in EDITABLE_FIELDS}
    form = MetadataForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        confirm = "confirm" in request.POST
        try:
            update_metadata(document, actor=request.user, confirm=confirm, **form.cleaned_data)
        except UserError as exc:
            form.add_error(None, exc.message)
        else:
            if confirm:
                messages.success(request, _("The document is confirmed."))
                return redirect("documents:detail", pk=pk)
            messages.success(request, _("Changes saved; the document is not confirmed yet."))
            return redirect("documents:review", pk=pk)
    context = {"document": document, "form": form, "extracted": _extracted(document.parsed)}
    return render(request, "documents/review.html", context)


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_document_for_user(
        request.user,
        queryset=Document.objects.select_related("owner", "imported_by", "confirmed_by"),
        pk=pk,
    )
    context = {
        "document": document,
        "cites": cites(document, request.user),
        "cited_by": cited_by(document, request.user),
        "usages": usages_for(request, document),
        "can_change": not document.is_stub
        and user_can(request.user, Document, Action.CHANGE, document),
        "extracted": _extracted(document.parsed),
    }
    return render(request, "documents/detail.html", context)


@login_required
def download(request: HttpRequest, pk: int) -> FileResponse:
    """The original file, to those who may see the document."""
    document = get_document_for_user(request.user, pk=pk)
    if not document.file:
        raise Http404
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return serve_file(handle, filename=document.original_name or document.file.name or "van-ban")
