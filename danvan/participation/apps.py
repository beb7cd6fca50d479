from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParticipationConfig(AppConfig):
    name = "danvan.participation"
    label = "participation"
    verbose_name = _("Grassroots democracy")

    def ready(self) -> None:
        from danvan.core.audit import register_audited
        from danvan.core.demo.registry import register_demo

        from . import (  # noqa: F401  (registrations)
            obligations,
            portal_cards,  # noqa: F401  (the citizens' portal card)
            report_sources,
            tiles,
        )
        from .models import (
            BoardFinding,
            BoardMember,
            Comment,
            Consultation,
            CoordinationProgramme,
            Disclosure,
            DisclosureChannelUse,
            InspectionPlan,
            Paragraph,
            PeopleBoard,
            PeopleDecision,
            SocialCritique,
            Stance,
            SupervisionRecommendation,
            SupervisionRound,
            VillageHeadTerm,
            YearEndMeeting,
        )

        register_demo(
            "participation", "danvan.participation.demo.seed_participation_demo", order=75
        )
        # The verified contact of a commenter is stored hashed; the audit log never shows it.
        register_audited(Comment, mask_fields=["contact_hash"])
        register_audited(Stance, mask_fields=["contact_hash"])
        register_audited(
            Consultation, Paragraph, Disclosure, DisclosureChannelUse, PeopleDecision,
            SupervisionRound, SupervisionRecommendation, SocialCritique, PeopleBoard, BoardMember,
            BoardFinding, InspectionPlan, VillageHeadTerm, CoordinationProgramme, YearEndMeeting,
        )  # fmt: skip
