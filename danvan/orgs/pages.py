"""The unit a summary page is about, read from ``?unit=`` within the reader's scope."""

from __future__ import annotations

from django.http import Http404, HttpRequest

from danvan.core.params import int_param

from .models import OrgUnit


def unit_in_scope(request: HttpRequest) -> OrgUnit:
    """``?unit=`` when the reader may see it, else the reader's own unit, else the first unit
    of the reader's scope (404 when the reader sees no unit at all)."""
    visible = OrgUnit.objects.visible_to(request.user)
    unit_id = int_param(request, "unit")
    root = visible.filter(pk=unit_id).first() if unit_id else None
    if root is None:
        own = getattr(request.user, "org_unit", None)
        root = own if own is not None and visible.filter(pk=own.pk).exists() else None
    if root is None:
        root = visible.order_by("path").first()
    if root is None:
        raise Http404
    return root
