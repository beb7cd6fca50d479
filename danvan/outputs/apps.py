from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutputsConfig(AppConfig):
    name = "danvan.outputs"
    label = "outputs"
    verbose_name = _("Documents and exports")

    def ready(self) -> None:
        from danvan.core.audit import register_audited

        from .models import OutputTemplate

        # The template's bytes stay out of the audit trail (its checksum records the change).
        register_audited(OutputTemplate, exclude_fields=["content"])
