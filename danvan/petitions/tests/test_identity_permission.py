"""Reading a denouncer's identity is a permission granted by name (``identity.read_denouncer``),
no longer the role code «leader»: it reaches a merged handling unit, an administrator's own
leader-like role, and never viewers, reception officers, system administrators or superusers
through a wildcard (Luật Tố cáo 2018 Điều 47)."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.accounts.models import Role, User
from danvan.core.audit import SYSTEM
from danvan.core.scoping import permission_matches, scope_roots
from danvan.orgs.services import record_succession
from danvan.petitions.casework.confidentiality import READ_IDENTITY, can_see_identity
from danvan.petitions.models import Petition
from danvan.testing.fixtures import Tree, official

from .factories import make_petition

pytestmark = pytest.mark.django_db


@pytest.fixture
def denunciation(tree: Tree) -> Petition:
    handler = official("reception_officer", tree.commune, username="xa.tiepdan")
    return make_petition(handler, tree.commune, kind="denunciation")


def test_no_broad_pattern_grants_it() -> None:
    for patterns in (["*"], ["petitions.*"], ["*.view_*"], ["identity.*"], ["*.read_*"]):
        assert not permission_matches(patterns, READ_IDENTITY), patterns
    assert permission_matches(["*.view_*", READ_IDENTITY], READ_IDENTITY)
    assert not permission_matches([READ_IDENTITY, "!identity.*"], READ_IDENTITY)


def test_only_leaders_of_the_default_roles_hold_it(tree: Tree, denunciation: Petition) -> None:
    holders = {
        r.code for r in Role.objects.all() if permission_matches(r.permissions, READ_IDENTITY)
    }
    assert holders == {"leader"}
    for role in ("viewer", "reception_officer", "system_admin", "officer", "inspector"):
        assert not can_see_identity(
            official(role, tree.province, username=f"p-{role}"), denunciation
        )
    assert can_see_identity(official("leader", tree.province, username="p-leader"), denunciation)


def test_superusers_do_not_read_it_by_being_superusers(tree: Tree, denunciation: Petition) -> None:
    root = User.objects.create(username="root", is_superuser=True)
    assert scope_roots(root, READ_IDENTITY) == []
    assert not can_see_identity(root, denunciation)


def test_a_role_an_administrator_builds_with_the_permission_reads_it(
    tree: Tree, denunciation: Petition
) -> None:
    Role.objects.create(
        code="chief_inspector", name="Chánh thanh tra", permissions=["*.view_*", READ_IDENTITY]
    )
    assert can_see_identity(official("chief_inspector", tree.commune), denunciation)


def test_the_leader_of_the_commune_a_closed_case_was_merged_into_reads_it(
    tree: Tree, denunciation: Petition
) -> None:
    # A finished case stays with the unit that handled it when that unit is merged away.
    Petition.objects.filter(pk=denunciation.pk).update(state="closed")
    record_succession(
        kind="merge",
        predecessors=[tree.commune, tree.other_commune],
        successors=[tree.other_commune],
        effective_on=dt.date(2026, 7, 1),
        actor=SYSTEM,
    )
    denunciation.refresh_from_db()
    assert denunciation.handling_unit == tree.commune
    assert can_see_identity(official("leader", tree.other_commune), denunciation)
    assert not can_see_identity(official("viewer", tree.other_commune, username="v"), denunciation)
