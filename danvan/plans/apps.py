from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "danvan.plans"
    label = "plans"
    verbose_name = _("Plans and tasks")

    def ready(self) -> None:
        from danvan.core.demo.registry import register_demo

        register_demo("plans", "danvan.plans.demo.seed_plans_demo", order=20)
        from danvan.outputs.templating import register_purpose

        register_purpose("plans.draft", _("Draft implementing plan of a unit"))
        register_purpose("plans.status", _("Plan with the status of its tasks"))
        from danvan.core.audit import register_audited

        from . import models, obligations, succession, tiles, usage  # noqa: F401

        register_audited(
            models.Plan,
            models.Task,
            models.TaskUpdate,
            models.TaskAttachment,
            models.Target,
            models.ReportingObligation,
            models.BudgetLine,
            models.ImplementationObligation,
        )
