from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.orgs.fields import UnitChoiceField
from danvan.orgs.models import OrgUnit

from .doctypes import DocumentType
from .services import DOCUMENT_UPLOAD, units_for_import


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Document file"),
        help_text=_(
            "Word (.docx, .doc), PDF with a text layer, OpenDocument (.odt) or plain text."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": DOCUMENT_UPLOAD.accept}),
    )
    owner = UnitChoiceField(label=_("Registry of unit"), queryset=OrgUnit.objects.none())

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = units_for_import(user).order_by("path")
        self.fields["owner"].queryset = units  # type: ignore[attr-defined]
        home = getattr(user, "org_unit_id", None)
        if home and units.filter(pk=home).exists():
            self.fields["owner"].initial = home


class MetadataForm(forms.Form):
    """The extracted metadata, as the official corrects them before confirming."""

    number = forms.CharField(label=_("Number and symbol"), max_length=100, required=False)
    doc_type = forms.ChoiceField(
        label=_("Document type"),
        choices=[("", "—"), *DocumentType.choices],
        required=False,
    )
    issued_on = forms.DateField(
        label=_("Issued on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    place = forms.CharField(
        label=pgettext_lazy("document", "Place"), max_length=120, required=False
    )
    issuer = forms.CharField(label=_("Issuing body"), max_length=255, required=False)
    signer = forms.CharField(label=_("Signed by"), max_length=150, required=False)
    title = forms.CharField(
        label=_("Title (trích yếu)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
