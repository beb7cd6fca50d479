"""Filters of the inbox, the page and the API alike (``core.lists``)."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from danvan.core.lists import ListFilterSet

from .models import Notification


class NotificationFilter(ListFilterSet):
    """The official's own notifications (``for_user``), all or unread only."""

    show = django_filters.ChoiceFilter(
        label=_("Show"),
        choices=[("all", _("All")), ("unread", _("Unread"))],
        empty_label=None,
        method="filter_show",
    )
    unread = django_filters.BooleanFilter(
        label=_("Unread"), method="filter_unread", widget=forms.HiddenInput
    )

    default_sort = ("-created_at", "-pk")

    def filter_show(self, qs: QuerySet[Notification], name: str, value: str) -> Any:
        return qs.filter(read_at__isnull=True) if value == "unread" else qs

    def filter_unread(self, qs: QuerySet[Notification], name: str, value: bool | None) -> Any:
        return qs.filter(read_at__isnull=True) if value else qs
