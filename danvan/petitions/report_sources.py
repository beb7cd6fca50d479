"""Figures of petitions and citizen reception for periodic reports (nguồn số liệu báo cáo).

Registered with :mod:`danvan.reporting.sources` when the app starts (``PetitionsConfig.ready``).
Each figure is of **one unit itself** — petitions whose ``handling_unit`` is the unit, register
lines (sổ tiếp công dân) kept by the unit — over the report's data window, both ends included;
the reports of the units below are added up by consolidation, not here. Each figure is one
aggregate query.

Dates are the effective dates officers record: ``received_on`` for receipt, ``answered_on`` for
the answer, ``PetitionEvent.on`` for each workflow step.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import DateField, F, OuterRef, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce, Greatest
from django.utils.translation import gettext_lazy as _

from danvan.orgs.models import OrgUnit
from danvan.reporting.sources import Compute, register

from .casework.models import (
    FINISHED_STATES,
    Petition,
    PetitionEvent,
    PetitionExtension,
    PetitionKind,
    PetitionState,
)
from .reception.models import ReceptionEntry


def _received(unit: OrgUnit, start: dt.date, end: dt.date) -> QuerySet[Petition]:
    return Petition.objects.filter(handling_unit_id=unit.pk, received_on__range=(start, end))


def _count(queryset: QuerySet[Petition]) -> Decimal:
    return Decimal(queryset.count())


@register("petitions.received", _("Petitions received (all kinds)"))
def received(unit: OrgUnit, start: dt.date, end: dt.date) -> Decimal:
    """Petitions (đơn) the unit received in the window, whatever their kind or state."""
    return _count(_received(unit, start, end))


def _received_of_kind(kind: str) -> Compute:
    def compute(unit: OrgUnit, start: dt.date, end: dt.date) -> Decimal:
        return _count(_received(unit, start, end).filter(kind=kind))

    return compute


# The kind is set when a petition is classified: petitions still waiting to be classified count
# in ``petitions.received`` only.
for _kind, _label in (
    (PetitionKind.COMPLAINT, _("Complaints received (khiếu nại)")),
    (PetitionKind.DENUNCIATION, _("Denunciations received (tố cáo)")),
    (PetitionKind.RECOMMENDATION, _("Recommendations received (kiến nghị)")),
    (PetitionKind.FEEDBACK, _("Feedback received (phản ánh)")),
):
    register(f"petitions.received_{_kind}", _label)(_received_of_kind(_kind))


@register("petitions.crowded", _("Crowded petitions received (đông người)"))
def crowded(unit: OrgUnit, start: dt.date, end: dt.date) -> Decimal:
    """Petitions of five or more people (đơn đông người) the unit received in the window."""
    return _count(_received(unit, start, end).filter(is_crowded=True))


def _answered(unit: OrgUnit, start: dt.date, end: dt.date) -> QuerySet[Petition]:
    return Petition.objects.filter(handling_unit_id=unit.pk, answered_on__range=(start, end))


@register("petitions.answered", _("Petitions resolved and answered"))
def answered(unit: OrgUnit, start: dt.date, end: dt.date) -> Decimal:
    """Petitions the unit resolved and answered (đã giải quyết, trả lời) in the window, by the
    answer date (``answered_on``), whenever they were received. Petitions transferred, guided or
    archived are finished without an answer and do not count."""
    return _count(_answered(unit, start, end))


def _extended_due(until: dt.date | None = None) -> Subquery[Any]:
    """The latest due date granted by an extension (gia hạn) of the petition."""
    extensions = PetitionExtension.objects.filter(petition=OuterRef("pk"))
    if until is not None:
        extensions = extensions.filter(decision_date__lte=until)
    return Subquery(extensions.order_by("-due_on").values("due_on")[:1], output_field=DateField())


def _later(a: Subquery[Any], b: Subquery[Any]) -> Greatest:
    # GREATEST is NULL on SQLite as soon as one side is NULL; PostgreSQL skips NULLs.
    return Greatest(Coalesce(a, b), Coalesce(b, a), output_field=DateField())


@register("petitions.answered_on_time", _("Petitions answered on time"))
def answered_on_time(unit: OrgUnit, start: dt.date, end: dt.date) -> Decimal:
    """Of ``petitions.answered``, those answered by the due date in force when answered.

    Answering ends the step, so the petition's own ``due_on`` is cleared then; the due date in
    force is read from the workflow log instead: the ``due_on`` of the last
    :class:`PetitionEvent` before the answer (the event that opened the step in which the answer
    was given — for a complaint or a denunciation the resolution period, thời hạn giải quyết,
    running from acceptance; otherwise the handling period), or the due date of the latest
    extension (gia hạn) when later. A petition with no recorded due date is not counted as on
    time.
    """
    step_due = Subquery(
        PetitionEvent.objects.filter(petition=OuterRef("pk"))
        .exclude(to_state__in=[PetitionState.ANSWERED, PetitionState.CLOSED])
        .order_by("-at", "-id")
        .values("due_on")[:1],
        output_field=DateField(),
    )
    return _count(
        _answered(unit, start, end)
        .alias(due_at_answer=_later(step_due, _extended_due()))
        .filter(answered_on__lte=F("due_at_answer"))
    )


@register("petitions.overdue_open", _("Open petitions overdue at the end of the period"))
def overdue_open(unit: OrgUnit, start: dt.date, end: dt.date) -> Decimal:
    """Petitions still open on the last day of the window whose due date had passed that day.

    The state and due date are those in force on ``end``, read from the workflow log rather
    than the petition's current state (which may have moved since): the last
    :class:`PetitionEvent` effective on or before ``end`` gives the state (open means not
    transferred, guided, archived, answered, closed or withdrawn) and the step's due date, raised
    by any extension (gia hạn) decided by then. Overdue means that due date is before ``end``,
    as ``Petition.objects.overdue(today)`` counts today. Petitions received before the window
    count too: they are overdue in it.
    """
    last = PetitionEvent.objects.filter(petition=OuterRef("pk"), on__lte=end).order_by(
        "-on", "-at", "-id"
    )
    return _count(
        Petition.objects.filter(handling_unit_id=unit.pk, received_on__lte=end)
        .alias(
            state_then=Subquery(last.values("to_state")[:1]),
            due_then=_later(
                Subquery(last.values("due_on")[:1], output_field=DateField()), _extended_due(end)
            ),
        )
        .filter(due_then__lt=end)
        .exclude(state_then__in=FINISHED_STATES)
    )


@register("reception.entries", _("Citizen receptions (register entries)"))
def reception_entries(unit: OrgUnit, start: dt.date, end: dt.date) -> Decimal:
    """Lượt tiếp công dân: lines of the unit's reception register (sổ tiếp công dân, Thông tư
    04/2021/TT-TTCP) dated in the window; a group received together is one line."""
    return Decimal(_receptions(unit, start, end).count())


@register("reception.people", _("People received at citizen reception"))
def reception_people(unit: OrgUnit, start: dt.date, end: dt.date) -> Decimal:
    """Số người được tiếp: the people of those register lines (the group size of each)."""
    total = _receptions(unit, start, end).aggregate(n=Sum("group_size"))["n"]
    return Decimal(total or 0)


def _receptions(unit: OrgUnit, start: dt.date, end: dt.date) -> QuerySet[ReceptionEntry]:
    return ReceptionEntry.objects.filter(unit_id=unit.pk, received_on__range=(start, end))
