"""Filters of the units' scorecards list (``core.lists``): the page the evaluation tile links to."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.core.lists import IdFilter, ListFilterSet, Sort
from danvan.core.params import MAX_YEAR, MIN_YEAR

from .models import Assessment, AssessmentStatus


class YearNumberFilter(django_filters.NumberFilter):
    """A year stored as an integer column (not a date's year, so not ``core.lists.YearFilter``)."""

    field_class = forms.IntegerField


class AssessmentFilter(ListFilterSet):
    # The round's year (``Scheme.year``, an integer).
    year = YearNumberFilter(
        field_name="scheme__year",
        label=_("Year"),
        min_value=MIN_YEAR,
        max_value=MAX_YEAR,
    )
    status = django_filters.ChoiceFilter(
        label=pgettext_lazy("evaluation", "Status"), choices=AssessmentStatus.choices
    )
    # A band (classification) from the tile's link; hidden on the page.
    band = IdFilter("band_id", label=_("Classification"))

    sort_fields = {
        "year": Sort(_("Year"), ("scheme__year",)),
        "unit": Sort(_("Unit"), ("unit__path",)),
    }
    default_sort = ("-scheme__year", "unit__path")

    def __init__(
        self, data: Any = None, queryset: QuerySet[Assessment] | None = None, **kw: Any
    ) -> None:
        super().__init__(data, queryset=queryset, **kw)
        if queryset is not None:
            years = queryset.order_by("-scheme__year").values_list("scheme__year", flat=True)
            self.offer_years("year", list(years.distinct()))
