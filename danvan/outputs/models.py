"""Word templates an administrator uploads to replace the packaged layout of documents."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core.models import TimestampedModel

from .templating import label_of


class OutputTemplate(TimestampedModel):
    """A .docx template (docxtpl placeholders) for one kind of document, or for all of them.

    National data: the layout of administrative documents is fixed by Nghị định 30/2020/NĐ-CP
    (Phụ lục I); a province may still need its own fonts, logo or spacing, so a superuser
    uploads an edited copy of the packaged default here. Only one template per purpose is in
    use at a time; turning it off brings back the packaged default.
    """

    purpose = models.CharField(_("document"), max_length=60, db_index=True)
    name = models.CharField(_("name"), max_length=200)
    content = models.BinaryField(_("Word template (.docx)"), editable=False)
    filename = models.CharField(_("file name"), max_length=255, editable=False)
    sha256 = models.CharField(_("checksum"), max_length=64, editable=False)
    is_active = models.BooleanField(_("in use"), default=True)
    basis = models.CharField(
        _("legal basis"),
        max_length=300,
        default="Nghị định 30/2020/NĐ-CP, Phụ lục I",
        help_text=_("The text that fixes this layout."),
    )
    note = models.TextField(_("note"), blank=True)

    objects: models.Manager[OutputTemplate] = models.Manager()

    class Meta:
        verbose_name = _("Word template")
        verbose_name_plural = _("Word templates")
        ordering = ["purpose", "-is_active", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["purpose"],
                condition=models.Q(is_active=True),
                name="outputs_one_active_template_per_purpose",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({label_of(self.purpose)})"

    @property
    def purpose_label(self) -> str:
        return label_of(self.purpose)
