"""Filters of the document registry, the page and the API alike (``core.lists``)."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from danvan.core.lists import IdFilter, ListFilterSet, Sort, YearFilter

from .doctypes import DocumentType
from .models import Document, DocumentStatus
from .search import search_documents


class DocumentFilter(ListFilterSet):
    q = django_filters.CharFilter(
        label=_("Number, title or text (accents optional)"),
        method="filter_words",
        max_length=200,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("e.g. dan van kheo, 767/KH-UBND")}
        ),
    )
    doc_type = django_filters.ChoiceFilter(
        label=_("Type"), choices=DocumentType.choices, empty_label=_("All types")
    )
    year = YearFilter("issued_on", label=_("Year"))
    status = django_filters.ChoiceFilter(label=_("Status"), choices=DocumentStatus.choices)
    owner_id = IdFilter("owner_id", label=_("Registry of"))

    sort_fields = {
        "issued": Sort(_("Issued on"), ("issued_on",)),
        "number": Sort(_("Number"), ("number",)),
        "title": Sort(_("Title"), ("title",)),
    }
    default_sort = ("-issued_on", "-id")

    def __init__(
        self, data: Any = None, queryset: QuerySet[Document] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(data, queryset=queryset, **kwargs)
        if queryset is not None:
            self.offer_years("year", [d.year for d in queryset.dates("issued_on", "year", "DESC")])

    def filter_words(self, qs: QuerySet[Document], name: str, value: str) -> Any:
        """Full text: «dan van kheo» finds «dân vận khéo» (``documents.search``)."""
        return search_documents(qs, value)
