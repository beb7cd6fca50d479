from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HotspotsConfig(AppConfig):
    name = "danvan.hotspots"
    label = "hotspots"
    verbose_name = _("Public opinion and hotspots")

    def ready(self) -> None:
        from danvan.core.demo.registry import register_demo

        register_demo("hotspots", "danvan.hotspots.demo.seed_hotspots_demo", order=60)
        from danvan.core.audit import register_audited

        from . import alerts, tiles  # noqa: F401  (the explicit permission; the dashboard tile)
        from .models import HotspotCase, HotspotRule, OpinionSignal

        register_audited(OpinionSignal, HotspotRule, HotspotCase)
