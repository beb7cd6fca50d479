"""Figures of the dân vận report and the evaluation computed from training (one unit itself over
the window; the coverage figures count the officials of its subtree, as the coverage page does)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from danvan.orgs.models import OrgUnit
from danvan.reporting.sources import register

from . import coverage
from .models import Attendance, TrainingClass


@register("training.trainings_held", _("Training classes held"))
def trainings_held(unit: OrgUnit, start: dt.date, end: dt.date) -> Decimal:
    return Decimal(
        TrainingClass.objects.filter(
            organiser=unit, starts_on__gte=start, starts_on__lte=end
        ).count()
    )


@register("training.officials_trained", _("Officials trained"))
def officials_trained(unit: OrgUnit, start: dt.date, end: dt.date) -> Decimal:
    """Officials of the unit who completed a class in the window (each once)."""
    return Decimal(
        Attendance.objects.filter(
            unit=unit, completed=True, training__starts_on__gte=start,
            training__starts_on__lte=end,
        ).values("official_id").distinct().count()
    )  # fmt: skip


@register(
    "training.citizen_facing_officials",
    _("Officials in citizen-facing positions who must be trained"),
)
def citizen_facing_officials(unit: OrgUnit, start: dt.date, end: dt.date) -> Decimal:
    """The coverage's denominator (:mod:`.coverage`) for the unit's own officials."""
    required, _trained = coverage.own_coverage(unit, start, end)
    return Decimal(len(required))


@register(
    "training.citizen_facing_trained",
    _("Officials in citizen-facing positions trained"),
)
def citizen_facing_trained(unit: OrgUnit, start: dt.date, end: dt.date) -> Decimal:
    """The coverage's numerator: of those, the ones who completed a class started in the
    window."""
    _required, trained = coverage.own_coverage(unit, start, end)
    return Decimal(len(trained))
