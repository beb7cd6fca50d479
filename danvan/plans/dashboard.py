"""The figures of a unit's plans dashboard, each from one grouped query over a path range."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from danvan.core.obligations import overdue_filter
from danvan.core.scoping import subtree_upper_bound
from danvan.orgs.models import OrgUnit
from danvan.outputs import charts

from .cascade import _state_counts, counts_of
from .models import ImplementationObligation, Plan, Target, Task, TaskState, TaskStatus

UPCOMING_DAYS = 30


@dataclass
class Bar:
    label: str
    value: int
    key: str = ""  # the state the bar counts, for the link to its list


def _in(field: str, unit: OrgUnit) -> Q:
    return Q(**{f"{field}__gte": unit.path, f"{field}__lt": subtree_upper_bound(unit.path)})


def task_counts(unit: OrgUnit, today: dt.date) -> dict[str, int]:
    """Leaf tasks led by units of ``unit``'s subtree, by state (one query)."""
    overdue = overdue_filter(Task, today)
    return (
        Task.objects.led_under(unit)
        .leaves()
        .aggregate(
            total=Count("id"),
            done=Count("id", filter=Q(status=TaskStatus.DONE)),
            overdue=Count("id", filter=overdue),
            in_progress=Count("id", filter=Q(status=TaskStatus.IN_PROGRESS) & ~overdue),
            not_started=Count("id", filter=Q(status=TaskStatus.NOT_STARTED) & ~overdue),
        )
    )


def upcoming_tasks(tasks: Any, day: dt.date) -> Any:
    """Tasks not done whose due date falls in the next ``UPCOMING_DAYS`` days."""
    return tasks.due_soon(UPCOMING_DAYS, day)


def unit_dashboard(unit: OrgUnit, today: dt.date | None = None) -> dict[str, Any]:
    day = today or timezone.localdate()
    counts = task_counts(unit, day)
    status_bars = [
        Bar(str(TaskState.DONE.label), counts["done"], key=TaskState.DONE),
        Bar(str(TaskState.IN_PROGRESS.label), counts["in_progress"], key=TaskState.IN_PROGRESS),
        Bar(str(TaskState.NOT_STARTED.label), counts["not_started"], key=TaskState.NOT_STARTED),
        Bar(str(TaskState.OVERDUE.label), counts["overdue"], key=TaskState.OVERDUE),
    ]
    status_chart = charts.bar(
        _("Tasks by status"),
        [b.label for b in status_bars],
        {_("Tasks"): [b.value for b in status_bars]},
    )
    leaf = Task.objects.led_under(unit).leaves()
    overdue = list(
        leaf.overdue(day)
        .with_state(day)
        .select_related("plan", "lead_unit")
        .order_by("due_on", "id")[:15]
    )
    upcoming_all = upcoming_tasks(leaf, day)
    upcoming_count = upcoming_all.count()
    upcoming = list(
        upcoming_all.with_state(day)
        .select_related("plan", "lead_unit")
        .order_by("due_on", "id")[:15]
    )
    targets = list(
        Target.objects.filter(plan__owner=unit)
        .exclude(plan__status="superseded")
        .select_related("plan")
        .order_by("-plan__year_from", "plan_id", "position")[:15]
    )
    # Compliance of the units below, per plan they must implement: one grouped query.
    rows = (
        ImplementationObligation.objects.counted()
        .filter(_in("holder__path", unit))
        .exclude(holder_id=unit.pk)
        .values("plan_id")
        .annotate(**_state_counts(day))
        .order_by("-plan_id")[:10]
    )
    per_plan = {r["plan_id"]: counts_of(r) for r in rows}
    plans = {p.pk: p for p in Plan.objects.filter(pk__in=list(per_plan)).select_related("owner")}
    compliance_rows: list[dict[str, Any]] = []
    for pk, c in per_plan.items():
        if pk not in plans:
            continue
        compliance_rows.append({"plan": plans[pk], "counts": c})
    compliance_chart = charts.bar(
        _("Implementing plans of the units below"),
        [str(row["plan"]) for row in compliance_rows],
        {
            _("On time"): [row["counts"].on_time for row in compliance_rows],
            _("Late"): [row["counts"].late for row in compliance_rows],
            _("Not yet due"): [row["counts"].pending for row in compliance_rows],
            pgettext("plan", "Missing"): [row["counts"].missing for row in compliance_rows],
        },
        stacked=True,
    )
    own_obligations = list(
        ImplementationObligation.objects.counted()
        .filter(holder=unit)
        .with_state(day)
        .select_related("plan", "plan__owner", "fulfilled_by")
        .order_by("due_on")
    )
    return {
        "unit": unit,
        "today": day,
        "counts": counts,
        "status_bars": status_bars,
        "status_chart": status_chart,
        "compliance_chart": compliance_chart,
        "overdue": overdue,
        "upcoming": upcoming,
        "upcoming_count": upcoming_count,
        "targets": targets,
        "compliance_rows": compliance_rows,
        "own_obligations": own_obligations,
        "upcoming_days": UPCOMING_DAYS,
    }


def plan_counts(plan: Plan, today: dt.date) -> dict[str, int]:
    not_done = Task.open_q
    overdue = overdue_filter(Task, today)
    return (
        Task.objects.filter(plan=plan)
        .leaves()
        .aggregate(
            total=Count("id"),
            done=Count("id", filter=Q(status=TaskStatus.DONE)),
            overdue=Count("id", filter=overdue),
            open=Count("id", filter=not_done & ~overdue),
            late_done=Count("id", filter=Q(status=TaskStatus.DONE, completed_on__gt=F("due_on"))),
        )
    )
