"""What every petition service shares: the actor's scope, version and date checks, the case
chain (one case per matter)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.errors import UserError
from danvan.core.scoping import (
    Action,
    holds_at,
    permission_name,
    units_where,
    user_can,
)
from danvan.orgs.models import OrgUnit

from ..models import Petition


def units_for(user: Any, action: str = Action.ADD) -> QuerySet[OrgUnit]:
    """Current units where ``user`` may ``action`` petitions."""
    return units_where(user, permission_name(Petition, action))


def can_act_at(user: Any, unit: OrgUnit, action: str = Action.ADD) -> bool:
    """Whether ``user`` may ``action`` petitions of ``unit`` (tested on the unit in hand)."""
    return holds_at(user, permission_name(Petition, action), unit)


def require_change(user: Any, petition: Petition) -> None:
    if not user_can(user, Petition, Action.CHANGE, petition):
        raise PermissionDenied


def today() -> dt.date:
    return timezone.localdate()


def check_day(day: dt.date, label: str, not_before: dt.date | None = None) -> None:
    if day > today():
        raise UserError(
            _("%(label)s (%(day)s) cannot be after today.")
            % {"label": label, "day": format(day, "%d/%m/%Y")}
        )
    if not_before and day < not_before:
        raise UserError(
            _("%(label)s (%(day)s) cannot be before %(not_before)s.")
            % {
                "label": label,
                "day": format(day, "%d/%m/%Y"),
                "not_before": format(not_before, "%d/%m/%Y"),
            }
        )


def root_case(case: Petition | None) -> Petition | None:
    """One case per matter: link to the first petition of the chain."""
    seen = set()
    while case is not None and case.case_id and case.pk not in seen:
        seen.add(case.pk)
        case = case.case
    return case


def is_escalation(case: Petition, unit: OrgUnit) -> bool:
    """A repeat sent to a unit above the one handling the earlier petition (vượt cấp)."""
    lower = case.handling_unit.path
    return len(unit.path) < len(lower) and lower.startswith(unit.path)
