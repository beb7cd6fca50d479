"""Figures the evaluation reads that no module registered yet (nguồn số liệu), each of one unit
itself over a date window, both ends included, one aggregate query each.

They are registered with :mod:`danvan.reporting.sources` under the owning module's prefix so
that report forms can use them too; when that module registers its own, delete the one here.
The drill-downs of other modules' sources are here too (the evaluation reads every module; the
modules do not know the evaluation).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import F, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from danvan.dialogues.models import Dialogue
from danvan.orgs.models import OrgUnit
from danvan.plans.models import ImplementationObligation, Task, TaskStatus
from danvan.reporting.models import Submission
from danvan.reporting.sources import register

from .drilldown import Record, register_records


def _n(queryset: QuerySet) -> Decimal:  # type: ignore[type-arg]
    return Decimal(queryset.count())


def obligations_due(
    unit: OrgUnit, start: dt.date, end: dt.date
) -> QuerySet[ImplementationObligation]:
    return ImplementationObligation.objects.filter(holder_id=unit.pk, due_on__range=(start, end))


@register("plans.obligations_due", _("Implementing plans due from the unit"))
def plans_obligations_due(unit: OrgUnit, start: dt.date, end: dt.date) -> Decimal:
    return _n(obligations_due(unit, start, end))


@register("plans.obligations_on_time", _("Implementing plans issued on time"))
def plans_obligations_on_time(unit: OrgUnit, start: dt.date, end: dt.date) -> Decimal:
    return _n(obligations_due(unit, start, end).filter(submitted_on__lte=F("due_on")))


@register_records("plans.obligations_on_time")
def plans_obligations_late(unit: OrgUnit, start: dt.date, end: dt.date) -> QuerySet:  # type: ignore[type-arg]
    """The implementing plans not issued by their due date."""
    return obligations_due(unit, start, end).filter(
        Q(submitted_on__isnull=True) | Q(submitted_on__gt=F("due_on"))
    )


def tasks_due(unit: OrgUnit, start: dt.date, end: dt.date) -> QuerySet[Task]:
    return Task.objects.filter(lead_unit_id=unit.pk, due_on__range=(start, end))


ON_TIME = Q(status=TaskStatus.DONE, completed_on__isnull=False, completed_on__lte=F("due_on"))


@register("plans.tasks_due", _("Tasks led by the unit that were due"))
def plans_tasks_due(unit: OrgUnit, start: dt.date, end: dt.date) -> Decimal:
    return _n(tasks_due(unit, start, end))


@register("plans.tasks_done_on_time", _("Tasks led by the unit done on time"))
def plans_tasks_done_on_time(unit: OrgUnit, start: dt.date, end: dt.date) -> Decimal:
    return _n(tasks_due(unit, start, end).filter(ON_TIME))


@register_records("plans.tasks_done_on_time")
def plans_tasks_late(unit: OrgUnit, start: dt.date, end: dt.date) -> QuerySet[Task]:
    """The late tasks: due in the window and not done by their due date."""
    return tasks_due(unit, start, end).exclude(ON_TIME)


def submissions_due(unit: OrgUnit, start: dt.date, end: dt.date) -> QuerySet[Submission]:
    return Submission.objects.filter(unit_id=unit.pk, due_on__range=(start, end))


@register("reporting.submissions_due", _("Periodic reports due from the unit"))
def reporting_due(unit: OrgUnit, start: dt.date, end: dt.date) -> Decimal:
    return _n(submissions_due(unit, start, end))


@register("reporting.submissions_on_time", _("Periodic reports sent on time"))
def reporting_on_time(unit: OrgUnit, start: dt.date, end: dt.date) -> Decimal:
    return _n(
        submissions_due(unit, start, end)
        .annotate(sent=TruncDate("first_submitted_at"))
        .filter(sent__lte=F("due_on"))
    )


@register_records("reporting.submissions_on_time")
def reporting_late(unit: OrgUnit, start: dt.date, end: dt.date) -> QuerySet[Submission]:
    return (
        submissions_due(unit, start, end)
        .annotate(sent=TruncDate("first_submitted_at"))
        .filter(Q(sent__isnull=True) | Q(sent__gt=F("due_on")))
    )


@register("dialogues.held", _("Dialogues with citizens held by the unit"))
def dialogues_held(unit: OrgUnit, start: dt.date, end: dt.date) -> Decimal:
    return _n(Dialogue.objects.filter(owner_id=unit.pk, held_on__range=(start, end)))


@register_records("dialogues.held")
def dialogues_list(unit: OrgUnit, start: dt.date, end: dt.date) -> QuerySet[Dialogue]:
    return Dialogue.objects.filter(owner_id=unit.pk, held_on__range=(start, end))


@register_records("petitions.overdue_open")
def petitions_overdue(unit: OrgUnit, start: dt.date, end: dt.date) -> QuerySet:  # type: ignore[type-arg]
    """The petitions still open past their legal deadline at the end of the window."""
    from danvan.petitions.models import Petition

    return Petition.objects.overdue(end).filter(handling_unit_id=unit.pk, received_on__lte=end)


@register_records("petitions.answered_on_time")
def petitions_answered_late(unit: OrgUnit, start: dt.date, end: dt.date) -> QuerySet:  # type: ignore[type-arg]
    """The petitions answered in the window after their deadline."""
    from danvan.petitions.models import Petition

    return Petition.objects.filter(
        handling_unit_id=unit.pk, answered_on__range=(start, end), due_on__lt=F("answered_on")
    )


# --- drill-down of the other modules' shares --------------------------------------------------


@register_records("participation.disclosures_complete")
def disclosures_incomplete(unit: OrgUnit, start: dt.date, end: dt.date) -> list[Record]:
    """The items owed and never disclosed, and the disclosures late, too brief or off the
    radio, each with what is wrong (participation's compliance, as its own page says it)."""
    from danvan.participation.report_sources import disclosure_compliance

    out: list[Record] = []
    for row in disclosure_compliance(unit, start, end).required_rows:
        if not row.checks:
            out.append(Record(gettext("%(item)s: not disclosed") % {"item": row.item}))
        for c in row.faulty:
            problems = " ".join(f.message for f in c.findings)
            out.append(Record(f"{c.disclosure}: {problems}", c.disclosure))
    return out


@register_records("participation.comments_answered")
def comments_unanswered(unit: OrgUnit, start: dt.date, end: dt.date) -> QuerySet:  # type: ignore[type-arg]
    """Comments on the unit's drafts that closed in the window and were never answered."""
    from danvan.participation.report_sources import ANSWERED, comments_to_answer

    return comments_to_answer(unit, start, end).exclude(ANSWERED)


@register_records("participation.feedback_on_time")
def feedback_late(unit: OrgUnit, start: dt.date, end: dt.date) -> list[Record]:
    """Recommendations of the Front and findings of the people's boards due in the window and
    not answered by their due date."""
    from danvan.participation.report_sources import ANSWERED_ON_TIME, boards_due, front_due

    late: list[Any] = [
        *front_due(unit, start, end).exclude(ANSWERED_ON_TIME),
        *boards_due(unit, start, end).exclude(ANSWERED_ON_TIME),
    ]
    return [Record(_late_text(row), row) for row in sorted(late, key=lambda r: r.due_on)]


def _late_text(row: Any) -> str:
    if row.answered_on is None:
        return gettext("%(text)s — due %(due)s, not answered") % {
            "text": row,
            "due": f"{row.due_on:%d/%m/%Y}",
        }
    return gettext("%(text)s — due %(due)s, answered %(answered)s") % {
        "text": row,
        "due": f"{row.due_on:%d/%m/%Y}",
        "answered": f"{row.answered_on:%d/%m/%Y}",
    }


@register_records("training.citizen_facing_trained")
def officials_untrained(unit: OrgUnit, start: dt.date, end: dt.date) -> list[Record]:
    """The officials in citizen-facing positions who completed no class started in the window
    (the training app's coverage)."""
    from danvan.training.coverage import own_coverage

    required, trained = own_coverage(unit, start, end)
    return [
        Record(f"{u} — {u.position}")
        for u in sorted(required, key=lambda u: (str(u), u.pk))
        if u.pk not in trained
    ]


@register_records("inspections.findings_closed_by_due")
def findings_not_closed_by_due(unit: OrgUnit, start: dt.date, end: dt.date) -> QuerySet:  # type: ignore[type-arg]
    """Inspection findings due in the window and not fixed and closed by their due date."""
    from danvan.inspections.report_sources import CLOSED_BY_DUE, findings_due_in

    return findings_due_in(unit, start, end).exclude(CLOSED_BY_DUE)
