from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DialoguesConfig(AppConfig):
    name = "danvan.dialogues"
    label = "dialogues"
    verbose_name = _("Dialogues with citizens")

    def ready(self) -> None:
        from danvan.core.demo.registry import register_demo

        register_demo("dialogues", "danvan.dialogues.demo.seed_dialogues_demo", order=50)
        from danvan.core.audit import register_audited

        from . import obligations, succession, tiles  # noqa: F401  (reminders, merge hand-over, tile)
        from .models import Conclusion, Dialogue, FollowUpAction, FollowUpUpdate, Participant

        register_audited(Dialogue, Participant, Conclusion, FollowUpUpdate)
        register_audited(FollowUpAction, m2m_fields={"supporting_units"})
