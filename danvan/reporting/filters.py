"""Filters of the reporting lists, pages and API alike (``core.lists``)."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.core.lists import ListFilterSet, Sort

from .models import PeriodType, ReportForm, Submission, SubmissionStatus


class SubmissionFilter(ListFilterSet):
    """Submissions by form, period, status and unit name."""

    form = django_filters.ModelChoiceFilter(
        label=_("Form"), queryset=ReportForm.objects.none(), empty_label=_("All forms")
    )
    period = django_filters.CharFilter(label=_("Period"), max_length=16)
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=SubmissionStatus.choices, empty_label=_("All states")
    )
    unit = django_filters.CharFilter(
        label=_("Unit"), field_name="unit__name", lookup_expr="icontains", max_length=100
    )

    sort_fields = {
        "due": Sort(pgettext_lazy("report", "Due on"), ("due_on", "unit__path")),
        "unit": Sort(_("Unit"), ("unit__path",)),
        "sent": Sort(_("Sent on"), ("submitted_at",)),
    }
    default_sort = ("due_on", "unit__path", "pk")

    class Meta:
        model = Submission
        fields = ["form", "period", "status", "unit"]

    def __init__(self, data: Any, queryset: QuerySet[Submission], **kwargs: Any) -> None:
        super().__init__(data, queryset=queryset, **kwargs)
        # Only the forms the listed reports belong to: the choice list never shows others.
        self.filters["form"].queryset = ReportForm.objects.filter(
            pk__in=queryset.values("form_id")
        ).order_by("name")
        self.form.fields["form"].queryset = self.filters["form"].queryset


class ReviewQueueFilter(SubmissionFilter):
    """The review queue: the reports waiting for review unless another status is asked for
    (``?status=`` for every status)."""

    def __init__(self, data: Any, queryset: QuerySet[Submission], **kwargs: Any) -> None:
        if data is not None and "status" not in data:
            # Arriving from a count of reports waiting for review: show those.
            data = data.copy()
            data["status"] = SubmissionStatus.SUBMITTED
        super().__init__(data, queryset=queryset, **kwargs)


class ReportFormFilter(ListFilterSet):
    """Report forms in scope: by words of the name and by period type."""

    q = django_filters.CharFilter(
        label=_("Search"), field_name="name", lookup_expr="icontains", max_length=200
    )
    period_type = django_filters.ChoiceFilter(label=_("Period type"), choices=PeriodType.choices)

    sort_fields = {"name": Sort(_("Form"), ("name",))}
    default_sort = ("name", "pk")
