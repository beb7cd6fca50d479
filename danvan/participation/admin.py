"""Legal facts are national data (superusers); records are scoped like everywhere else."""

from django.contrib import admin

from danvan.core.admin import NationalDataAdmin, ScopedAdmin, VersionedAdmin

from .models import (
    BoardFinding,
    Comment,
    Consultation,
    CoordinationProgramme,
    DecisionMatter,
    Disclosure,
    DisclosureItem,
    InspectionPlan,
    LegalRule,
    PeopleBoard,
    PeopleDecision,
    SocialCritique,
    SupervisionRecommendation,
    SupervisionRound,
    VillageHeadTerm,
    YearEndMeeting,
)


@admin.register(DisclosureItem)
class DisclosureItemAdmin(NationalDataAdmin):
    list_display = ["code", "number", "title", "posting_days", "permanent", "radio_days"]
    list_editable = ["posting_days", "permanent", "radio_days"]
    list_filter = ["scope"]


@admin.register(DecisionMatter)
class DecisionMatterAdmin(NationalDataAdmin):
    list_display = ["number", "title", "threshold", "online_allowed"]


@admin.register(LegalRule)
class LegalRuleAdmin(NationalDataAdmin):
    """A province may get its own row (e.g. the days to answer a recommendation)."""

    list_display = ["code", "province", "value", "label", "basis"]
    raw_id_fields = ["province"]


@admin.register(Disclosure)
class DisclosureAdmin(ScopedAdmin):
    list_display = ["title", "item", "owner", "decided_on"]
    raw_id_fields = ["owner", "created_by"]


@admin.register(Consultation)
class ConsultationAdmin(VersionedAdmin, ScopedAdmin):
    list_display = ["title", "owner", "opens_on", "closes_on"]
    raw_id_fields = ["owner", "created_by"]


@admin.register(Comment)
class CommentAdmin(VersionedAdmin, ScopedAdmin):
    list_display = ["id", "consultation", "status", "answer_kind"]
    list_filter = ["status", "answer_kind"]
    readonly_fields = ["contact_hash"]
    raw_id_fields = ["consultation", "paragraph", "merged_into", "answered_by"]


@admin.register(PeopleDecision)
class PeopleDecisionAdmin(VersionedAdmin, ScopedAdmin):
    list_display = ["title", "village", "matter", "held_on"]
    raw_id_fields = ["village", "created_by"]


@admin.register(SupervisionRound)
class SupervisionRoundAdmin(ScopedAdmin):
    list_display = ["topic", "owner", "supervised_unit", "starts_on"]
    raw_id_fields = ["owner", "supervised_unit", "created_by"]


@admin.register(SupervisionRecommendation)
class SupervisionRecommendationAdmin(VersionedAdmin, ScopedAdmin):
    list_display = ["id", "answering_unit", "due_on", "state", "answered_on"]
    raw_id_fields = ["supervision_round", "answering_unit", "answered_by"]


@admin.register(PeopleBoard)
class PeopleBoardAdmin(ScopedAdmin):
    list_display = ["name", "kind", "owner", "term_starts", "term_ends"]
    raw_id_fields = ["owner"]


@admin.register(BoardFinding)
class BoardFindingAdmin(VersionedAdmin, ScopedAdmin):
    list_display = ["id", "board", "sent_on", "due_on", "answered_on"]
    raw_id_fields = ["board", "answered_by"]


@admin.register(CoordinationProgramme)
class CoordinationProgrammeAdmin(ScopedAdmin):
    list_display = ["title", "owner", "starts_on", "ends_on", "signed_on"]
    raw_id_fields = ["owner"]


@admin.register(SocialCritique)
class SocialCritiqueAdmin(VersionedAdmin, ScopedAdmin):
    list_display = ["draft_title", "owner", "drafting_unit", "due_on", "answered_on"]
    raw_id_fields = ["owner", "drafting_unit", "answered_by", "created_by"]


@admin.register(InspectionPlan)
class InspectionPlanAdmin(ScopedAdmin):
    list_display = ["subject", "board", "starts_on", "sent_on"]
    raw_id_fields = ["board"]


@admin.register(VillageHeadTerm)
class VillageHeadTermAdmin(ScopedAdmin):
    list_display = ["village", "head_name", "starts_on", "ends_on"]
    raw_id_fields = ["owner", "village"]


@admin.register(YearEndMeeting)
class YearEndMeetingAdmin(ScopedAdmin):
    list_display = ["owner", "village", "held_on"]
    raw_id_fields = ["owner", "village", "created_by"]
