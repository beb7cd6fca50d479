"""Filters of the reporting list pages (django-filter).

A value that does not validate (an unknown form id, a status that does not exist) is dropped
from ``cleaned_data`` and so ignored, as a missing one would be: these filter a list, they are
not input to store. Django's ``CharField`` refuses NUL, which PostgreSQL would refuse too.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from .models import ReportForm, Submission, SubmissionStatus


class ReviewQueueFilter(django_filters.FilterSet):
    """The review queue: by form, period, status (sent by default) and unit name."""

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

    class Meta:
        model = Submission
        fields = ["form", "period", "status", "unit"]

    def __init__(self, data: Any, queryset: QuerySet[Submission], **kwargs: Any) -> None:
        if data is not None and "status" not in data:
            # Arriving from a count of reports waiting for review: show those.
            data = data.copy()
            data["status"] = SubmissionStatus.SUBMITTED
        super().__init__(data, queryset=queryset, **kwargs)
        # Only the forms the listed reports belong to: the choice list never shows others.
        self.filters["form"].queryset = ReportForm.objects.filter(
            pk__in=queryset.values("form_id")
        ).order_by("name")
        self.form.fields["form"].queryset = self.filters["form"].queryset
