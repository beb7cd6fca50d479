from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeadlinesConfig(AppConfig):
    """Legal deadlines, the working calendar and legal thresholds (formerly in petitions).

    Used by petitions (complaint, denunciation and feedback periods, the crowd size) and next by
    disclosure durations and the 15-day answers of the grassroots-democracy law.
    """

    name = "danvan.deadlines"
    label = "deadlines"
    verbose_name = _("Legal deadlines and working calendar")

    def ready(self) -> None:
        from danvan.core import stamps
        from danvan.core.audit import register_audited

        from .models import CalendarEntry, DeadlineRule, Threshold

        register_audited(DeadlineRule, CalendarEntry, Threshold)
        # The engine keeps rules, calendar years and thresholds per process (core.stamps).
        stamps.watch(stamps.LEGAL, DeadlineRule, CalendarEntry, Threshold)
