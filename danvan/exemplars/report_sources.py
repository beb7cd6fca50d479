"""Figures of the dân vận report computed from the models (one unit itself over the window)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from danvan.orgs.models import OrgUnit
from danvan.reporting.sources import register

from .models import Exemplar


@register("exemplars.models_built", _("«Dân vận khéo» models started"))
def models_built(unit: OrgUnit, start: dt.date, end: dt.date) -> Decimal:
    return Decimal(
        Exemplar.objects.filter(unit=unit, started_on__gte=start, started_on__lte=end).count()
    )


@register("exemplars.models_replicated", _("«Dân vận khéo» models replicated from another unit"))
def models_replicated(unit: OrgUnit, start: dt.date, end: dt.date) -> Decimal:
    return Decimal(
        Exemplar.objects.filter(
            unit=unit, replicates__isnull=False, started_on__gte=start, started_on__lte=end
        ).count()
    )
