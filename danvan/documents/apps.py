from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "danvan.documents"
    label = "documents"
    verbose_name = _("Document registry")

    def ready(self) -> None:
        from danvan.core.demo.registry import register_demo

        register_demo("documents", "danvan.documents.demo.import_demo_documents", order=10)
        from danvan.core.audit import register_audited

        from .models import Citation, Document

        # The extracted text and search copy are large and derived from the file: auditing
        # them would copy whole documents into the log without telling anyone anything.
        register_audited(Document, exclude_fields=["text", "search_text", "parsed"])
        register_audited(Citation)
