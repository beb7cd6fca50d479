"""Every write of a plan or a task carries the version it read: none is a 400 with a
Vietnamese message, an old one a 409 (StaleVersion); nothing is written either way."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from danvan.accounts.models import User
from danvan.core.audit import SYSTEM
from danvan.core.errors import StaleVersion, UserError
from danvan.plans.models import Plan, Task
from danvan.plans.services import delete_task, edit_task, update_plan, update_task
from danvan.testing.fixtures import Tree, official, signed_in

pytestmark = pytest.mark.django_db

WRITES: dict[str, Callable[[Plan, Task, Any], Any]] = {
    "update_plan": lambda plan, task, v: update_plan(
        plan, version=v, title="Tên mới", actor=SYSTEM
    ),
    "edit_task": lambda plan, task, v: edit_task(task, version=v, title="Tên mới", actor=SYSTEM),
    "delete_task": lambda plan, task, v: delete_task(task, version=v, actor=SYSTEM),
    "update_task": lambda plan, task, v: update_task(task, version=v, percent=40, actor=SYSTEM),
}


def _state(plan: Plan, task: Task) -> tuple[Any, ...]:
    plan.refresh_from_db()
    task = Task.objects.get(pk=task.pk)
    return plan.title, plan.version, task.title, task.percent, task.version


@pytest.mark.parametrize("write", list(WRITES))
def test_a_write_without_the_version_is_refused(plan: Plan, commune_task: Task, write: str) -> None:
    before = _state(plan, commune_task)
    with pytest.raises(UserError, match="Thiếu phiên bản") as refused:
        WRITES[write](plan, commune_task, None)
    assert not isinstance(refused.value, StaleVersion)
    assert _state(plan, commune_task) == before


@pytest.mark.parametrize("write", list(WRITES))
def test_a_stale_write_is_refused(plan: Plan, commune_task: Task, write: str) -> None:
    Plan.objects.filter(pk=plan.pk).update(version=2)
    Task.objects.filter(pk=commune_task.pk).update(version=2)
    before = _state(plan, commune_task)
    with pytest.raises(StaleVersion, match="vừa được người khác cập nhật"):
        WRITES[write](plan, commune_task, 1)
    assert _state(plan, commune_task) == before


def test_a_write_bumps_the_version(plan: Plan, commune_task: Task) -> None:
    update_task(commune_task, version=commune_task.version, percent=40, actor=SYSTEM)
    assert Task.objects.get(pk=commune_task.pk).version == 2
    update_plan(plan, version=plan.version, title="Tên mới", actor=SYSTEM)
    assert Plan.objects.get(pk=plan.pk).version == plan.version + 1


def test_the_api_answers_a_stale_progress_report_with_409(tree: Tree, commune_task: Task) -> None:
    officer: User = official("officer", tree.commune, username="xa.tiendo")
    client = signed_in(officer)
    url = f"/api/v1/plans/tasks/{commune_task.pk}/updates"
    body = {"version": commune_task.version, "percent": 30}
    assert client.post(url, body, content_type="application/json").status_code == 201
    stale = client.post(url, body, content_type="application/json")
    assert stale.status_code == 409
    assert "vừa được người khác cập nhật" in stale.json()["detail"]
    missing = client.post(url, {"percent": 30}, content_type="application/json")
    assert missing.status_code == 422  # the schema requires it
