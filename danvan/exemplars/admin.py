from __future__ import annotations

from django.contrib import admin

from danvan.core.admin import NationalDataAdmin, ScopedAdmin, VersionedAdmin

from .models import Commendation, ContestEntry, Criterion, Exemplar, Review, ReviewCycle


class ReviewInline(admin.TabularInline):
    model = Review
    extra = 0
    raw_id_fields = ["by"]


class CommendationInline(admin.TabularInline):
    model = Commendation
    extra = 0


class ContestInline(admin.TabularInline):
    model = ContestEntry
    extra = 0


@admin.register(Exemplar)
class ExemplarAdmin(VersionedAdmin, ScopedAdmin):
    """Back-office view; officials register models on the «Dân vận khéo» pages (files there)."""

    list_display = ["title", "unit", "field", "kind", "started_on"]
    list_filter = ["field", "kind", "level"]
    search_fields = ["title", "person_name"]
    list_select_related = ["unit"]
    raw_id_fields = ["unit", "person", "replicates", "plan", "task", "created_by"]
    readonly_fields = ["version"]
    inlines = [ReviewInline, CommendationInline, ContestInline]


@admin.register(Criterion)
class CriterionAdmin(ScopedAdmin):
    """Criteria per province (data with their guidance); empty province = national default."""

    list_display = ["position", "text", "province", "basis", "active"]
    list_filter = ["active"]
    raw_id_fields = ["province"]


@admin.register(ReviewCycle)
class ReviewCycleAdmin(NationalDataAdmin):
    list_display = ["name", "years", "reminded", "basis"]
