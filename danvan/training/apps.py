from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

#: The label of the module in the site navigation (core.context_processors.MODULES).
NAV_LABEL = _("Training")


class TrainingConfig(AppConfig):
    name = "danvan.training"
    label = "training"
    verbose_name = _("Training of officials")

    def ready(self) -> None:
        from danvan.core.audit import register_audited
        from danvan.core.demo.registry import register_demo

        from . import report_sources, tiles  # noqa: F401  (registries)
        from .models import Attendance, CitizenFacingPosition, TrainingClass

        register_demo("training", "danvan.training.demo.seed_training_demo", order=75)
        register_audited(TrainingClass, Attendance, CitizenFacingPosition)
