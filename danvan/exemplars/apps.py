from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExemplarsConfig(AppConfig):
    name = "danvan.exemplars"
    label = "exemplars"
    verbose_name = _("«Dân vận khéo» models")

    def ready(self) -> None:
        from danvan.core.audit import register_audited
        from danvan.core.demo.registry import register_demo

        from . import (  # noqa: F401  (registries)
            obligations,
            portal_cards,  # noqa: F401  (the citizens' portal card)
            report_sources,
            tiles,
        )
        from .models import Commendation, ContestEntry, Criterion, EvidenceFile, Exemplar, Review

        register_demo("exemplars", "danvan.exemplars.demo.seed_exemplars_demo", order=70)
        register_audited(Exemplar, EvidenceFile, Review, Commendation, ContestEntry, Criterion)
