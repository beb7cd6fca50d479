"""The citizens' portal card of disclosure and consultation: what is open now."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from danvan.core.dashboard import register_tile

from .models import Consultation, Disclosure


@register_tile("portal.participation", "participation/portal/card.html", 30, board="portal")
def participation_card(request: HttpRequest) -> dict[str, Any]:
    today = timezone.localdate()
    open_now = Consultation.objects.published().open_on(today)
    soonest = open_now.order_by("closes_on").values_list("closes_on", flat=True).first()
    return {
        "disclosures": Disclosure.objects.current(today).count(),
        "consultations": open_now.count(),
        "closes_on": soonest,
    }
