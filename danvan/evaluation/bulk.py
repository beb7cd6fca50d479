"""Figures of many units at once, for opening a round over a whole province or the country.

A source of :mod:`danvan.reporting.sources` computes one unit (one query each): thousands of
units × a dozen criteria would be tens of thousands of queries. A source may also register here a
function computing the same figure for many units in one ``GROUP BY`` query; a round uses it when
present and falls back to the unit-by-unit source otherwise. ``tests/test_bulk.py`` checks that
every bulk function gives, unit by unit, exactly what its source gives.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from django.db.models import Count, DateField, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import TruncDate

from danvan.orgs.models import OrgUnit
from danvan.reporting import sources

Bulk = Callable[[Sequence[int], dt.date, dt.date], dict[int, Decimal | None]]

_bulk: dict[str, Bulk] = {}


def register_bulk(code: str) -> Callable[[Bulk], Bulk]:
    def decorate(function: Bulk) -> Bulk:
        _bulk[code] = function
        return function

    return decorate


def registered() -> dict[str, Bulk]:
    return dict(_bulk)


def figures(
    code: str, units: Sequence[OrgUnit], start: dt.date, end: dt.date
) -> dict[int, Decimal | None]:
    """The figure of ``code`` for each unit (by id)."""
    function = _bulk.get(code)
    if function is not None:
        found = function([u.pk for u in units], start, end)
        return {u.pk: found.get(u.pk, Decimal(0)) for u in units}
    source = sources.get(code)
    if source is None:
        return dict.fromkeys((u.pk for u in units), None)
    return {u.pk: source.compute(u, start, end) for u in units}


def _counts(queryset: QuerySet[Any], unit_field: str) -> dict[int, Decimal | None]:
    rows = queryset.order_by().values(unit_field).annotate(n=Count("pk", distinct=True))
    return {r[unit_field]: Decimal(r["n"]) for r in rows}


# --- the evaluation's own sources (evaluation/sources.py) ---------------------------------------


@register_bulk("plans.obligations_due")
def _obligations_due(ids: Sequence[int], start: dt.date, end: dt.date) -> dict[int, Decimal | None]:
    from danvan.plans.models import ImplementationObligation

    qs = ImplementationObligation.objects.filter(holder_id__in=ids, due_on__range=(start, end))
    return _counts(qs, "holder_id")


@register_bulk("plans.obligations_on_time")
def _obligations_on_time(
    ids: Sequence[int], start: dt.date, end: dt.date
) -> dict[int, Decimal | None]:
    from danvan.plans.models import ImplementationObligation

    qs = ImplementationObligation.objects.filter(
        holder_id__in=ids, due_on__range=(start, end), submitted_on__lte=F("due_on")
    )
    return _counts(qs, "holder_id")


@register_bulk("plans.tasks_due")
def _tasks_due(ids: Sequence[int], start: dt.date, end: dt.date) -> dict[int, Decimal | None]:
    from danvan.plans.models import Task

    return _counts(
        Task.objects.filter(lead_unit_id__in=ids, due_on__range=(start, end)), "lead_unit_id"
    )


@register_bulk("plans.tasks_done_on_time")
def _tasks_on_time(ids: Sequence[int], start: dt.date, end: dt.date) -> dict[int, Decimal | None]:
    from danvan.plans.models import Task

    from .sources import ON_TIME

    qs = Task.objects.filter(lead_unit_id__in=ids, due_on__range=(start, end)).filter(ON_TIME)
    return _counts(qs, "lead_unit_id")


@register_bulk("reporting.submissions_due")
def _reports_due(ids: Sequence[int], start: dt.date, end: dt.date) -> dict[int, Decimal | None]:
    from danvan.reporting.models import Submission

    return _counts(
        Submission.objects.filter(unit_id__in=ids, due_on__range=(start, end)), "unit_id"
    )


@register_bulk("reporting.submissions_on_time")
def _reports_on_time(ids: Sequence[int], start: dt.date, end: dt.date) -> dict[int, Decimal | None]:
    from danvan.reporting.models import Submission

    qs = (
        Submission.objects.filter(unit_id__in=ids, due_on__range=(start, end))
        .annotate(sent=TruncDate("first_submitted_at"))
        .filter(sent__lte=F("due_on"))
    )
    return _counts(qs, "unit_id")


@register_bulk("dialogues.held")
def _dialogues(ids: Sequence[int], start: dt.date, end: dt.date) -> dict[int, Decimal | None]:
    from danvan.dialogues.models import Dialogue

    return _counts(
        Dialogue.objects.filter(owner_id__in=ids, held_on__range=(start, end)), "owner_id"
    )


# --- other modules' sources, the same filters grouped by unit ----------------------------------


@register_bulk("petitions.answered")
def _answered(ids: Sequence[int], start: dt.date, end: dt.date) -> dict[int, Decimal | None]:
    from danvan.petitions.models import Petition

    qs = Petition.objects.filter(handling_unit_id__in=ids, answered_on__range=(start, end))
    return _counts(qs, "handling_unit_id")


@register_bulk("petitions.answered_on_time")
def _answered_on_time(
    ids: Sequence[int], start: dt.date, end: dt.date
) -> dict[int, Decimal | None]:
    from danvan.petitions.casework.models import PetitionEvent, PetitionState
    from danvan.petitions.models import Petition
    from danvan.petitions.report_sources import _extended_due, _later

    step_due = Subquery(
        PetitionEvent.objects.filter(petition=OuterRef("pk"))
        .exclude(to_state__in=[PetitionState.ANSWERED, PetitionState.CLOSED])
        .order_by("-at", "-id")
        .values("due_on")[:1],
        output_field=DateField(),
    )
    qs = (
        Petition.objects.filter(handling_unit_id__in=ids, answered_on__range=(start, end))
        .alias(due_at_answer=_later(step_due, _extended_due()))
        .filter(answered_on__lte=F("due_at_answer"))
    )
    return _counts(qs, "handling_unit_id")


@register_bulk("petitions.overdue_open")
def _overdue_open(ids: Sequence[int], start: dt.date, end: dt.date) -> dict[int, Decimal | None]:
    from danvan.petitions.casework.models import FINISHED_STATES, PetitionEvent
    from danvan.petitions.models import Petition
    from danvan.petitions.report_sources import _extended_due, _later

    last = PetitionEvent.objects.filter(petition=OuterRef("pk"), on__lte=end).order_by(
        "-on", "-at", "-id"
    )
    qs = (
        Petition.objects.filter(handling_unit_id__in=ids, received_on__lte=end)
        .alias(
            state_then=Subquery(last.values("to_state")[:1]),
            due_then=_later(
                Subquery(last.values("due_on")[:1], output_field=DateField()), _extended_due(end)
            ),
        )
        .filter(due_then__lt=end)
        .exclude(state_then__in=FINISHED_STATES)
    )
    return _counts(qs, "handling_unit_id")


@register_bulk("surveys.satisfaction_index")
def _satisfaction(ids: Sequence[int], start: dt.date, end: dt.date) -> dict[int, Decimal | None]:
    from danvan.surveys.index import by_owner, primary_formula
    from danvan.surveys.models import Questionnaire

    formula = primary_formula()
    if formula is None:
        return dict.fromkeys(ids, None)
    found = by_owner(Questionnaire.objects.filter(owner_id__in=ids), formula, (start, end))
    return {pk: found.get(pk) for pk in ids}


def _disclosures(ids: Sequence[int], start: dt.date, end: dt.date) -> dict[int, Any]:
    from danvan.participation.compliance import units_window

    return units_window(OrgUnit.objects.filter(pk__in=ids), start, end)


@register_bulk("participation.disclosures_required")
def _disclosures_required(
    ids: Sequence[int], start: dt.date, end: dt.date
) -> dict[int, Decimal | None]:
    return {pk: Decimal(len(u.required_rows)) for pk, u in _disclosures(ids, start, end).items()}


@register_bulk("participation.disclosures_complete")
def _disclosures_complete(
    ids: Sequence[int], start: dt.date, end: dt.date
) -> dict[int, Decimal | None]:
    return {pk: Decimal(len(u.complete_rows)) for pk, u in _disclosures(ids, start, end).items()}


def _comments(ids: Sequence[int], start: dt.date, end: dt.date) -> QuerySet[Any]:
    from danvan.participation.models import Comment, Moderation

    return Comment.objects.filter(
        consultation__owner_id__in=ids,
        consultation__closes_on__range=(start, end),
        merged_into__isnull=True,
    ).exclude(status=Moderation.REJECTED)


@register_bulk("participation.comments_to_answer")
def _comments_to_answer(
    ids: Sequence[int], start: dt.date, end: dt.date
) -> dict[int, Decimal | None]:
    return _counts(_comments(ids, start, end), "consultation__owner_id")


@register_bulk("participation.comments_answered")
def _comments_answered(
    ids: Sequence[int], start: dt.date, end: dt.date
) -> dict[int, Decimal | None]:
    from danvan.participation.report_sources import ANSWERED

    return _counts(_comments(ids, start, end).filter(ANSWERED), "consultation__owner_id")


def _feedback(
    ids: Sequence[int], start: dt.date, end: dt.date, on_time: bool
) -> dict[int, Decimal | None]:
    from danvan.participation.models import BoardFinding, SupervisionRecommendation
    from danvan.participation.report_sources import ANSWERED_ON_TIME

    front = SupervisionRecommendation.objects.filter(
        answering_unit_id__in=ids, due_on__range=(start, end)
    )
    boards = BoardFinding.objects.filter(board__owner_id__in=ids, due_on__range=(start, end))
    if on_time:
        front, boards = front.filter(ANSWERED_ON_TIME), boards.filter(ANSWERED_ON_TIME)
    out = _counts(front, "answering_unit_id")
    for pk, n in _counts(boards, "board__owner_id").items():
        out[pk] = (out.get(pk) or Decimal(0)) + (n or Decimal(0))
    return out


@register_bulk("participation.feedback_due")
def _feedback_due(ids: Sequence[int], start: dt.date, end: dt.date) -> dict[int, Decimal | None]:
    return _feedback(ids, start, end, on_time=False)


@register_bulk("participation.feedback_on_time")
def _feedback_on_time(
    ids: Sequence[int], start: dt.date, end: dt.date
) -> dict[int, Decimal | None]:
    return _feedback(ids, start, end, on_time=True)


def _findings(ids: Sequence[int], start: dt.date, end: dt.date) -> QuerySet[Any]:
    from danvan.inspections.models import Finding

    return Finding.objects.filter(responsible_unit_id__in=ids, due_on__range=(start, end))


@register_bulk("inspections.findings_due")
def _findings_due(ids: Sequence[int], start: dt.date, end: dt.date) -> dict[int, Decimal | None]:
    return _counts(_findings(ids, start, end), "responsible_unit_id")


@register_bulk("inspections.findings_closed_by_due")
def _findings_closed(ids: Sequence[int], start: dt.date, end: dt.date) -> dict[int, Decimal | None]:
    from danvan.inspections.report_sources import CLOSED_BY_DUE

    return _counts(_findings(ids, start, end).filter(CLOSED_BY_DUE), "responsible_unit_id")


def _coverage(ids: Sequence[int], start: dt.date, end: dt.date) -> dict[int, tuple[int, int]]:
    """(officials who must be trained, trained) of each unit's subtree: one query of officials
    and one of the province's positions per province, one of attendance for all."""
    from danvan.accounts.models import User
    from danvan.core.scoping import subtree_upper_bound
    from danvan.orgs.paths import SEGMENT_WIDTH
    from danvan.training.coverage import position_key, positions_for, trained_ids

    units = list(OrgUnit.objects.filter(pk__in=ids).only("pk", "path"))
    by_path = {u.path: u.pk for u in units}
    provinces: dict[str, OrgUnit] = {}
    for u in units:
        provinces.setdefault(u.path[:SEGMENT_WIDTH], u)
    required: dict[int, list[int]] = {u.pk: [] for u in units}
    for prefix, sample in provinces.items():
        wanted = positions_for(sample)
        officials = (
            User.objects.filter(
                is_active=True,
                org_unit__path__gte=prefix,
                org_unit__path__lt=subtree_upper_bound(prefix),
            )
            .exclude(position="")
            .values_list("pk", "position", "org_unit__path")
        )
        for pk, position, path in officials:
            if position_key(position) not in wanted:
                continue
            for cut in range(SEGMENT_WIDTH, len(path) + 1, SEGMENT_WIDTH):
                unit_id = by_path.get(path[:cut])
                if unit_id is not None:
                    required[unit_id].append(pk)
    everyone = sorted({pk for pks in required.values() for pk in pks})
    trained = trained_ids(everyone, start.year, (start, end)) if everyone else set()
    return {
        unit_id: (len(pks), sum(1 for pk in pks if pk in trained))
        for unit_id, pks in required.items()
    }


@register_bulk("training.citizen_facing_officials")
def _facing(ids: Sequence[int], start: dt.date, end: dt.date) -> dict[int, Decimal | None]:
    return {pk: Decimal(n) for pk, (n, _t) in _coverage(ids, start, end).items()}


@register_bulk("training.citizen_facing_trained")
def _facing_trained(ids: Sequence[int], start: dt.date, end: dt.date) -> dict[int, Decimal | None]:
    return {pk: Decimal(t) for pk, (_n, t) in _coverage(ids, start, end).items()}


__all__ = ["Q", "figures", "register_bulk", "registered"]
