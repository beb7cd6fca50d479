from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PetitionsConfig(AppConfig):
    name = "danvan.petitions"
    label = "petitions"
    verbose_name = _("Petitions and legal deadlines")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from danvan.core.audit import register_audited

        from .deadlines.calendar import forget_calendar
        from .models import CalendarEntry, DeadlineRule

        register_audited(DeadlineRule, CalendarEntry)
        for signal in (post_save, post_delete):
            signal.connect(forget_calendar, sender=CalendarEntry, dispatch_uid=f"calendar-{signal}")
