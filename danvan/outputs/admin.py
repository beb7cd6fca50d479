"""Superusers replace the Word templates of documents here (national data)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from danvan.core.admin import NationalDataAdmin
from danvan.core.errors import UserError
from danvan.core.uploads import check_upload, download

from .models import OutputTemplate
from .nd30 import DOCX_MIME
from .services import save_template
from .templating import (
    PLACEHOLDERS,
    TEMPLATE_UPLOAD,
    check_template,
    packaged_default,
    purposes,
)


class OutputTemplateForm(forms.ModelForm):
    purpose = forms.ChoiceField(label=_("Document"))
    upload = forms.FileField(
        label=_("Word template (.docx)"),
        required=False,
        help_text=_(
            "Start from the packaged default (link above) and keep its placeholders: %(names)s."
        )
        % {"names": ", ".join(PLACEHOLDERS)},
    )

    class Meta:
        model = OutputTemplate
        fields = ["purpose", "name", "is_active", "basis", "note"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["purpose"].choices = [(p.code, p.label) for p in purposes()]  # type: ignore[attr-defined]
        self.fields["upload"].widget.attrs["accept"] = TEMPLATE_UPLOAD.accept
        if self.instance.pk is None:
            self.fields["upload"].required = True

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        upload = data.get("upload")
        if upload:
            # The same checks as the service, here so that the admin shows them on the form.
            try:
                checked = check_upload(TEMPLATE_UPLOAD, upload.name, upload)
                check_template(data.get("name") or upload.name, checked.data)
            except UserError as exc:
                self.add_error("upload", exc.message)
            upload.seek(0)
        return data


@admin.register(OutputTemplate)
class OutputTemplateAdmin(NationalDataAdmin):
    form = OutputTemplateForm
    list_display = ["name", "purpose_label", "is_active", "filename", "updated_at"]
    list_filter = ["is_active", "purpose"]
    readonly_fields = ["filename", "sha256", "created_at", "updated_at", "current_file"]

    @admin.display(description=_("Document"))
    def purpose_label(self, obj: OutputTemplate) -> str:
        return obj.purpose_label

    @admin.display(description=_("Current file"))
    def current_file(self, obj: OutputTemplate) -> str:
        if not obj.pk:
            return "—"
        url = reverse("admin:outputs_outputtemplate_file", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, obj.filename)

    def get_urls(self) -> list[Any]:
        return [
            path(
                "default.docx",
                self.admin_site.admin_view(self.default_file),
                name="outputs_outputtemplate_default",
            ),
            path(
                "<int:pk>/file.docx",
                self.admin_site.admin_view(self.stored_file),
                name="outputs_outputtemplate_file",
            ),
            *super().get_urls(),
        ]

    def default_file(self, request: HttpRequest) -> HttpResponse:
        if not self.has_view_permission(request):
            return HttpResponse(status=403)
        return download(packaged_default(), filename="mau-nd30.docx", content_type=DOCX_MIME)

    def stored_file(self, request: HttpRequest, pk: int) -> HttpResponse:
        row = OutputTemplate.objects.filter(pk=pk).first()
        if row is None or not self.has_view_permission(request, row):
            return HttpResponse(status=404)
        return download(bytes(row.content), filename=row.filename, content_type=DOCX_MIME)

    def changeform_view(self, request: HttpRequest, object_id: str | None = None,
                        form_url: str = "", extra_context: dict[str, Any] | None = None
                        ) -> HttpResponse:  # fmt: skip
        extra = {
            **(extra_context or {}),
            "subtitle": format_html(
                '<a href="{}">{}</a>',
                reverse("admin:outputs_outputtemplate_default"),
                _("Download the packaged default template (.docx)"),
            ),
        }
        return super().changeform_view(request, object_id, form_url, extra)

    def save_form(self, request: HttpRequest, form: Any, change: bool) -> Any:
        # The service checks the file and writes the row in save_model; here only the form.
        return form.save(commit=False)

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        upload = form.cleaned_data.get("upload")
        data = form.cleaned_data
        saved = save_template(
            obj if obj.pk else None,
            actor=request.user,
            purpose=data["purpose"],
            name=data["name"],
            basis=data["basis"],
            note=data.get("note", ""),
            is_active=data["is_active"],
            upload_name=upload.name if upload else "",
            upload=upload,
        )
        obj.pk = saved.pk
