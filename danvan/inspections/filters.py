"""Filters of the inspection lists, so a dashboard count links to the rows it counts
(``core.lists``)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.core.lists import ListFilterSet, Sort

from .models import Finding, FindingStatus

OPEN = "open"
OVERDUE = "overdue"
CLOSED = "closed"


class FindingFilter(ListFilterSet):
    # The tile's rows: not closed, not closed and past due, closed (tiles.findings_tile).
    state = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[(OPEN, _("Open")), (OVERDUE, _("Overdue")), (CLOSED, _("Closed"))],
        method="filter_state",
    )

    sort_fields = {
        "due": Sort(_("Due on"), ("due_on",)),
        "unit": Sort(_("Responsible unit"), ("responsible_unit__path",)),
    }
    default_sort = ("due_on", "id")

    class Meta:
        model = Finding
        fields: list[str] = []

    def filter_state(self, qs: QuerySet[Finding], name: str, value: str) -> Any:
        if value == OVERDUE:
            return qs.overdue(timezone.localdate())  # type: ignore[attr-defined]
        if value == OPEN:
            return qs.open()  # type: ignore[attr-defined]
        return qs.filter(status=FindingStatus.CLOSED)
