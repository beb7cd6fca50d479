"""Grassroots democracy in the permission matrix: leaders and officers write; others read.

The Front's supervisors add supervision rounds and recommendations (``add_supervision*`` in
their default role) but do not change them; the matrix's "write" is ``change``.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import models

from danvan.accounts.models import RoleCode
from danvan.orgs.models import OrgUnit

from ..models import (
    BoardFinding,
    BoardMember,
    Comment,
    Consultation,
    CoordinationProgramme,
    DecisionMatter,
    Disclosure,
    DisclosureChannelUse,
    DisclosureItem,
    InspectionPlan,
    LegalRule,
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
from .support import (
    make_board,
    make_comment,
    make_consultation,
    make_critique,
    make_decision,
    make_disclosure,
    make_finding,
    make_head_term,
    make_inspection_plan,
    make_member,
    make_programme,
    make_recommendation,
    make_round,
    make_stance,
    make_year_end_meeting,
)

CASES: dict[type[models.Model], Callable[[OrgUnit], models.Model]] = {
    Disclosure: make_disclosure,
    DisclosureChannelUse: lambda unit: make_disclosure(unit).channels.get(),
    Consultation: make_consultation,
    Paragraph: lambda unit: make_consultation(unit).paragraphs.get(position=2),
    Comment: make_comment,
    Stance: make_stance,
    PeopleDecision: make_decision,
    SupervisionRound: make_round,
    SupervisionRecommendation: make_recommendation,
    PeopleBoard: make_board,
    BoardMember: make_member,
    BoardFinding: make_finding,
    CoordinationProgramme: make_programme,
    SocialCritique: make_critique,
    InspectionPlan: make_inspection_plan,
    VillageHeadTerm: make_head_term,
    YearEndMeeting: make_year_end_meeting,
}

_MODELS = list(CASES)
_WRITERS = {RoleCode.SYSTEM_ADMIN, RoleCode.LEADER, RoleCode.OFFICER}
EXPECTED: dict[str, dict[type[models.Model], tuple[bool, bool]]] = {
    role.value: dict.fromkeys(_MODELS, (True, role in _WRITERS)) for role in RoleCode
}

NATIONAL_DATA: dict[type[models.Model], str] = {
    DisclosureItem: "/admin/participation/disclosureitem/",
    DecisionMatter: "/admin/participation/decisionmatter/",
    LegalRule: "/admin/participation/legalrule/",
}


def _recommendation_to(owner: OrgUnit, answering: OrgUnit) -> models.Model:
    return make_recommendation(owner, answering)


def _critique_of(owner: OrgUnit, drafting: OrgUnit) -> models.Model:
    return make_critique(owner, drafting)


# A recommendation made by the Front of a province to a unit below: the answering unit's
# officials see it and answer it (report), never change what was recommended. Likewise the
# Front's critique of a draft, for the unit whose draft it is.
ASSIGNED: dict[str, Callable[[OrgUnit, OrgUnit], models.Model]] = {
    "SupervisionRecommendation (answering unit)": _recommendation_to,
    "SocialCritique (drafting unit)": _critique_of,
}
