from __future__ import annotations

from django.contrib import admin

from danvan.core.admin import NationalDataAdmin, ScopedAdmin, VersionedAdmin

from .models import IndexFormula, Questionnaire, SurveyTemplate


@admin.register(SurveyTemplate)
class SurveyTemplateAdmin(NationalDataAdmin):
    """National questionnaire models with their decision; superusers edit them."""

    list_display = ["code", "name", "basis", "is_active"]


@admin.register(IndexFormula)
class IndexFormulaAdmin(NationalDataAdmin):
    """How the index is computed, with its basis: data, shown next to each figure."""

    list_display = ["code", "name", "kind", "satisfied_levels", "is_primary", "basis"]


@admin.register(Questionnaire)
class QuestionnaireAdmin(VersionedAdmin, ScopedAdmin):
    list_display = ["title", "owner", "year", "edition", "status"]
    list_filter = ["status", "year"]
    raw_id_fields = ["owner", "previous"]
