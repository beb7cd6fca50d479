from __future__ import annotations

from django.contrib import admin

from danvan.core.admin import ScopedAdmin, VersionedAdmin

from .models import Attendance, CitizenFacingPosition, TrainingClass


class AttendanceInline(admin.TabularInline):
    model = Attendance
    extra = 0
    raw_id_fields = ["official", "unit"]


@admin.register(TrainingClass)
class TrainingClassAdmin(VersionedAdmin, ScopedAdmin):
    list_display = ["topic", "organiser", "starts_on", "ends_on", "place"]
    search_fields = ["topic", "place"]
    list_select_related = ["organiser"]
    raw_id_fields = ["organiser", "created_by"]
    readonly_fields = ["version"]
    inlines = [AttendanceInline]


@admin.register(CitizenFacingPosition)
class CitizenFacingPositionAdmin(ScopedAdmin):
    """Who must be trained, per province (data with its basis); empty province = default."""

    list_display = ["name", "province", "basis", "active"]
    list_filter = ["active"]
    raw_id_fields = ["province"]
