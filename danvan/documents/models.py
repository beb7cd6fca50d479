"""The document registry (sổ văn bản): administrative documents and who cites whom."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.core.models import ScopedModel, TimestampedModel
from danvan.core.scoping import Action, ScopedQuerySet, scope_filter
from danvan.orgs.models import OrgUnit

from .doctypes import DocumentType

if TYPE_CHECKING:
    from danvan.core.scoping import AnyUser


class DocumentStatus(models.TextChoices):
    STUB = "stub", _("Known only from citations")
    DRAFT = "draft", _("Imported, awaiting review")
    CONFIRMED = "confirmed", _("Confirmed")


def stored_file_name(instance: Document, filename: str) -> str:
    """Files are named by their content hash, so the same file is stored once."""
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    digest = instance.sha256 or "unknown"
    return f"documents/{digest[:2]}/{digest}.{suffix}"


class DocumentQuerySet(ScopedQuerySet["Document"]):
    def visible_to(self, user: AnyUser, action: str = Action.VIEW) -> DocumentQuerySet:
        """Documents of the user's scope, and stubs cited by a document of that scope.

        A stub for a national decree belongs to the unit that first cited it, yet everyone who
        reads a document citing it must be able to open it; only stubs are shared this way.
        """
        own = scope_filter(self.model, user, action)
        if action != Action.VIEW or not own:
            return self.filter(own)
        cited_stubs = Citation.objects.filter(
            citing__in=Document.objects.filter(own).values("pk")
        ).values("cited_id")
        return self.filter(own | Q(status=DocumentStatus.STUB, pk__in=cited_stubs))

    def registered(self) -> DocumentQuerySet:
        """Documents with a file (drafts and confirmed), not stubs."""
        return self.exclude(status=DocumentStatus.STUB)


class Document(ScopedModel, TimestampedModel):
    """A document of the registry: a kế hoạch, quyết định, chỉ thị, công văn…

    Metadata follow the parts of a document set by Nghị định 30/2020/NĐ-CP (số, ký hiệu; địa
    danh, ngày ban hành; tên cơ quan ban hành; trích yếu; người ký). A stub is a document known
    only because another one cites it; importing it later fills the stub in.
    """

    scope_path_field = "owner__path"
    scope_unit_field = "owner_id"

    owner = models.ForeignKey(
        OrgUnit,
        verbose_name=_("owner unit"),
        on_delete=models.PROTECT,
        related_name="documents",
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=DocumentStatus.choices,
        default=DocumentStatus.DRAFT,
        db_index=True,
    )
    number = models.CharField(
        _("number and symbol"),
        max_length=100,
        blank=True,
        help_text=_("Số và ký hiệu, e.g. 767/KH-UBND or 451-CV/HU."),
    )
    number_key = models.CharField(max_length=100, blank=True, db_index=True, editable=False)
    doc_type = models.CharField(
        _("document type"), max_length=20, choices=DocumentType.choices, blank=True, db_index=True
    )
    issued_on = models.DateField(_("issued on"), null=True, blank=True, db_index=True)
    place = models.CharField(pgettext_lazy("document", "place"), max_length=120, blank=True)
    issuer = models.CharField(_("issuing body"), max_length=255, blank=True)
    signer = models.CharField(_("signed by"), max_length=150, blank=True)
    title = models.TextField(_("title (trích yếu)"), blank=True)

    file = models.FileField(_("original file"), upload_to=stored_file_name, blank=True)
    original_name = models.CharField(_("original file name"), max_length=255, blank=True)
    size = models.PositiveIntegerField(_("size in bytes"), default=0)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True, editable=False)
    text = models.TextField(_("extracted text"), blank=True, editable=False)
    parsed = models.JSONField(_("parsed structure"), default=dict, blank=True, editable=False)
    search_text = models.TextField(blank=True, editable=False)

    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["sha256"], condition=~Q(sha256=""), name="document_unique_file"
            )
        ]
        indexes = [models.Index(fields=["number_key", "doc_type"], name="document_match_idx")]

    def __str__(self) -> str:
        label = self.get_doc_type_display() if self.doc_type else _("Document")
        if self.number:
            return f"{label} {self.number}"
        return f"{label}: {self.title[:80]}" if self.title else str(label)

    @property
    def is_stub(self) -> bool:
        return self.status == DocumentStatus.STUB

    @property
    def sections(self) -> list[dict[str, Any]]:
        sections = self.parsed.get("sections") if isinstance(self.parsed, dict) else None
        return sections if isinstance(sections, list) else []


class CitationQuerySet(ScopedQuerySet["Citation"]):
    pass


class Citation(ScopedModel):
    """One document citing another ("Căn cứ Chỉ thị số 33/CT-TTg ngày 26/11/2021…")."""

    scope_path_field = "citing__owner__path"
    scope_unit_field = "citing__owner_id"

    citing = models.ForeignKey(
        Document,
        verbose_name=_("citing document"),
        on_delete=models.CASCADE,
        related_name="citations",
    )
    cited = models.ForeignKey(
        Document,
        verbose_name=_("cited document"),
        on_delete=models.CASCADE,
        related_name="cited_by_citations",
    )
    raw_text = models.TextField(_("citation as written"), blank=True)
    reference = models.JSONField(_("extracted reference"), default=dict, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    objects = CitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("citation")
        verbose_name_plural = _("citations")
        ordering = ["citing_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["citing", "cited"], name="citation_unique_pair")
        ]

    def __str__(self) -> str:
        return f"{self.citing} → {self.cited}"
