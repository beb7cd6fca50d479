from __future__ import annotations

from django.contrib import admin

from danvan.core.admin import ScopedAdmin, VersionedAdmin

from .models import Finding, FindingReport, InspectionPlan, InspectionRound, TeamMember


class TeamInline(admin.TabularInline):
    model = TeamMember
    extra = 0


class ReportInline(admin.TabularInline):
    model = FindingReport
    extra = 0
    can_delete = False
    readonly_fields = ["at", "by", "text", "closes"]

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


class _Versioned(VersionedAdmin, ScopedAdmin):
    """The kernel's VersionedAdmin (stale saves refused, versions bumped) on scoped records."""

    readonly_fields = ["version"]


@admin.register(InspectionPlan)
class InspectionPlanAdmin(_Versioned):
    list_display = ["title", "owner", "year"]
    raw_id_fields = ["owner"]


@admin.register(InspectionRound)
class InspectionRoundAdmin(_Versioned):
    list_display = ["title", "starts_on", "ends_on", "concluded_on"]
    raw_id_fields = ["plan"]
    filter_horizontal = ["units"]
    inlines = [TeamInline]


@admin.register(Finding)
class FindingAdmin(_Versioned):
    list_display = ["recommendation", "responsible_unit", "due_on", "status"]
    list_filter = ["status"]
    raw_id_fields = ["round", "responsible_unit"]
    inlines = [ReportInline]
