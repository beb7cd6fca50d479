from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

#: The label of the module in the site navigation (core.context_processors.MODULES).
NAV_LABEL = _("Inspections")


class InspectionsConfig(AppConfig):
    name = "danvan.inspections"
    label = "inspections"
    verbose_name = _("Inspections of dân vận work")

    def ready(self) -> None:
        from danvan.core.audit import register_audited
        from danvan.core.demo.registry import register_demo

        from . import obligations, report_sources, succession, tiles  # noqa: F401  (registries)
        from .models import Finding, FindingReport, InspectionPlan, InspectionRound, TeamMember

        register_demo("inspections", "danvan.inspections.demo.seed_inspections_demo", order=80)
        register_audited(InspectionPlan, Finding, FindingReport, TeamMember)
        register_audited(InspectionRound, m2m_fields={"units"})
