"""A page links only where its reader may follow: tasks of a plan above, the unit above."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.accounts.models import Role
from danvan.core.audit import SYSTEM
from danvan.plans.models import Plan
from danvan.plans.services import add_task
from danvan.testing.fixtures import Tree, signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_two_factor() -> None:
    Role.objects.update(require_two_factor=False)


def test_a_commune_opens_its_tasks_of_the_province_plan_and_reads_the_others(
    plan: Plan, commune_task, tree: Tree, commune_officer
) -> None:
    other = add_task(
        plan, title="Tập huấn cho cán bộ cấp tỉnh", lead_unit=tree.other_commune,
        due_on=dt.date(2026, 6, 30), actor=SYSTEM,
    )  # fmt: skip
    client = signed_in(commune_officer)
    page = client.get(f"/plans/{plan.pk}/").content.decode()
    assert f"/plans/tasks/{commune_task.pk}/" in page
    assert client.get(f"/plans/tasks/{commune_task.pk}/").status_code == 200
    # Listed, so the commune knows the whole plan, but not linked: that page is not its own.
    assert other.title in page
    assert f"/plans/tasks/{other.pk}/" not in page
    assert client.get(f"/plans/tasks/{other.pk}/").status_code == 404


def test_the_plan_owner_opens_every_task(plan: Plan, commune_task, province_officer) -> None:
    page = signed_in(province_officer).get(f"/plans/{plan.pk}/").content.decode()
    assert f"/plans/tasks/{commune_task.pk}/" in page


def test_a_sub_task_of_another_unit_is_not_linked(
    plan: Plan, commune_task, tree: Tree, commune_officer
) -> None:
    mine = add_task(
        plan, title="Đối thoại ở thôn", lead_unit=tree.commune, parent=commune_task,
        due_on=dt.date(2026, 9, 30), actor=SYSTEM,
    )  # fmt: skip
    theirs = add_task(
        plan, title="Đối thoại ở xã bên", lead_unit=tree.other_commune, parent=commune_task,
        due_on=dt.date(2026, 9, 30), actor=SYSTEM,
    )  # fmt: skip
    page = signed_in(commune_officer).get(f"/plans/tasks/{commune_task.pk}/").content.decode()
    assert f"/plans/tasks/{mine.pk}/" in page
    assert theirs.title in page and f"/plans/tasks/{theirs.pk}/" not in page


def test_the_dashboard_links_the_unit_above_only_when_it_is_in_scope(
    tree: Tree, commune_officer, province_officer
) -> None:
    commune = signed_in(commune_officer).get(f"/plans/dashboard/{tree.commune.pk}/")
    assert commune.status_code == 200
    assert f"/plans/dashboard/{tree.province.pk}/" not in commune.content.decode()
    province = signed_in(province_officer).get(f"/plans/dashboard/{tree.commune.pk}/")
    assert f"/plans/dashboard/{tree.province.pk}/" in province.content.decode()


def test_the_upload_is_offered_only_to_those_who_may_register_the_plan(
    plan: Plan, tree: Tree, commune_officer
) -> None:
    from danvan.plans.cascade import cascade_plan
    from danvan.plans.models import ImplementationObligation
    from danvan.testing.fixtures import official

    cascade_plan(plan, kinds=["commune"], due_on=dt.date(2026, 3, 1), actor=SYSTEM)
    obligation = ImplementationObligation.objects.get(holder=tree.commune)
    submit = f"/plans/obligations/{obligation.pk}/submit/"
    viewer = signed_in(official("viewer", tree.commune, username="xa.xem"))
    page = viewer.get(f"/plans/{plan.pk}/").content.decode()
    assert f"/plans/obligations/{obligation.pk}/draft.docx" in page and submit not in page
    assert viewer.get(submit).status_code == 403
    officer = signed_in(commune_officer)
    assert submit in officer.get(f"/plans/{plan.pk}/").content.decode()
    assert officer.get(submit).status_code == 200
