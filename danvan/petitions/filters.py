"""Filters of the petition lists, the page and the API alike (``core.lists``)."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.core.lists import FlagFilter, IdFilter, ListFilterSet, Sort
from danvan.core.text import fold

from .models import Petition, PetitionKind, PetitionState
from .reception.models import ReceptionHandling

TIMELINESS = [
    ("overdue", _("Overdue")),
    ("due_soon", _("Due within 3 days")),
    ("on_time", _("On time")),
    ("done", _("Finished")),
]


class PetitionFilter(ListFilterSet):
    """Petitions; the queryset carries ``with_timeliness`` (the tile counts the same way)."""

    q = django_filters.CharFilter(
        label=_("Tracking code or words (accents optional)"),
        method="filter_words",
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    state = django_filters.ChoiceFilter(label=_("State"), choices=PetitionState.choices)
    kind = django_filters.ChoiceFilter(
        label=pgettext_lazy("petition", "Kind"), choices=PetitionKind.choices
    )
    timeliness = django_filters.ChoiceFilter(label=_("Timeliness"), choices=TIMELINESS)
    open = FlagFilter(label=_("Only those being handled"), method="filter_open")
    crowded = FlagFilter(label=_("Only crowded cases"), method="filter_crowded")
    overdue = django_filters.BooleanFilter(
        label=_("Overdue"), method="filter_overdue", widget=forms.HiddenInput
    )

    sort_fields = {
        "received": Sort(_("Received"), ("received_on",)),
        "due": Sort(_("Due"), ("due_on",)),
        "code": Sort(_("Code"), ("tracking_code",)),
    }
    default_sort = ("-received_on", "-id")

    def filter_words(self, qs: QuerySet[Petition], name: str, value: str) -> Any:
        """A tracking code, or words of the text with or without accents."""
        text = Q()
        for word in fold(value).split():
            text &= Q(search_text__contains=word)
        return qs.filter(Q(tracking_code__iexact=value.strip().upper()) | text)

    def filter_open(self, qs: QuerySet[Petition], name: str, value: bool) -> Any:
        return qs.open() if value else qs  # type: ignore[attr-defined]

    def filter_crowded(self, qs: QuerySet[Petition], name: str, value: bool) -> Any:
        return qs.filter(is_crowded=True) if value else qs

    def filter_overdue(self, qs: QuerySet[Petition], name: str, value: bool | None) -> Any:
        if value is None:
            return qs
        overdue = qs.overdue(timezone.localdate()).values("pk")  # type: ignore[attr-defined]
        return qs.filter(pk__in=overdue) if value else qs.exclude(pk__in=overdue)


class ReceptionFilter(ListFilterSet):
    """The reception register (sổ tiếp công dân): by period, handling and unit."""

    received_from = django_filters.DateFilter(
        label=_("From"), field_name="received_on", lookup_expr="gte",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )  # fmt: skip
    received_to = django_filters.DateFilter(
        label=_("To"), field_name="received_on", lookup_expr="lte",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )  # fmt: skip
    handling = django_filters.ChoiceFilter(label=_("Handling"), choices=ReceptionHandling.choices)
    unit = IdFilter("unit_id", label=_("Unit"))

    sort_fields = {"date": Sort(_("Date"), ("received_on",))}
    default_sort = ("-received_on", "-id")
