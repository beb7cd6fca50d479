"""Telling leaders about new candidate hotspots, once per rule, commune, topic and window."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.audit import SYSTEM, acting_as
from danvan.core.scoping import explicit_permission
from danvan.orgs.models import OrgUnit
from danvan.orgs.succession import carrier_of
from danvan.petitions.models import Petition

from .detection import find_candidates
from .models import OpinionSignal

#: Quy định 11-QĐi/TW (2019) makes the head of the party committee act on crowded, complex
#: matters: leading the response to a candidate hotspot is a duty of named people, so no
#: wildcard (``hotspots.*``, which officers hold too) grants it; the ``leader`` role names it
#: (migration ``hotspots.0005``). Superusers are not alerted.
LEAD_RESPONSE = explicit_permission("hotspots.lead_response", superuser=False)


def leaders_for(place: OrgUnit) -> list[Any]:
    """Who leads the response at the commune and at every unit above it whose grant covers it.

    A commune merged away is answered for by the unit that carries it on (``carrier_of``).
    """
    from danvan.notifications.services import officials_holding

    return officials_holding(LEAD_RESPONSE, carrier_of(place), every_level=True)


def alert_new_candidates(today: dt.date | None = None) -> int:
    """Notify leaders of each candidate not told about yet; returns notifications created."""
    from danvan.notifications.services import notify

    today = today or timezone.localdate()
    candidates = find_candidates(Petition.objects.all(), OpinionSignal.objects.all(), today)
    sent = 0
    with transaction.atomic(), acting_as(SYSTEM):
        for c in candidates:
            if c.confirmed is not None or c.place is None or c.topic is None:
                continue
            created = notify(
                c.key,
                leaders_for(c.place),
                (
                    _("Potential hotspot: %(topic)s in %(place)s")
                    % {"topic": c.topic.name, "place": c.place.name}
                )[:300],
                _(
                    "The rule «%(rule)s» found %(petitions)s petitions and %(signals)s "
                    "public-opinion reports about %(topic)s in %(place)s from %(start)s to "
                    "%(end)s. Please review, confirm and direct the handling."
                )
                % {
                    "rule": c.rule.name,
                    "petitions": c.petitions,
                    "signals": c.signals,
                    "topic": c.topic.name,
                    "place": c.place.name,
                    "start": f"{c.window_start:%d/%m/%Y}",
                    "end": f"{c.window_end:%d/%m/%Y}",
                },
                url=reverse("hotspots:dashboard"),
            )
            sent += len(created)
    return sent
