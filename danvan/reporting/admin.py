from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from danvan.core.admin import NationalDataAdmin, ScopedAdmin

from . import sources
from .models import DataElement, FormSection, Indicator, PeriodRule, ReportForm, ValidationRule


@admin.register(PeriodRule)
class PeriodRuleAdmin(NationalDataAdmin):
    list_display = ["period_type", "cutoff_day", "due_days", "legal_basis"]
    readonly_fields = ["updated_at"]


class SectionInline(admin.TabularInline):
    model = FormSection
    extra = 0


class SourceField(forms.ChoiceField):
    """A select of the registered data sources; an unknown code gets the registry's message."""

    def validate(self, value: Any) -> None:
        forms.Field.validate(self, value)
        sources.validate_source_code(value)


class ElementForm(forms.ModelForm):
    source = SourceField(label=_("data source"), required=False, choices=sources.choices)

    class Meta:
        model = DataElement
        fields = [
            "code", "name", "group", "value_type", "aggregation", "unit_label",
            "comment_when_missing", "order", "source",
        ]  # fmt: skip


class ElementInline(admin.TabularInline):
    model = DataElement
    form = ElementForm
    extra = 0


class RuleInline(admin.TabularInline):
    model = ValidationRule
    extra = 0


class IndicatorInline(admin.TabularInline):
    model = Indicator
    extra = 0


@admin.register(ReportForm)
class ReportFormAdmin(ScopedAdmin):
    """Forms are defined by the standing agency; submissions go through the reporting pages."""

    list_display = ["name", "code", "period_type", "owner", "recipient", "active"]
    list_filter = ["period_type", "active"]
    search_fields = ["name", "code"]
    raw_id_fields = ["owner", "recipient", "assigned_root"]
    inlines = [SectionInline, ElementInline, RuleInline, IndicatorInline]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
