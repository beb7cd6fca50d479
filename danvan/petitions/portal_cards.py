"""The citizens' portal cards of reception and petitions: what is there now, from public data."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Q
from django.http import HttpRequest
from django.utils import timezone

from danvan.core.dashboard import register_tile
from danvan.core.text import vn_number

from .models import Petition, ReceptionSchedule
from .reception import services as reception_services

#: The days ahead the reception card counts (the schedules page shows the same two weeks).
DAYS_AHEAD = 14


@register_tile("portal.reception", "petitions/portal/card_reception.html", 10, board="portal")
def reception_card(request: HttpRequest) -> dict[str, Any]:
    today = timezone.localdate()
    until = today + dt.timedelta(days=DAYS_AHEAD)
    schedules = (
        ReceptionSchedule.objects.filter(is_published=True, valid_from__lte=today)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
        .select_related("unit", "place")
    )
    sessions = sorted(
        (
            (day, schedule.start_time, schedule)
            for schedule in schedules
            for day in reception_services.occurrences(schedule, today, until)
        ),
        key=lambda row: (row[0], row[1]),
    )
    return {
        "sessions": len(sessions),
        "units": len({schedule.unit_id for _day, _time, schedule in sessions}),
        "next": sessions[0] if sessions else None,
        "days": DAYS_AHEAD,
    }


@register_tile("portal.petitions", "petitions/portal/card_petitions.html", 20, board="portal")
def petitions_card(request: HttpRequest) -> dict[str, Any]:
    year = timezone.localdate().year
    counts = Petition.objects.filter(received_on__year=year).aggregate(
        received=Count("pk"), answered=Count("pk", filter=Q(answered_on__isnull=False))
    )
    return {
        "year": year,
        "received": vn_number(counts["received"]),
        "answered": vn_number(counts["answered"]),
    }
