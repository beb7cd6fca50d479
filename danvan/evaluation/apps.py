from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EvaluationConfig(AppConfig):
    name = "danvan.evaluation"
    label = "evaluation"
    verbose_name = _("Evaluation and ranking of units")

    def ready(self) -> None:
        from danvan.core.audit import register_audited
        from danvan.core.demo.registry import register_demo

        from . import sources, tiles  # noqa: F401  (figures and drill-downs, dashboard tile)
        from .models import (
            Assessment,
            Band,
            BandCap,
            Criterion,
            CriterionGroup,
            Scheme,
            Score,
        )

        # After reporting (90): the evaluation reads every module's demo data.
        register_demo("evaluation", "danvan.evaluation.demo.seed_evaluation_demo", order=95)
        register_audited(Scheme, CriterionGroup, Criterion, Band, BandCap, Assessment, Score)


# The module's name in the navigation (listed in core.context_processors.MODULES).
NAV_LABEL = _("Evaluation")
