"""«At least one new model a year» as an obligation each commune and department owes by 31/12.

Derived from the data on every run (nothing stored): a unit with no model started in the year
(its own, its villages', or those of a commune merged into it) owes one by the year's end.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from danvan.core.obligations import ObligationKind, Owed, register
from danvan.orgs.models import OrgUnit

from .counts import YEARLY_TARGET, rolled_up
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
                title=f"Xây dựng ít nhất một mô hình «Dân vận khéo» mới trong năm {year}",
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
