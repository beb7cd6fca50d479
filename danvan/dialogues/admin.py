from __future__ import annotations

from django.contrib import admin

from danvan.core.admin import ScopedAdmin, VersionedAdmin

from .models import Conclusion, Dialogue, FollowUpAction, FollowUpUpdate, Participant


class ParticipantInline(admin.TabularInline):
    model = Participant
    extra = 0


class ConclusionInline(admin.TabularInline):
    model = Conclusion
    extra = 0


@admin.register(Dialogue)
class DialogueAdmin(ScopedAdmin):
    """Back-office view; officials record dialogues on the Dialogues pages."""

    list_display = ["held_on", "topic", "owner", "kind", "chaired_by"]
    list_filter = ["kind"]
    search_fields = ["topic", "place", "chaired_by"]
    list_select_related = ["owner"]
    date_hierarchy = "held_on"
    inlines = [ParticipantInline, ConclusionInline]
    raw_id_fields = ["owner", "created_by"]
    # Signed minutes come in through the Dialogues pages, where core.uploads checks them.
    readonly_fields = ["minutes", "minutes_name"]


class FollowUpUpdateInline(admin.TabularInline):
    model = FollowUpUpdate
    extra = 0
    can_delete = False
    readonly_fields = ["at", "by", "status", "percent", "note"]

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(FollowUpAction)
class FollowUpActionAdmin(VersionedAdmin, ScopedAdmin):
    list_display = ["title", "responsible_unit", "due_on", "status", "percent"]
    list_filter = ["status"]
    search_fields = ["title"]
    list_select_related = ["responsible_unit"]
    raw_id_fields = ["dialogue", "conclusion", "responsible_unit"]
    filter_horizontal = ["supporting_units"]
    readonly_fields = ["version"]
    inlines = [FollowUpUpdateInline]
