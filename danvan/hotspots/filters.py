"""Filters of the hotspot lists, the pages and the API alike (``core.lists``)."""

from __future__ import annotations

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.core.lists import IdFilter, ListFilterSet, Sort
from danvan.petitions.models import Topic

from .models import HotspotStatus, SignalSource


class SignalFilter(ListFilterSet):
    source = django_filters.ChoiceFilter(
        label=_("Source"), choices=SignalSource.choices, empty_label=_("All sources")
    )
    topic_id = django_filters.ModelChoiceFilter(
        label=_("Topic"),
        field_name="topic",
        queryset=Topic.objects.order_by("name"),
        empty_label=_("All topics"),
    )
    since = django_filters.DateFilter(
        label=_("Observed from"),
        field_name="observed_on",
        lookup_expr="gte",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    place_id = IdFilter("place_id", label=_("Commune"))

    sort_fields = {
        "observed": Sort(_("Observed on"), ("observed_on",)),
        "commune": Sort(_("Commune"), ("place__path",)),
    }
    default_sort = ("-observed_on", "-id")


class CaseFilter(ListFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=HotspotStatus.choices)

    sort_fields = {
        "confirmed": Sort(_("Confirmed on"), ("confirmed_at",)),
        "commune": Sort(_("Commune"), ("place__path",)),
    }
    default_sort = ("-confirmed_at", "-id")
