"""The figures of the hotspot dashboard: volumes by commune, topic and month; crowded,
long-running and overdue cases. Aggregate SQL over what the viewer may see, the same on SQLite
and PostgreSQL; a fixed number of queries whatever the volume.

Petitions are read through an explicit list of fields: never a petitioner's identity.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Count, QuerySet
from django.db.models.functions import TruncMonth

from danvan.orgs.models import OrgUnit
from danvan.petitions.casework.models import PetitionQuerySet
from danvan.petitions.models import Petition, Topic

from .models import OpinionSignal

LIST_LIMIT = 20
TOP = 15
# The only petition fields the dashboard reads.
CASE_FIELDS = (
    "pk",
    "tracking_code",
    "title",
    "kind",
    "state",
    "received_on",
    "due_on",
    "crowd_size",
    "is_crowded",
    "escalated",
    "handling_unit__name",
    "place__name",
    "topic__name",
)


def long_running_days() -> int:
    return settings.HOTSPOTS_LONG_RUNNING_DAYS


def month_start(day: dt.date, back: int = 0) -> dt.date:
    """The first day of the month ``back`` months before ``day``'s."""
    index = day.year * 12 + day.month - 1 - back
    return dt.date(index // 12, index % 12 + 1, 1)


@dataclass
class Row:
    key: Any
    label: str
    petitions: int
    signals: int

    @property
    def total(self) -> int:
        return self.petitions + self.signals


def _grouped(qs: QuerySet[Any], field: str) -> dict[Any, int]:
    return dict(qs.order_by().values_list(field).annotate(n=Count("pk")).values_list(field, "n"))


def _merge(
    petitions: dict[Any, int], signals: dict[Any, int], labels: dict[Any, str], top: int | None
) -> list[Row]:
    rows = [
        Row(key, labels.get(key, "—"), petitions.get(key, 0), signals.get(key, 0))
        for key in set(petitions) | set(signals)
        if key is not None
    ]
    rows.sort(key=lambda r: (-r.total, r.label))
    return rows[:top] if top else rows


def volumes(
    petitions: QuerySet[Petition], signals: QuerySet[OpinionSignal], start: dt.date, end: dt.date
) -> dict[str, list[Row]]:
    """Petitions and signals by commune, topic and month between ``start`` and ``end``."""
    p = petitions.filter(received_on__gte=start, received_on__lte=end)
    s = signals.filter(observed_on__gte=start, observed_on__lte=end)
    p_place, s_place = _grouped(p, "place_id"), _grouped(s, "place_id")
    p_topic, s_topic = _grouped(p, "topic_id"), _grouped(s, "topic_id")
    p_month = _grouped(p.annotate(m=TruncMonth("received_on")), "m")
    s_month = _grouped(s.annotate(m=TruncMonth("observed_on")), "m")
    # Only the communes shown (the TOP by volume) are named: at national scale the period's
    # petitions come from every one of the country's 3,321 communes.
    # Those tied with the last one shown are named too: ties are ordered by name.
    place_totals = {k: p_place.get(k, 0) + s_place.get(k, 0) for k in set(p_place) | set(s_place)}
    ranked = sorted(place_totals.values(), reverse=True)
    least = ranked[TOP - 1] if len(ranked) >= TOP else 0
    shown = [k for k, total in place_totals.items() if total >= least]
    places = dict(OrgUnit.objects.filter(pk__in=shown).values_list("pk", "name"))
    topics = dict(
        Topic.objects.filter(pk__in=set(p_topic) | set(s_topic)).values_list("pk", "name")
    )
    months = []
    n_months = (end.year - start.year) * 12 + end.month - start.month + 1
    for back in range(n_months - 1, -1, -1):
        first = month_start(end, back)
        key = _month_key(first)
        months.append(
            Row(
                first,
                f"{first:%m/%Y}",
                sum(v for k, v in p_month.items() if _month_key(k) == key),
                sum(v for k, v in s_month.items() if _month_key(k) == key),
            )
        )
    return {
        "by_commune": _merge(p_place, s_place, places, TOP),
        "by_topic": _merge(p_topic, s_topic, topics, None),
        "by_month": months,
    }


def _month_key(value: Any) -> str:
    """TruncMonth gives a date (or datetime) on both databases; compare as YYYY-MM."""
    if value is None:
        return ""
    return f"{value.year:04d}-{value.month:02d}"


def cases(petitions: PetitionQuerySet, today: dt.date) -> dict[str, Any]:
    """Crowded, long-running and overdue open cases (counts and the first ones)."""
    open_ = petitions.open()
    crowded = open_.filter(is_crowded=True).order_by("-crowd_size", "received_on", "pk")
    long_running = open_.filter(
        received_on__lt=today - dt.timedelta(days=long_running_days())
    ).order_by("received_on", "pk")
    overdue = petitions.overdue(today).order_by("due_on", "pk")
    return {
        "crowded": list(crowded.values(*CASE_FIELDS)[:LIST_LIMIT]),
        "crowded_count": crowded.count(),
        "long_running": list(long_running.values(*CASE_FIELDS)[:LIST_LIMIT]),
        "long_running_count": long_running.count(),
        "long_running_days": long_running_days(),
        "overdue": list(overdue.values(*CASE_FIELDS)[:LIST_LIMIT]),
        "overdue_count": overdue.count(),
    }
