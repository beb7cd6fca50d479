"""Unlocking an approved report asks for ``reporting.unlock_submission`` (granted by name),
no longer the role code «system_admin»: officers and leaders with ``reporting.*`` do not get it,
a role built with it does, and it reaches a commune merged into the holder's unit."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.accounts.models import Role, User
from danvan.core.audit import SYSTEM
from danvan.core.scoping import permission_matches
from danvan.orgs.services import record_succession
from danvan.reporting.models import Submission
from danvan.reporting.services import approve, can_unlock, submit_values
from danvan.reporting.services.access import UNLOCK
from danvan.testing.fixtures import Tree, official

from .factories import make_form

pytestmark = pytest.mark.django_db
GOOD = {
    "officials_total": "20",
    "trained": "12",
    "models": "2",
    "satisfaction": "85",
    "has_plan": "1",
}


@pytest.fixture
def approved(tree: Tree, province_officer: User) -> Submission:
    sub = submit_values(
        make_form(tree), tree.commune, "2026-03", values=GOOD, send=True, actor=SYSTEM
    )
    return approve(sub, version=sub.version, actor=province_officer)


def test_reporting_wildcards_do_not_unlock(tree: Tree, approved: Submission) -> None:
    assert not permission_matches(["reporting.*"], UNLOCK)
    for role in ("officer", "leader", "viewer"):
        assert not can_unlock(official(role, tree.province, username=f"p-{role}"), approved)
    assert can_unlock(official("system_admin", tree.province, username="p-admin"), approved)
    assert can_unlock(User.objects.create(username="root", is_superuser=True), approved)


def test_a_role_built_with_the_permission_unlocks(tree: Tree, approved: Submission) -> None:
    Role.objects.create(code="data_steward", name="Quản lý số liệu", permissions=[UNLOCK])
    assert can_unlock(official("data_steward", tree.province), approved)
    assert not can_unlock(official("data_steward", tree.other_province, username="x"), approved)


def test_the_administrator_of_the_successor_unlocks_a_merged_communes_report(
    tree: Tree, approved: Submission
) -> None:
    record_succession(
        kind="merge",
        predecessors=[tree.commune, tree.other_commune],
        successors=[tree.other_commune],
        effective_on=dt.date(2026, 7, 1),
        actor=SYSTEM,
    )
    assert can_unlock(official("system_admin", tree.other_commune), approved)
