from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "danvan.reporting"
    label = "reporting"
    verbose_name = _("Periodic reporting")

    def ready(self) -> None:
        from danvan.core.demo.registry import register_demo

        # After the demo officials; last because its figures are read from the others.
        register_demo("reporting", "danvan.reporting.demo.seed_reporting", order=90)
        from danvan.outputs.templating import register_purpose

        register_purpose("reporting.consolidated", _("Consolidated report"))
        from danvan.core.audit import register_audited

        from . import obligations, tiles  # noqa: F401  (reminders; the reporting dashboard tile)
        from .models import (
            DataElement,
            FormSection,
            Indicator,
            NarrativeText,
            PeriodRule,
            ReportForm,
            Submission,
            ValidationRule,
        )
        from .services import access  # noqa: F401  (declares reporting.unlock_submission)

        register_audited(ReportForm, FormSection, DataElement, ValidationRule, Indicator)
        register_audited(PeriodRule, Submission, NarrativeText)
        from danvan.core import stamps

        # Period rules are read for every form and year a page lists (reporting.periods).
        stamps.watch(stamps.LEGAL, PeriodRule)
        # Data values are many and change together with their submission, whose version and
        # status changes are audited; values are audited through the submission's snapshot.
