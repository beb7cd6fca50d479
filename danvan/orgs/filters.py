"""Filters of the org-unit search, the page and the API alike (``core.lists``)."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from danvan.core.lists import IdFilter, ListFilterSet, Sort

from .models import OrgUnit, OrgUnitKind, exists_on


class OrgUnitFilter(ListFilterSet):
    q = django_filters.CharFilter(
        label=_("Search by name or code (accents optional)"),
        method="filter_words",
        max_length=200,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("e.g. cao bang, so noi vu")}
        ),
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=OrgUnitKind.choices, empty_label=_("All kinds")
    )
    parent_id = IdFilter("parent_id", label=_("Under"))
    current = django_filters.BooleanFilter(
        label=_("Only units that exist today"), method="filter_current", widget=forms.HiddenInput
    )

    sort_fields = {
        "tree": Sort(_("Name"), ("path",)),
        "name": Sort(_("Name"), ("name",)),
    }
    default_sort = ("path",)

    def filter_words(self, qs: QuerySet[OrgUnit], name: str, value: str) -> Any:
        """«cao bang» finds «Cao Bằng» (``OrgUnitQuerySet.search``)."""
        return qs.search(value)  # type: ignore[attr-defined]

    def filter_current(self, qs: QuerySet[OrgUnit], name: str, value: bool | None) -> Any:
        if value is None:
            return qs
        return qs.filter(exists_on()) if value else qs.exclude(exists_on())
