"""Filters of the questionnaire list (``core.lists``): the page the surveys tile links to."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.core.lists import IdFilter, ListFilterSet, Sort
from danvan.core.params import MAX_YEAR, MIN_YEAR

from .models import Questionnaire, QuestionnaireStatus


class YearNumberFilter(django_filters.NumberFilter):
    """A year stored as an integer column (not a date's year, so not ``core.lists.YearFilter``)."""

    field_class = forms.IntegerField


class QuestionnaireFilter(ListFilterSet):
    # ``year`` is the questionnaire's own year (an integer), not a date's year.
    year = YearNumberFilter(
        field_name="year",
        label=_("Year"),
        min_value=MIN_YEAR,
        max_value=MAX_YEAR,
    )
    status = django_filters.ChoiceFilter(
        label=pgettext_lazy("survey", "Status"), choices=QuestionnaireStatus.choices
    )
    owner_id = IdFilter("owner_id", label=_("Unit rated"))

    sort_fields = {
        "year": Sort(_("Year"), ("year",)),
        "unit": Sort(_("Unit rated"), ("owner__path",)),
        "title": Sort(_("Title"), ("title",)),
    }
    default_sort = ("-year", "owner__path", "-edition")

    def __init__(
        self, data: Any = None, queryset: QuerySet[Questionnaire] | None = None, **kw: Any
    ) -> None:
        super().__init__(data, queryset=queryset, **kw)
        if queryset is not None:
            years = queryset.order_by("-year").values_list("year", flat=True).distinct()
            self.offer_years("year", list(years))
