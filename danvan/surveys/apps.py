from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "danvan.surveys"
    label = "surveys"
    verbose_name = _("Satisfaction surveys")

    def ready(self) -> None:
        from danvan.core.audit import register_audited
        from danvan.core.demo.registry import register_demo

        from . import report_sources, tiles  # noqa: F401  (reporting figures, dashboard tile)
        from .models import (
            IndexFormula,
            Question,
            QuestionGroup,
            Questionnaire,
            SurveyTemplate,
        )

        register_demo("surveys", "danvan.surveys.demo.seed_surveys_demo", order=75)
        # Responses are citizens' anonymous answers: counted, never edited, so not audited row
        # by row; everything officials write is.
        register_audited(SurveyTemplate, IndexFormula, Questionnaire, QuestionGroup, Question)


# The module's name in the navigation (listed in core.context_processors.MODULES).
NAV_LABEL = _("Surveys")
