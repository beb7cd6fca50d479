"""Domain operations of hotspots: log a public-opinion signal, confirm or resolve a hotspot.

Writes run in one transaction as the acting user (audited) and refuse bad input with a
Vietnamese :class:`UserError`, writing nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core import scoping
from danvan.core.audit import acting_as, user_of
from danvan.core.errors import UserError
from danvan.core.scoping import Action, permission_name, user_can
from danvan.orgs.models import OrgUnit
from danvan.petitions.models import Petition, Topic

from .detection import Candidate, find_candidates
from .models import HotspotCase, HotspotRule, HotspotStatus, OpinionSignal, SignalSource

MAX_SUMMARY = 5000


def units_where(user: Any, model: type[Any], action: str) -> QuerySet[OrgUnit]:
    """Current units at which ``user`` holds ``action`` on ``model``."""
    return scoping.units_where(user, permission_name(model, action))


def _required(value: Any, label: str) -> None:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise UserError(_("Missing: %(what)s.") % {"what": label})


def log_signal(
    owner: OrgUnit,
    *,
    place: OrgUnit | None,
    topic: Topic | None,
    source: str | None,
    observed_on: dt.date | None,
    summary: str | None,
    people_involved: int | None = None,
    today: dt.date | None = None,
    actor: Any,
) -> OpinionSignal:
    """Record one public-opinion signal in ``owner``'s register."""
    if not units_where(actor, OpinionSignal, Action.ADD).filter(pk=owner.pk).exists():
        raise PermissionDenied
    today = today or timezone.localdate()
    _required(place, _("the commune or ward where it arises"))
    _required(topic, _("the field of the matter"))
    _required(source, _("the information source"))
    _required(observed_on, _("the observation date"))
    _required(summary, _("the summary"))
    assert place is not None and topic is not None and observed_on is not None
    if source not in SignalSource.values:
        raise UserError(
            _(
                "The information source is not valid (conference, press, social media, "
                "Fatherland Front, other)."
            )
        )
    if observed_on > today:
        raise UserError(_("The observation date cannot be in the future."))
    if people_involved is not None and people_involved < 0:
        raise UserError(_("The number of people involved must be a non-negative number."))
    text = (summary or "").strip()
    if len(text) > MAX_SUMMARY:
        raise UserError(
            _("The summary is too long (at most %(max)s characters).") % {"max": MAX_SUMMARY}
        )
    with transaction.atomic(), acting_as(actor):
        return OpinionSignal.objects.create(
            owner=owner,
            place=place,
            topic=topic,
            source=source,
            observed_on=observed_on,
            summary=text,
            people_involved=people_involved,
            created_by=user_of(actor),
        )


def visible_candidates(user: Any, today: dt.date | None = None) -> list[Candidate]:
    """Candidates over the petitions and signals ``user`` may see."""
    return find_candidates(
        Petition.objects.visible_to(user),
        OpinionSignal.objects.visible_to(user),
        today or timezone.localdate(),
    )


def _owner_for(user: Any, place: OrgUnit) -> OrgUnit:
    """The unit whose register holds a hotspot the user confirms: the commune if the user may
    write there, else the user's own unit, else the first unit where the user may."""
    units = units_where(user, HotspotCase, Action.ADD)
    if units.filter(pk=place.pk).exists():
        return place
    home = getattr(user, "org_unit_id", None)
    if home and units.filter(pk=home).exists():
        return OrgUnit.objects.get(pk=home)
    first = units.order_by("path").first()
    if first is None:
        raise PermissionDenied
    return first


def confirm_hotspot(
    *,
    rule_code: str,
    place_id: int,
    topic_id: int,
    note: str,
    today: dt.date | None = None,
    actor: Any,
) -> HotspotCase:
    """Confirm a candidate the actor can see as a hotspot (điểm nóng), with a note."""
    today = today or timezone.localdate()
    if not units_where(actor, HotspotCase, Action.ADD).exists():
        raise PermissionDenied
    if not note or not note.strip():
        raise UserError(_("Write the assessment and the reason for confirming the hotspot."))
    candidate = next(
        (
            c
            for c in visible_candidates(actor, today)
            if c.rule.code == rule_code and c.place_id == place_id and c.topic_id == topic_id
        ),
        None,
    )
    if candidate is None:
        raise UserError(
            _(
                "This potential hotspot is no longer there (the data changed or it is "
                "outside your scope); reload the page."
            )
        )
    if candidate.confirmed is not None:
        raise UserError(_("This area and field have already been confirmed as a hotspot."))
    assert candidate.place is not None
    owner = _owner_for(actor, candidate.place)
    try:
        with transaction.atomic(), acting_as(actor):
            return HotspotCase.objects.create(
                owner=owner,
                place_id=place_id,
                topic_id=topic_id,
                rule=candidate.rule,
                window_start=candidate.window_start,
                window_end=candidate.window_end,
                petitions_count=candidate.petitions,
                signals_count=candidate.signals,
                note=note.strip(),
                confirmed_by=user_of(actor),
            )
    except IntegrityError:
        raise UserError(
            _("This area and field have already been confirmed as a hotspot.")
        ) from None


def resolve_hotspot(
    case: HotspotCase,
    note: str = "",
    today: dt.date | None = None,
    *,
    actor: Any,
    version: int | None,
) -> HotspotCase:
    """Mark a confirmed hotspot resolved (ổn định), keeping it in the record. Sends the
    version read: two officers settling the same case must not overwrite each other's note."""
    if not user_can(actor, HotspotCase, Action.CHANGE, case):
        raise PermissionDenied
    with transaction.atomic(), acting_as(actor):
        case = HotspotCase.objects.select_for_update().get(pk=case.pk)
        case.check_version(version)
        if case.status == HotspotStatus.RESOLVED:
            raise UserError(_("This hotspot has already been recorded as stable."))
        case.bump_version()
        case.status = HotspotStatus.RESOLVED
        case.resolved_on = today or timezone.localdate()
        if note.strip():
            case.note = f"{case.note}\n\n{note.strip()}"
        case.save()
    return case


def active_rules() -> list[HotspotRule]:
    return list(HotspotRule.objects.filter(is_active=True))
