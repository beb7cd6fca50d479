"""Models of grassroots democracy, one module per concept."""

from .annual import YearEndMeeting
from .boards import (
    BoardFinding,
    BoardKind,
    BoardMember,
    CoordinationProgramme,
    InspectionPlan,
    PeopleBoard,
    VillageHeadTerm,
)
from .consultation import (
    AnswerKind,
    Comment,
    Consultation,
    ConsultationMatter,
    Moderation,
    Paragraph,
    Stance,
    StanceKind,
)
from .decisions import DecisionMethod, PeopleDecision, Tally, needed_votes
from .disclosure import Channel, Disclosure, DisclosureChannelUse
from .rules import DecisionMatter, DisclosureItem, DisclosureScope, LegalRule, Threshold, rule_value
from .supervision import (
    CritiqueAcceptance,
    RecommendationState,
    SocialCritique,
    SupervisionRecommendation,
    SupervisionRound,
)

__all__ = [
    "BoardFinding",
    "BoardKind",
    "BoardMember",
    "CoordinationProgramme",
    "InspectionPlan",
    "PeopleBoard",
    "VillageHeadTerm",
    "YearEndMeeting",
    "AnswerKind",
    "Channel",
    "Comment",
    "CritiqueAcceptance",
    "Consultation",
    "ConsultationMatter",
    "DecisionMatter",
    "DecisionMethod",
    "Disclosure",
    "DisclosureChannelUse",
    "DisclosureItem",
    "DisclosureScope",
    "LegalRule",
    "Moderation",
    "Paragraph",
    "PeopleDecision",
    "RecommendationState",
    "SocialCritique",
    "Stance",
    "StanceKind",
    "SupervisionRecommendation",
    "SupervisionRound",
    "Tally",
    "Threshold",
    "needed_votes",
    "rule_value",
]
