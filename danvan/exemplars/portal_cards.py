"""The citizens' portal card of commended «Dân vận khéo» models."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from danvan.core.dashboard import register_tile

from .models import Exemplar


@register_tile("portal.exemplars", "exemplars/portal_card.html", 40, board="portal")
def exemplars_card(request: HttpRequest) -> dict[str, Any]:
    return {"commended": Exemplar.objects.commended().count()}
