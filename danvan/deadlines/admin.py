from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.core.admin import NationalDataAdmin

from .models import CalendarEntry, DeadlineRule, Threshold
from .services import save_calendar_entry, save_rule, save_threshold


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(NationalDataAdmin):
    list_display = [
        "rule_id",
        "name",
        "duration",
        "unit",
        "effective_from",
        "effective_to",
        "legal_basis",
    ]
    list_filter = ["unit", "rule_id"]
    search_fields = ["rule_id", "name", "legal_basis", "note"]
    readonly_fields = ["updated_at"]
    fieldsets = [
        (None, {"fields": ["rule_id", "name", "start_event", "legal_basis"]}),
        (pgettext_lazy("duration", "Period"), {"fields": ["duration", "unit"]}),
        (
            _("Longer periods and extensions"),
            {
                "fields": [
                    "complex_duration",
                    "remote_duration",
                    "remote_complex_duration",
                    "extension_days",
                    "max_extensions",
                ]
            },
        ),
        (_("Force"), {"fields": ["effective_from", "effective_to", "note", "updated_at"]}),
    ]

    def save_model(self, request: HttpRequest, obj: DeadlineRule, form: Any, change: bool) -> None:
        save_rule(obj, actor=request.user)


@admin.register(CalendarEntry)
class CalendarEntryAdmin(NationalDataAdmin):
    list_display = ["day", "kind", "name", "legal_basis"]
    list_filter = ["kind"]
    date_hierarchy = "day"
    search_fields = ["name", "legal_basis", "note"]
    readonly_fields = ["updated_at"]

    def save_model(self, request: HttpRequest, obj: CalendarEntry, form: Any, change: bool) -> None:
        save_calendar_entry(obj, actor=request.user)


@admin.register(Threshold)
class ThresholdAdmin(NationalDataAdmin):
    list_display = ["code", "name", "value", "legal_basis"]
    search_fields = ["code", "name", "legal_basis", "note"]
    readonly_fields = ["updated_at"]

    def save_model(self, request: HttpRequest, obj: Threshold, form: Any, change: bool) -> None:
        save_threshold(obj, actor=request.user)
