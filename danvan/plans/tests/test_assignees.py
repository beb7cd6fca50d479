"""A task goes only to a unit its plan's owner may address (its own subtree, or the units the
plan is addressed to), and the units it goes to see it and report progress but never change it.

Before, ``add_task`` accepted any unit in the country and the lead unit's officials had the
CHANGE right on the task itself through ``TaskQuerySet.visible_to``."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from danvan.accounts.models import User
from danvan.core.audit import SYSTEM
from danvan.core.errors import UserError
from danvan.core.scoping import Action
from danvan.plans.models import ImplementationObligation, Plan, Task
from danvan.plans.services import add_task, create_plan, edit_task, update_task
from danvan.testing.fixtures import Tree

pytestmark = pytest.mark.django_db


def test_a_unit_of_another_province_is_refused(plan: Plan, tree: Tree) -> None:
    with pytest.raises(UserError, match="Không thể giao cho Ủy ban nhân dân tỉnh Bên Cạnh"):
        add_task(plan, title="Đối thoại", lead_unit=tree.other_province, actor=SYSTEM)
    with pytest.raises(UserError, match="Bên Cạnh"):
        add_task(
            plan,
            title="Đối thoại",
            lead_unit=tree.commune,
            supporting_units=[tree.other_province],
            actor=SYSTEM,
        )
    assert not Task.objects.filter(plan=plan).exists()


def test_editing_cannot_move_a_task_outside_either(commune_task: Task, tree: Tree) -> None:
    with pytest.raises(UserError, match="Bên Cạnh"):
        edit_task(
            commune_task, version=commune_task.version, lead_unit=tree.other_province, actor=SYSTEM
        )
    commune_task.refresh_from_db()
    assert commune_task.lead_unit == tree.commune


def test_a_department_plan_reaches_the_communes_it_addresses(tree: Tree) -> None:
    plan = create_plan(
        owner=tree.department, title="Tập huấn dân vận", year_from=2026,
        issued_on=dt.date(2026, 1, 20), actor=SYSTEM,
    )  # fmt: skip
    with pytest.raises(UserError):
        add_task(plan, title="Cử cán bộ dự tập huấn", lead_unit=tree.commune, actor=SYSTEM)
    # Addressed to the commune (cascades address the owner's subtree; obligations recorded
    # otherwise, as by an administrator, count as well).
    ImplementationObligation.objects.create(
        plan=plan, unit=tree.commune, holder=tree.commune, due_on=dt.date(2026, 3, 31)
    )
    task = add_task(plan, title="Cử cán bộ dự tập huấn", lead_unit=tree.commune, actor=SYSTEM)
    assert task.lead_unit == tree.commune


def test_the_lead_unit_reports_progress_but_does_not_change_the_task(
    commune_task: Task, commune_officer: User
) -> None:
    assert Task.objects.visible_to(commune_officer).filter(pk=commune_task.pk).exists()
    assert Task.objects.visible_to(commune_officer, Action.REPORT).filter(pk=commune_task.pk)
    assert not Task.objects.visible_to(commune_officer, Action.CHANGE).filter(pk=commune_task.pk)
    update_task(commune_task, version=commune_task.version, actor=commune_officer, percent=40)
    commune_task.refresh_from_db()
    with pytest.raises(PermissionDenied):
        edit_task(commune_task, version=commune_task.version, actor=commune_officer, title="Khác")
