from __future__ import annotations

from django.contrib import admin

from danvan.core.admin import NationalDataAdmin, ScopedAdmin, VersionedAdmin

from .models import HotspotCase, HotspotRule, OpinionSignal


@admin.register(HotspotRule)
class HotspotRuleAdmin(NationalDataAdmin):
    """Rules are data: superusers tune thresholds and windows, with their basis."""

    list_display = ["code", "name", "kind", "threshold", "window_days", "is_active"]
    list_editable = ["threshold", "window_days", "is_active"]
    list_filter = ["kind", "is_active"]


@admin.register(OpinionSignal)
class OpinionSignalAdmin(ScopedAdmin):
    list_display = ["observed_on", "place", "topic", "source", "owner"]
    list_filter = ["source", "topic"]
    search_fields = ["summary"]
    list_select_related = ["place", "topic", "owner"]
    raw_id_fields = ["owner", "place", "created_by"]


@admin.register(HotspotCase)
class HotspotCaseAdmin(VersionedAdmin, ScopedAdmin):
    list_display = ["place", "topic", "rule", "status", "confirmed_at"]
    list_filter = ["status"]
    list_select_related = ["place", "topic", "rule"]
    raw_id_fields = ["owner", "place", "confirmed_by"]
