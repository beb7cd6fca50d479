"""Filters of the models' registry (``core.lists``): the dashboard tile's counts link here."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.core.lists import FlagFilter, ListFilterSet, Sort, YearFilter

from .models import Exemplar, ExemplarField


class ExemplarFilter(ListFilterSet):
    field = django_filters.ChoiceFilter(
        label=pgettext_lazy("activity", "Field"),
        choices=ExemplarField.choices,
        empty_label=_("All fields"),
    )
    year = YearFilter("started_on")
    replicated = FlagFilter(
        label=_("Only those replicated from another unit"), method="filter_replicated"
    )
    commended = FlagFilter(label=_("Only those commended"), method="filter_commended")

    sort_fields = {
        "unit": Sort(_("Unit"), ("unit__path",)),
        "title": Sort(_("Name of the model"), ("title",)),
        "started": Sort(_("Started on"), ("started_on",)),
    }
    default_sort = ("unit__path", "-started_on", "pk")

    def __init__(self, data: Any = None, queryset: QuerySet[Exemplar] | None = None, **kw: Any):
        super().__init__(data, queryset=queryset, **kw)
        if queryset is not None:
            self.offer_years("year", [d.year for d in queryset.dates("started_on", "year", "DESC")])

    def filter_replicated(self, qs: QuerySet[Exemplar], name: str, value: bool) -> Any:
        return qs.filter(replicates__isnull=False) if value else qs

    def filter_commended(self, qs: QuerySet[Exemplar], name: str, value: bool) -> Any:
        # A subquery, not a join: a model commended twice is one row (the tile counts distinct).
        if not value:
            return qs
        return qs.filter(pk__in=Exemplar.objects.commended().values("pk"))
