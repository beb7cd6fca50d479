"""The commune's year-end meeting with the community (Luật 10/2022/QH15, Điều 33)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.actors import user_of
from danvan.core.audit import acting_as
from danvan.core.errors import UserError
from danvan.orgs.models import OrgUnit, OrgUnitKind

from ..models import YearEndMeeting
from .common import Action, a_date, bounded, require, required


def record_year_end_meeting(
    *,
    actor: Any,
    owner: OrgUnit,
    held_on: dt.date,
    minutes: str,
    village: OrgUnit | None = None,
) -> YearEndMeeting:
    """Record a year-end meeting of the commune or one of its villages; it meets the commune's
    obligation for the year it was held in."""
    require(actor, YearEndMeeting, Action.ADD, owner)
    if owner.kind != OrgUnitKind.COMMUNE:
        raise UserError(_("The year-end community meeting is held by a commune."))
    if village is not None and village.parent_id != owner.pk:
        raise UserError(_("The village or residential group must belong to the commune."))
    a_date(held_on, _("the date of the meeting"))
    if held_on > timezone.localdate():
        raise UserError(_("Record the meeting once it has been held."))
    minutes = bounded(required(minutes, _("the minutes")), _("minutes"))
    with transaction.atomic(), acting_as(actor):
        return YearEndMeeting.objects.create(
            owner=owner,
            village=village,
            held_on=held_on,
            minutes=minutes,
            created_by=user_of(actor),
        )
