"""Admin of the petitions app: each part registers its own admin classes.

Petitions themselves are not in the admin: a denouncer's identity must only be read through
the officer pages, which check the reader and record the access.
"""

from typing import Any

from django.contrib import admin

from danvan.core.admin import NationalDataAdmin, ScopedAdmin

from .models import Open311Key, ReceptionPlace, ReceptionRequirement, ReceptionSchedule, Topic


@admin.register(Topic)
class TopicAdmin(NationalDataAdmin):
    list_display = ["code", "name", "open311_code", "is_public", "position"]
    search_fields = ["code", "name"]


@admin.register(ReceptionRequirement)
class ReceptionRequirementAdmin(NationalDataAdmin):
    list_display = ["host_role", "min_days", "period", "legal_basis"]


@admin.register(Open311Key)
class Open311KeyAdmin(NationalDataAdmin):
    list_display = ["name", "prefix", "handling_unit", "is_active", "created_at", "last_used_at"]
    readonly_fields = ["prefix", "created_at", "last_used_at"]
    fields = ["name", "handling_unit", "is_active", "prefix", "created_at", "last_used_at"]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False  # keys are issued with «danvan open311 key NAME», which prints them once


@admin.register(ReceptionPlace)
class ReceptionPlaceAdmin(ScopedAdmin):
    list_display = ["name", "unit", "address", "is_active"]


@admin.register(ReceptionSchedule)
class ReceptionScheduleAdmin(ScopedAdmin):
    list_display = ["host_name", "unit", "host_role", "frequency", "weekday", "valid_from"]
    readonly_fields = ["version"]

    def save_model(self, request: Any, obj: Any, form: Any, change: bool) -> None:
        if change:
            obj.version += 1  # a schedules page opened before this edit must not overwrite it
        super().save_model(request, obj, form, change)
