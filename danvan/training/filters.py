"""Filters of the training classes list (``core.lists``): the dashboard tile's count links here."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from danvan.core.lists import ListFilterSet, Sort, YearFilter

from .models import TrainingClass


class TrainingFilter(ListFilterSet):
    year = YearFilter("starts_on")

    sort_fields = {
        "topic": Sort(_("Training topic"), ("topic",)),
        "organiser": Sort(_("Organiser"), ("organiser__path",)),
        "from": Sort(_("From"), ("starts_on",)),
    }
    default_sort = ("-starts_on", "-id")

    def __init__(
        self, data: Any = None, queryset: QuerySet[TrainingClass] | None = None, **kw: Any
    ) -> None:
        super().__init__(data, queryset=queryset, **kw)
        if queryset is not None:
            self.offer_years("year", [d.year for d in queryset.dates("starts_on", "year", "DESC")])
