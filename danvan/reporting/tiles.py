"""The reporting tile of the dashboard: this period's completeness of the forms in scope."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from danvan.core.dashboard import register_tile


@register_tile("reporting.summary", "reporting/tiles/summary.html", order=30)
def reporting_summary(request: HttpRequest) -> dict[str, Any] | None:
    from .views_support import dashboard_tile

    return dashboard_tile(request)
