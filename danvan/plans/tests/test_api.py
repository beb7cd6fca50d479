"""The plans API: scoped reads, updates with a version, compliance."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from danvan.accounts.models import Role
from danvan.core.audit import SYSTEM
from danvan.orgs.models import OrgUnitKind
from danvan.plans.cascade import cascade_plan
from danvan.plans.models import Plan, Task
from danvan.testing.fixtures import Tree

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_2fa() -> None:
    Role.objects.update(require_two_factor=False)


def test_assigned_commune_reads_and_updates_with_version(
    client: Client, plan: Plan, commune_task: Task, commune_officer
) -> None:
    client.force_login(commune_officer)
    plans = client.get("/api/v1/plans/").json()
    assert [p["id"] for p in plans["items"]] == [plan.pk]
    task = client.get(f"/api/v1/plans/tasks/{commune_task.pk}").json()
    assert task["state"] == "not_started" or task["state"] == "overdue"
    url = f"/api/v1/plans/tasks/{commune_task.pk}/updates"
    ok = client.post(
        url,
        {"version": task["version"], "percent": 30, "note": "Đợt 1"},
        content_type="application/json",
    )
    assert ok.status_code == 201 and ok.json()["percent_after"] == 30
    stale = client.post(
        url, {"version": task["version"], "percent": 50}, content_type="application/json"
    )
    assert stale.status_code == 409 and "vừa được người khác cập nhật" in stale.json()["detail"]
    over = client.post(
        url, {"version": task["version"] + 1, "percent": 101}, content_type="application/json"
    )
    assert over.status_code == 400 and "từ 0 đến 100%" in over.json()["detail"]
    timeline = client.get(url).json()
    assert (timeline["count"], len(timeline["items"])) == (1, 1)
    assert timeline["items"][0]["percent_after"] == 30


def test_outsider_sees_nothing(client: Client, plan: Plan, commune_task: Task, outsider) -> None:
    client.force_login(outsider)
    assert client.get("/api/v1/plans/").json()["count"] == 0
    assert client.get(f"/api/v1/plans/{plan.pk}").status_code == 404
    assert client.get(f"/api/v1/plans/tasks/{commune_task.pk}").status_code == 404
    response = client.post(
        f"/api/v1/plans/tasks/{commune_task.pk}/updates",
        {"version": 1, "percent": 1},
        content_type="application/json",
    )
    assert response.status_code == 404


def test_compliance_endpoint(
    client: Client, plan: Plan, commune_task: Task, province_officer, tree: Tree
) -> None:
    cascade_plan(
        plan,
        kinds=[OrgUnitKind.COMMUNE, OrgUnitKind.DEPARTMENT],
        due_on=dt.date(2026, 2, 28),
        actor=SYSTEM,
    )
    client.force_login(province_officer)
    body = client.get(f"/api/v1/plans/{plan.pk}/compliance").json()
    assert body["total"]["total"] == 3
    assert {r["unit"]["key"] for r in body["rows"]} == {"w90001", "w90002", "p90.so-noi-vu"}
    tasks = client.get(f"/api/v1/plans/{plan.pk}/tasks")
    assert tasks.status_code == 200
    every = tasks.json()
    assert every["count"] == len(every["items"]) >= 1 and every["offset"] == 0
    first = client.get(f"/api/v1/plans/{plan.pk}/tasks", {"limit": 1, "offset": 0}).json()
    assert (first["count"], first["limit"]) == (every["count"], 1)
    assert first["items"] == every["items"][:1]
    obligations = client.get(f"/api/v1/plans/obligations?plan_id={plan.pk}").json()
    assert obligations["count"] == 3
