"""Filters of the grassroots democracy lists, so a dashboard count links to the rows it counts
(``core.lists``)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.core.lists import FlagFilter, ListFilterSet, Sort

from .models import Consultation, SupervisionRecommendation

WAITING = "waiting"
OVERDUE = "overdue"
ANSWERED = "answered"


class RecommendationFilter(ListFilterSet):
    # The tile's rows: not answered yet, not answered and past the answer date.
    state = django_filters.ChoiceFilter(
        label=_("State"),
        choices=[
            (WAITING, _("Awaiting an answer")),
            (OVERDUE, _("Overdue")),
            (ANSWERED, pgettext_lazy("recommendation", "Answered")),
        ],
        method="filter_state",
    )

    sort_fields = {
        "due": Sort(_("Answer due on"), ("due_on",)),
        "unit": Sort(_("Unit that must answer"), ("answering_unit__path",)),
    }
    default_sort = ("due_on", "id")

    class Meta:
        model = SupervisionRecommendation
        fields: list[str] = []

    def filter_state(self, qs: QuerySet[SupervisionRecommendation], name: str, value: str) -> Any:
        if value == OVERDUE:
            return qs.overdue(timezone.localdate())  # type: ignore[attr-defined]
        if value == WAITING:
            return qs.filter(SupervisionRecommendation.open_q)
        return qs.exclude(SupervisionRecommendation.open_q)


class ConsultationFilter(ListFilterSet):
    open = FlagFilter(label=_("Only those open for comments today"), method="filter_open")

    sort_fields = {
        "opens": Sort(_("Opens on"), ("opens_on",)),
        "unit": Sort(_("Unit"), ("owner__path",)),
    }
    default_sort = ("-id",)

    class Meta:
        model = Consultation
        fields: list[str] = []

    def filter_open(self, qs: QuerySet[Consultation], name: str, value: bool) -> Any:
        return qs.open_on(timezone.localdate()) if value else qs  # type: ignore[attr-defined]
