from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def mask_all(value: str) -> str:
    """Audit-log masking of a petitioner's identity: nothing of the value is kept."""
    return "***" if value else ""


class PetitionsConfig(AppConfig):
    name = "danvan.petitions"
    label = "petitions"
    verbose_name = _("Petitions")

    def ready(self) -> None:
        from danvan.core.demo.registry import register_demo

        register_demo("petitions", "danvan.petitions.demo.seed_petitions_demo", order=40)
        from danvan.core.audit import register_audited

        from . import (
            obligations,  # noqa: F401  (legal deadlines of steps: reminders)
            report_sources,  # noqa: F401  (registers the figures of periodic reports)
            succession,  # noqa: F401  (hands open cases over on merges)
        )
        from .casework.confidentiality import IDENTITY_FIELDS
        from .models import (
            Open311Key,
            Petition,
            PetitionAttachment,
            PetitionExtension,
            ReceptionEntry,
            ReceptionPlace,
            ReceptionRequirement,
            ReceptionSchedule,
            Topic,
        )

        # A file's name may carry a denouncer's name or identity number (Luật Tố cáo 2018,
        # Điều 47): the audit log keeps that a file was added, not what it was called.
        register_audited(
            PetitionAttachment,
            mask_fields=["original_name"],
            mask_callable="danvan.petitions.apps.mask_all",
        )
        register_audited(
            Topic,
            PetitionExtension,
            ReceptionPlace,
            ReceptionSchedule,
            ReceptionRequirement,
        )
        register_audited(Open311Key, exclude_fields=["key_hash"])
        register_audited(
            Petition,
            exclude_fields=["name_key", "address_key", "search_text"],
            mask_fields=list(IDENTITY_FIELDS),
            mask_callable="danvan.petitions.apps.mask_all",
        )
        register_audited(
            ReceptionEntry,
            mask_fields=["person_name", "id_document", "address", "representatives"],
            mask_callable="danvan.petitions.apps.mask_all",
        )
        from . import (
            portal_cards,  # noqa: F401  (the citizens' portal card)
            tiles,  # noqa: F401  (registers the dashboard tile)
        )
