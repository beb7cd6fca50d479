"""Officer pages of grassroots democracy, one module per concept; shared helpers here.

Views read through the scoping API and write only through the services; every link shown is
one the reader may follow (flags computed in the views).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from danvan.core.errors import UserError
from danvan.core.params import int_param
from danvan.core.scoping import (
    Action,
    permission_name,
    units_where,
)
from danvan.orgs.models import OrgUnit

from ..models import (
    Consultation,
    Disclosure,
    PeopleDecision,
    SupervisionRecommendation,
)

PAGE_SIZE = 50


def _units(user: Any, model: type[Any], action: str = Action.ADD) -> Any:
    return units_where(user, permission_name(model, action)).order_by("path")


def _fail(request: HttpRequest, form: Any, exc: UserError) -> None:
    form.add_error(None, exc.message)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    recommendations = SupervisionRecommendation.objects.visible_to(request.user)
    return render(
        request,
        "participation/home.html",
        {
            "disclosures": Disclosure.objects.visible_to(request.user).count(),
            "open_consultations": Consultation.objects.visible_to(request.user)
            .open_on(today)
            .count(),
            "decisions": PeopleDecision.objects.visible_to(request.user).count(),
            "overdue": recommendations.overdue(today).count(),
            "recommendations": recommendations.count(),
        },
    )


def _unit_param(request: HttpRequest, model: type[Any]) -> OrgUnit:
    """The unit asked for (``?unit=``) if the official may read it, else their own unit."""
    pk = int_param(request, "unit")
    visible = OrgUnit.objects.visible_to(request.user)
    if pk is not None:
        unit = visible.filter(pk=pk).first()
        if unit is None:
            raise Http404
        return unit
    own = getattr(request.user, "org_unit", None)
    if own is not None and visible.filter(pk=own.pk).exists():
        return own  # type: ignore[no-any-return]
    first = _units(request.user, model, Action.VIEW).first()
    if first is None:
        raise Http404
    return first  # type: ignore[no-any-return]
