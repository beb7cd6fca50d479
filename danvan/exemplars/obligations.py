"""Obligations of «Dân vận khéo» models (derived on every run, nothing stored).

- ``exemplars.yearly_model``: «at least one new model a year», owed by each commune and
  department by 31/12.
- ``exemplars.review``: each model's sơ kết and tổng kết, on the cycles marked «reminded» in
  :class:`ReviewCycle` (data with their basis: sơ kết every 2–3 years — due after 3 —, tổng
  kết after 5), counted from the model's start or its last review of that cycle or a longer one.

Derived from the data on every run (nothing stored): a unit with no model started in the year
(its own, its villages', or those of a commune merged into it) owes one by the year's end.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Max, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from danvan.core.obligations import ObligationKind, Owed, register
from danvan.orgs.models import OrgUnit

from .counts import YEARLY_TARGET, rolled_up
from .models import Exemplar, ReviewCycle
from .services import OWING_KINDS


def units_without_model(year: int) -> Iterator[OrgUnit]:
    end = dt.date(year, 12, 31)
    units = OrgUnit.objects.current(end).filter(kind__in=OWING_KINDS).order_by("path")
    for unit in units.iterator(chunk_size=200):
        if rolled_up(unit).filter(started_on__year=year).count() < YEARLY_TARGET:
            yield unit


def owed_yearly_models(start: dt.date, end: dt.date) -> Iterator[Owed]:
    for year in range(start.year, end.year + 1):
        due = dt.date(year, 12, 31)
        if not start <= due <= end:
            continue
        for unit in units_without_model(year):
            yield Owed(
                item_key=f"{unit.pk}:{year}",
                unit=unit,
                due_on=due,
                title=_("Build at least one new «Dân vận khéo» model in %(year)d") % {"year": year},
                url=reverse("exemplars:counts"),
            )


YEARLY_MODEL = register(
    ObligationKind(
        key="exemplars.yearly_model",
        label=_("a new «Dân vận khéo» model this year"),
        permission="exemplars.add_exemplar",
        owed=owed_yearly_models,
        reminder_days=(30, 7),
    )
)


# --- sơ kết and tổng kết of each model ------------------------------------------------------


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True)
class ReviewDue:
    """The next review of one cycle a model owes: due ``years`` after its start or its last
    review of this cycle or a longer one (a tổng kết also counts as a sơ kết)."""

    cycle: ReviewCycle
    since: dt.date
    due_on: dt.date

    def overdue(self, today: dt.date) -> bool:
        return self.due_on < today


def reminded_cycles() -> list[ReviewCycle]:
    return list(ReviewCycle.objects.filter(reminded=True, years__gt=0).order_by("years", "code"))


def _last_reviews(cycle: ReviewCycle) -> Any:
    return Max("reviews__reviewed_on", filter=Q(reviews__cycle__years__gte=cycle.years))


def reviews_due(exemplar: Exemplar) -> list[ReviewDue]:
    """The sơ kết / tổng kết the model owes next, one per reminded cycle."""
    due = []
    for cycle in reminded_cycles():
        last = (
            exemplar.reviews.filter(cycle__years__gte=cycle.years)
            .order_by("-reviewed_on")
            .values_list("reviewed_on", flat=True)
            .first()
        )
        since = max(last or exemplar.started_on, exemplar.started_on)
        due.append(ReviewDue(cycle, since, add_years(since, cycle.years)))
    return due


def models_due(
    cycle: ReviewCycle, start: dt.date, end: dt.date
) -> Iterator[tuple[Exemplar, dt.date]]:
    """Models owing a review of ``cycle`` due between ``start`` and ``end``."""
    rows = (
        Exemplar.objects.filter(started_on__lte=add_years(end, -cycle.years))
        .annotate(last=_last_reviews(cycle))
        .select_related("unit")
        .order_by("pk")
    )
    for exemplar in rows.iterator(chunk_size=500):
        last: dt.date | None = getattr(exemplar, "last", None)
        since = max(last or exemplar.started_on, exemplar.started_on)
        due_on = add_years(since, cycle.years)
        if start <= due_on <= end:
            yield exemplar, due_on


def owed_reviews(start: dt.date, end: dt.date) -> Iterator[Owed]:
    for cycle in reminded_cycles():
        for exemplar, due_on in models_due(cycle, start, end):
            yield Owed(
                item_key=f"{exemplar.pk}:{cycle.code}",
                unit=exemplar.unit,
                due_on=due_on,
                title=(
                    _("%(cycle)s: model «%(title)s»")
                    % {"cycle": cycle.name, "title": exemplar.title}
                )[:300],
                url=reverse("exemplars:detail", args=[exemplar.pk]),
            )


REVIEW = register(
    ObligationKind(
        key="exemplars.review",
        label=_("the interim or five-year review of a «Dân vận khéo» model"),
        permission="exemplars.change_exemplar",
        owed=owed_reviews,
        reminder_days=(30, 7),
    )
)
