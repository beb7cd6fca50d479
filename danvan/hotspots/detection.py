"""Candidate hotspots, computed at query time from petitions and signals.

For each active rule, one aggregate query counts the matching petitions per (commune, topic)
received in the rule's window, and for volume rules one more counts the signals; the pairs that
reach the threshold are candidates. Nothing is stored: a candidate appears the day the data
reaches the threshold and disappears when it falls out of the window. The same code serves the
dashboard (over what the viewer may see) and the notification job (over everything).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet

from danvan.orgs.models import OrgUnit
from danvan.petitions.models import Petition, Topic

from .models import HotspotCase, HotspotRule, OpinionSignal, RuleKind


@dataclass
class Candidate:
    """A commune × topic that a rule flags."""

    rule: HotspotRule
    place_id: int
    topic_id: int
    petitions: int
    signals: int
    window_start: dt.date
    window_end: dt.date
    place: OrgUnit | None = None
    topic: Topic | None = None
    confirmed: HotspotCase | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return self.petitions + self.signals

    @property
    def key(self) -> str:
        """Names the rule, place, topic and window period, for notifications sent once."""
        period = self.window_end.toordinal() // self.rule.window_days
        return f"hotspots.candidate:{self.rule.code}:{self.place_id}:{self.topic_id}:{period}"


def window(rule: HotspotRule, today: dt.date) -> tuple[dt.date, dt.date]:
    """The last ``window_days`` days, today included."""
    return today - dt.timedelta(days=rule.window_days - 1), today


def petition_filter(rule: HotspotRule) -> Q:
    if rule.kind == RuleKind.CROWDED:
        return Q(is_crowded=True)
    if rule.kind == RuleKind.ESCALATED:
        return Q(escalated=True)
    return Q()


def _counts(qs: QuerySet[Any], date_field: str, start: dt.date, end: dt.date) -> dict[Any, int]:
    rows = (
        qs.filter(**{f"{date_field}__gte": start, f"{date_field}__lte": end})
        .filter(place__isnull=False, topic__isnull=False)
        .order_by()
        .values_list("place_id", "topic_id")
        .annotate(n=Count("pk"))
    )
    return {(place, topic): n for place, topic, n in rows}


def find_candidates(
    petitions: QuerySet[Petition],
    signals: QuerySet[OpinionSignal],
    today: dt.date,
    rules: list[HotspotRule] | None = None,
    resolve: bool = True,
) -> list[Candidate]:
    """Candidates flagged by the active rules over ``petitions`` and ``signals``.

    ``petitions`` and ``signals`` are already limited to what the caller may see. With
    ``resolve`` the communes, topics and open hotspot cases are attached (three more queries).
    """
    if rules is None:
        rules = list(HotspotRule.objects.filter(is_active=True))
    found: list[Candidate] = []
    for rule in rules:
        start, end = window(rule, today)
        counted_petitions: dict[Any, int] = {}
        counted_signals: dict[Any, int] = {}
        if rule.count_petitions or rule.kind != RuleKind.VOLUME:
            counted_petitions = _counts(
                petitions.filter(petition_filter(rule)), "received_on", start, end
            )
        if rule.kind == RuleKind.VOLUME and rule.count_signals:
            counted_signals = _counts(signals, "observed_on", start, end)
        for pair in set(counted_petitions) | set(counted_signals):
            p, s = counted_petitions.get(pair, 0), counted_signals.get(pair, 0)
            if p + s >= rule.threshold:
                found.append(Candidate(rule, pair[0], pair[1], p, s, start, end))
    found.sort(key=lambda c: (-c.total, c.rule.position, c.place_id, c.topic_id))
    if resolve and found:
        _resolve(found)
    return found


def _resolve(found: list[Candidate]) -> None:
    places = OrgUnit.objects.in_bulk({c.place_id for c in found})
    topics = Topic.objects.in_bulk({c.topic_id for c in found})
    pairs = Q(pk__in=[])
    for c in found:
        pairs |= Q(place_id=c.place_id, topic_id=c.topic_id)
    confirmed: dict[tuple[int, int], HotspotCase] = defaultdict()
    for case in HotspotCase.objects.open().filter(pairs):
        confirmed[(case.place_id, case.topic_id)] = case
    for c in found:
        c.place = places.get(c.place_id)
        c.topic = topics.get(c.topic_id)
        c.confirmed = confirmed.get((c.place_id, c.topic_id))
