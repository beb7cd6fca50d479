"""Back office for plans: read and correct; writes that carry rules go through the services."""

from __future__ import annotations

from django.contrib import admin

from danvan.core.admin import ScopedAdmin, VersionedAdmin

from .models import (
    BudgetLine,
    ImplementationObligation,
    Plan,
    ReportingObligation,
    Target,
    Task,
    TaskUpdate,
)


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0


class BudgetInline(admin.TabularInline):
    model = BudgetLine
    extra = 0


class ReportingInline(admin.TabularInline):
    model = ReportingObligation
    extra = 0


@admin.register(Plan)
class PlanAdmin(VersionedAdmin, ScopedAdmin):
    list_display = ["number", "title", "owner", "year_from", "year_to", "status"]
    list_filter = ["status", "kind"]
    search_fields = ["number", "title"]
    list_select_related = ["owner"]
    raw_id_fields = ["owner", "parent", "issued_document", "legal_basis"]
    # The parent and the period carry rules (no cycles): they are edited on the plan's page.
    readonly_fields = ["version", "created_by", "parent", "year_from", "year_to", "status"]
    inlines = [TargetInline, ReportingInline, BudgetInline]


@admin.register(Task)
class TaskAdmin(VersionedAdmin, ScopedAdmin):
    list_display = ["title", "plan", "lead_unit", "due_on", "status", "percent"]
    list_filter = ["status"]
    search_fields = ["title"]
    list_select_related = ["plan", "lead_unit"]
    raw_id_fields = ["plan", "parent", "lead_unit", "supporting_units"]
    readonly_fields = ["version", "status", "percent", "evidence", "completed_on"]


@admin.register(TaskUpdate)
class TaskUpdateAdmin(ScopedAdmin):
    list_display = ["task", "author", "created_at", "status_after", "percent_after"]
    list_select_related = ["task", "author"]

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(ImplementationObligation)
class ObligationAdmin(ScopedAdmin):
    list_display = ["plan", "holder", "due_on", "submitted_on"]
    list_select_related = ["plan", "holder"]
    raw_id_fields = ["plan", "unit", "holder", "fulfilled_by", "absorbed_into"]
