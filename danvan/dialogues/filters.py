"""Filters of the dialogue lists, the pages and the API alike (``core.lists``)."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.core.lists import FlagFilter, IdFilter, ListFilterSet, Sort, YearFilter
from danvan.core.scoping import Action, permission_name, units_where

from .models import Dialogue, DialogueKind, FollowUpAction, FollowUpStatus, overdue_q

OVERDUE = "overdue"


class DialogueFilter(ListFilterSet):
    kind = django_filters.ChoiceFilter(
        label=pgettext_lazy("dialogue", "Kind"),
        choices=DialogueKind.choices,
        empty_label=pgettext_lazy("dialogue", "All kinds"),
    )
    year = YearFilter("held_on")
    owner_id = IdFilter("owner_id", label=_("Unit"))

    sort_fields = {
        "held": Sort(_("Held on"), ("held_on",)),
        "topic": Sort(pgettext_lazy("dialogue", "Topic"), ("topic",)),
        "unit": Sort(_("Unit"), ("owner__path",)),
    }
    default_sort = ("-held_on", "-id")

    def __init__(self, data: Any = None, queryset: QuerySet[Dialogue] | None = None, **kw: Any):
        super().__init__(data, queryset=queryset, **kw)
        if queryset is not None:
            self.offer_years("year", [d.year for d in queryset.dates("held_on", "year", "DESC")])


class FollowUpFilter(ListFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[*FollowUpStatus.choices, (OVERDUE, _("Overdue"))],
        method="filter_status",
    )
    overdue = django_filters.BooleanFilter(
        label=_("Overdue"), method="filter_overdue", widget=forms.HiddenInput
    )
    open = FlagFilter(label=_("Only those not done"), method="filter_open")
    mine = FlagFilter(label=_("Only those my units must carry out"), method="filter_mine")

    sort_fields = {
        "due": Sort(_("Due on"), ("due_on",)),
        "unit": Sort(_("Responsible unit"), ("responsible_unit__path",)),
        "dialogue": Sort(_("Dialogue"), ("dialogue__held_on",)),
    }
    default_sort = ("due_on", "id")

    def filter_status(self, qs: QuerySet[FollowUpAction], name: str, value: str) -> Any:
        if value == OVERDUE:
            return qs.filter(overdue_q(timezone.localdate()))
        return qs.filter(status=value)

    def filter_overdue(self, qs: QuerySet[FollowUpAction], name: str, value: bool | None) -> Any:
        if value is None:
            return qs
        q = overdue_q(timezone.localdate())
        return qs.filter(q) if value else qs.exclude(q)

    def filter_open(self, qs: QuerySet[FollowUpAction], name: str, value: bool) -> Any:
        return qs.exclude(status=FollowUpStatus.DONE) if value else qs

    def filter_mine(self, qs: QuerySet[FollowUpAction], name: str, value: bool) -> Any:
        if not value or self.request is None:
            return qs
        units = units_where(self.request.user, permission_name(FollowUpAction, Action.CHANGE))
        return qs.filter(responsible_unit__in=units.values("pk"))
