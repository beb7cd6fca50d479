from __future__ import annotations

from django.contrib import admin

from danvan.core.admin import ScopedAdmin, VersionedAdmin

from .models import Band, BandCap, Criterion, CriterionGroup, Scheme


class GroupInline(admin.TabularInline):
    model = CriterionGroup
    extra = 0


class BandInline(admin.TabularInline):
    model = Band
    extra = 0


class CapInline(admin.TabularInline):
    model = BandCap
    extra = 0
    fk_name = "scheme"


@admin.register(Scheme)
class SchemeAdmin(VersionedAdmin, ScopedAdmin):
    """A province's criteria are data: groups, bands and cap rules edited here."""

    list_display = ["title", "owner", "year", "total_points", "status"]
    list_filter = ["year", "status"]
    raw_id_fields = ["owner"]
    inlines = [GroupInline, BandInline, CapInline]


@admin.register(Criterion)
class CriterionAdmin(ScopedAdmin):
    list_display = ["code", "title", "kind", "max_points", "method", "source", "denominator"]
    list_filter = ["method", "kind"]
    search_fields = ["code", "title"]
