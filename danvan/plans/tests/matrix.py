"""Rows of the permission matrix for the plans app (merged by accounts' matrix test)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.db import models

from danvan.accounts.models import RoleCode
from danvan.orgs.models import OrgUnit
from danvan.plans.models import (
    BudgetLine,
    ImplementationObligation,
    Plan,
    ReportingObligation,
    Target,
    Task,
    TaskAttachment,
    TaskUpdate,
)


def _plan(unit: OrgUnit) -> Plan:
    return Plan.objects.create(owner=unit, title="Kế hoạch dân vận", year_from=2026, year_to=2026)


def _task(unit: OrgUnit) -> Task:
    return Task.objects.create(plan=_plan(unit), title="Tổ chức đối thoại", lead_unit=unit)


def _update(unit: OrgUnit) -> TaskUpdate:
    return TaskUpdate.objects.create(task=_task(unit), status_after="in_progress", percent_after=10)


def _attachment(unit: OrgUnit) -> TaskAttachment:
    return TaskAttachment.objects.create(
        task=_task(unit), file="plans/evidence/x.pdf", original_name="bien-ban.pdf", sha256="x"
    )


def _target(unit: OrgUnit) -> Target:
    return Target.objects.create(plan=_plan(unit), text="100% xã tổ chức đối thoại", value=100)


def _reporting(unit: OrgUnit) -> ReportingObligation:
    return ReportingObligation.objects.create(plan=_plan(unit), period="annual")


def _budget(unit: OrgUnit) -> BudgetLine:
    return BudgetLine.objects.create(plan=_plan(unit), item="Tập huấn", amount=100_000_000)


def _obligation(unit: OrgUnit) -> ImplementationObligation:
    parent = _plan(unit)
    return ImplementationObligation.objects.create(
        plan=parent, unit=unit, holder=unit, due_on=dt.date(2026, 2, 28)
    )


CASES: dict[type[models.Model], Callable[[OrgUnit], models.Model]] = {
    Plan: _plan,
    Task: _task,
    TaskUpdate: _update,
    TaskAttachment: _attachment,
    Target: _target,
    ReportingObligation: _reporting,
    BudgetLine: _budget,
    ImplementationObligation: _obligation,
}

_MODELS = list(CASES)
_WRITERS = {RoleCode.SYSTEM_ADMIN, RoleCode.LEADER, RoleCode.OFFICER}

EXPECTED: dict[str, dict[type[models.Model], tuple[bool, bool]]] = {
    role.value: dict.fromkeys(_MODELS, (True, role in _WRITERS)) for role in RoleCode
}


def _task_assigned(owner: OrgUnit, assignee: OrgUnit) -> Task:
    return Task.objects.create(plan=_plan(owner), title="Tổ chức đối thoại", lead_unit=assignee)


def _task_supported(owner: OrgUnit, assignee: OrgUnit) -> Task:
    task = Task.objects.create(plan=_plan(owner), title="Tập huấn", lead_unit=owner)
    task.supporting_units.set([assignee])
    return task


# Rows assigned to a unit other than their owner (the assignee rule of TaskQuerySet): the
# assignee's officials see them and report progress as their role allows, never change them.
ASSIGNED: dict[str, Callable[[OrgUnit, OrgUnit], models.Model]] = {
    "Task (lead unit)": _task_assigned,
    "Task (supporting unit)": _task_supported,
}
