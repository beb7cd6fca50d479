"""Filters of the plan lists, the pages and the API alike (``core.lists``).

The querysets they filter carry ``with_state`` (``derived_state``): a state filter is a
filter on the derived state, the same expression the dashboard counts with, so a count and
the list it links to agree."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.core.lists import FlagFilter, IdFilter, ListFilterSet, Sort

from .dashboard import UPCOMING_DAYS, upcoming_tasks
from .models import ComplianceState, ImplementationObligation, Plan, TaskState

UPCOMING = "upcoming"


class PlanFilter(ListFilterSet):
    year = django_filters.NumberFilter(
        label=_("Year"), method="filter_year", min_value=1900, max_value=2200
    )

    sort_fields = {
        "year": Sort(pgettext_lazy("time span", "Period"), ("year_from", "year_to")),
        "unit": Sort(_("Unit"), ("owner__path",)),
        "title": Sort(_("Title"), ("title",)),
    }
    default_sort = ("-year_from", "owner__path", "-id")

    def filter_year(self, qs: QuerySet[Plan], name: str, value: Any) -> Any:
        """The plans in force during the year (a 2026–2030 plan is a plan of 2027)."""
        year = int(value)
        return qs.filter(year_from__lte=year, year_to__gte=year)


class TaskFilter(ListFilterSet):
    """Tasks by derived state (``with_state``) and words of the title."""

    state = django_filters.ChoiceFilter(
        label=_("State"), choices=TaskState.choices, field_name="derived_state"
    )
    q = django_filters.CharFilter(
        label=_("Search"), field_name="title", lookup_expr="icontains", max_length=200
    )

    sort_fields = {
        "due": Sort(_("Due"), ("due_on", "plan_id", "position")),
        "title": Sort(_("Task"), ("title",)),
        "plan": Sort(_("Plan"), ("plan_id", "position")),
        "lead": Sort(_("Lead unit"), ("lead_unit__path",)),
        "progress": Sort(_("Progress"), ("percent",)),
    }
    default_sort = ("due_on", "plan_id", "position", "pk")


class DashboardTaskFilter(TaskFilter):
    """A dashboard's tasks: the states, and those due in the next days (not done)."""

    state = django_filters.ChoiceFilter(
        label=_("State"),
        choices=[
            *TaskState.choices,
            (UPCOMING, _("Due in the next %(days)s days") % {"days": UPCOMING_DAYS}),
        ],
        method="filter_state",
    )

    def filter_state(self, qs: QuerySet[Any], name: str, value: str) -> Any:
        if value == UPCOMING:
            return upcoming_tasks(qs, timezone.localdate())
        return qs.filter(derived_state=value)


class ObligationFilter(ListFilterSet):
    """Implementation obligations (the units that must issue an implementing plan)."""

    plan = django_filters.ModelChoiceFilter(label=_("Plan"), queryset=Plan.objects.none())
    plan_id = IdFilter("plan_id", label=_("Plan"))
    state = django_filters.ChoiceFilter(
        label=_("State"), choices=ComplianceState.choices, field_name="derived_state"
    )
    submitted = FlagFilter(label=_("Only those submitted"), method="filter_submitted")

    sort_fields = {
        "unit": Sort(_("Unit"), ("holder__path",)),
        "due": Sort(_("Due"), ("due_on",)),
        "plan": Sort(_("Plan"), ("plan_id", "holder__path")),
    }

    def filter_submitted(self, qs: QuerySet[Any], name: str, value: bool) -> Any:
        """Submitted on time or late: the tile's «submitted» count."""
        done = (ComplianceState.ON_TIME, ComplianceState.LATE)
        return qs.filter(derived_state__in=done) if value else qs

    default_sort = ("plan_id", "holder__path", "pk")

    def __init__(
        self,
        data: Any = None,
        queryset: QuerySet[ImplementationObligation] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(data, queryset=queryset, **kwargs)
        # Only the plans the listed obligations belong to.
        if queryset is not None:
            plans = Plan.objects.filter(pk__in=queryset.values("plan_id")).order_by("-pk")
            self.filters["plan"].queryset = plans
            self.form.fields["plan"].queryset = plans


class AddressedUnitFilter(ListFilterSet):
    """The units one plan addresses (its compliance page), by state."""

    state = django_filters.ChoiceFilter(
        label=_("State"), choices=ComplianceState.choices, field_name="derived_state"
    )

    sort_fields = {
        "unit": Sort(_("Unit"), ("holder__path",)),
        "due": Sort(_("Due"), ("due_on",)),
    }
    default_sort = ("holder__path", "pk")
