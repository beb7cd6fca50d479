"""The permission matrix: every role × inside/outside its scope × read/write, per model.

Each later app contributes its rows from its own ``danvan/<app>/tests/matrix.py``: ``CASES`` (a
builder of one object owned by a unit), ``EXPECTED`` (role → model → (read, write)) and, for data
without an owning unit, ``NATIONAL_DATA`` (model → admin URL) or ``PERSONAL_DATA`` (models that
belong to one user and are tested by their app). The matrix grows with each app.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.db import models
from django.test import Client

from danvan.accounts.models import ApiToken, Role, RoleAssignment, RoleCode, User
from danvan.accounts.services import assign_role, issue_token
from danvan.core.audit import SYSTEM
from danvan.core.scoping import Action, get_object_for_user, user_can
from danvan.documents.models import Citation, Document, DocumentStatus
from danvan.orgs.models import OrgUnit, OrgUnitEvent
from danvan.orgs.services import record_succession, rename_unit
from danvan.testing.fixtures import Tree, official

# What each role may do with each model inside its scope: (read, write).
EXPECTED: dict[str, dict[type[models.Model], tuple[bool, bool]]] = {
    RoleCode.SYSTEM_ADMIN: {
        OrgUnit: (True, True),
        OrgUnitEvent: (True, True),
        RoleAssignment: (True, True),
        ApiToken: (True, True),
        User: (True, True),
        Document: (True, True),
        Citation: (True, True),
    },
    RoleCode.LEADER: {
        OrgUnit: (True, False),
        OrgUnitEvent: (True, False),
        RoleAssignment: (False, False),
        ApiToken: (False, False),
        User: (False, False),
        Document: (True, True),
        Citation: (True, True),
    },
    RoleCode.OFFICER: {
        OrgUnit: (True, False),
        OrgUnitEvent: (True, False),
        RoleAssignment: (False, False),
        ApiToken: (False, False),
        User: (False, False),
        Document: (True, True),
        Citation: (True, True),
    },
    RoleCode.RECEPTION_OFFICER: {
        OrgUnit: (True, False),
        OrgUnitEvent: (True, False),
        RoleAssignment: (False, False),
        ApiToken: (False, False),
        User: (False, False),
        Document: (True, False),
        Citation: (True, False),
    },
    RoleCode.INSPECTOR: {
        OrgUnit: (True, False),
        OrgUnitEvent: (True, False),
        RoleAssignment: (False, False),
        ApiToken: (False, False),
        User: (False, False),
        Document: (True, False),
        Citation: (True, False),
    },
    RoleCode.FRONT_SUPERVISOR: {
        OrgUnit: (True, False),
        OrgUnitEvent: (True, False),
        RoleAssignment: (False, False),
        ApiToken: (False, False),
        User: (False, False),
        Document: (True, False),
        Citation: (True, False),
    },
    RoleCode.VIEWER: {
        OrgUnit: (True, False),
        OrgUnitEvent: (True, False),
        RoleAssignment: (False, False),
        ApiToken: (False, False),
        User: (False, False),
        Document: (True, False),
        Citation: (True, False),
    },
}


def _unit_itself(unit: OrgUnit) -> models.Model:
    return unit


def _event_of(unit: OrgUnit) -> models.Model:
    return rename_unit(
        unit, new_name=unit.name + " (mới)", effective_on=dt.date(2025, 7, 1), actor=SYSTEM
    )


def _assignment_at(unit: OrgUnit) -> models.Model:
    member = User.objects.create(username=f"member-{unit.pk}", org_unit=unit)
    return assign_role(member, "viewer", unit, actor=SYSTEM)


def _token_at(unit: OrgUnit) -> models.Model:
    member = User.objects.create(username=f"machine-{unit.pk}", org_unit=unit)
    return issue_token(member, "hệ thống báo cáo", actor=SYSTEM)[0]


def _member_of(unit: OrgUnit) -> models.Model:
    return User.objects.create(username=f"person-{unit.pk}", org_unit=unit)


def _document_of(unit: OrgUnit) -> models.Model:
    return Document.objects.create(owner=unit, number=f"{unit.pk}/KH-UBND", title="Kế hoạch")


def _citation_at(unit: OrgUnit) -> models.Model:
    citing = Document.objects.create(owner=unit, number=f"{unit.pk}/CT-UBND", title="Chỉ thị")
    cited = Document.objects.create(owner=unit, number="23-QĐ/TW", status=DocumentStatus.STUB)
    return Citation.objects.create(citing=citing, cited=cited, raw_text="Quyết định 23-QĐ/TW")


CASES: dict[type[models.Model], Callable[[OrgUnit], models.Model]] = {
    OrgUnit: _unit_itself,
    OrgUnitEvent: _event_of,
    RoleAssignment: _assignment_at,
    ApiToken: _token_at,
    User: _member_of,
    Document: _document_of,
    Citation: _citation_at,
}


# Rows assigned to a unit other than their owner: label → builder(owner, assignee). Contributed
# by apps as ``ASSIGNED``; the assignee's officials read them when their role reads the model,
# report progress when it writes the model, and never change the row itself.
ASSIGNED: dict[str, Callable[[OrgUnit, OrgUnit], models.Model]] = {}

# Data that holds for the whole country and has no owning unit: every official reads it (it is
# the law), only superusers change it (see core.admin.NationalDataAdmin).
NATIONAL_DATA: dict[type[models.Model], str] = {
    Role: "/admin/accounts/role/",
}

PERSONAL_DATA: set[type[models.Model]] = set()

# The platform's own bookkeeping (cache stamps): no official reads or changes it anywhere.
INTERNAL: set[type[models.Model]] = set()


# Rows addressed to a unit that is not above their owner in the tree (a commune's report to Sở
# Nội vụ, declared with ``scope_addressed_to``): model → (builder of a row owned by the first
# unit and addressed to the second, the action the addressee performs on it), and role → model
# → (read, act) for a holder at the addressee.
ADDRESSED_CASES: dict[
    type[models.Model], tuple[Callable[[OrgUnit, OrgUnit], models.Model], str]
] = {}
ADDRESSED_EXPECTED: dict[str, dict[type[models.Model], tuple[bool, bool]]] = {
    r: {} for r in RoleCode
}


def _merge_app_contributions() -> None:
    import importlib
    import pkgutil

    import danvan

    for app in pkgutil.iter_modules(danvan.__path__):
        try:
            rows = importlib.import_module(f"danvan.{app.name}.tests.matrix")
        except ModuleNotFoundError as missing:
            if missing.name and missing.name.startswith(f"danvan.{app.name}.tests"):
                continue
            raise
        CASES.update(getattr(rows, "CASES", {}))
        ASSIGNED.update(getattr(rows, "ASSIGNED", {}))
        for role, per_model in getattr(rows, "EXPECTED", {}).items():
            EXPECTED[role].update(per_model)
        NATIONAL_DATA.update(getattr(rows, "NATIONAL_DATA", {}))
        PERSONAL_DATA.update(getattr(rows, "PERSONAL_DATA", set()))
        INTERNAL.update(getattr(rows, "INTERNAL", set()))
        ADDRESSED_CASES.update(getattr(rows, "ADDRESSED_CASES", {}))
        for role, per_model in getattr(rows, "ADDRESSED_EXPECTED", {}).items():
            ADDRESSED_EXPECTED[role].update(per_model)


_merge_app_contributions()


@pytest.mark.parametrize("model", list(CASES), ids=lambda m: m.__name__)
@pytest.mark.parametrize("role", [r.value for r in RoleCode])
def test_matrix(tree: Tree, role: str, model: type[models.Model]) -> None:
    holder = official(role, tree.commune, username=f"holder-{role}")
    inside = CASES[model](tree.village)  # below the commune: in scope through the subtree
    outside = CASES[model](tree.other_commune)
    can_read, can_write = EXPECTED[role][model]

    visible = model._default_manager.visible_to(holder)  # type: ignore[attr-defined]
    assert visible.filter(pk=inside.pk).exists() is can_read
    assert not visible.filter(pk=outside.pk).exists()
    assert user_can(holder, model, Action.CHANGE, inside) is can_write
    assert not user_can(holder, model, Action.CHANGE, outside)
    if can_read:
        assert get_object_for_user(model, holder, pk=inside.pk) == inside
    from django.http import Http404

    with pytest.raises(Http404):
        get_object_for_user(model, holder, pk=outside.pk)


@pytest.mark.parametrize("model", list(ADDRESSED_CASES), ids=lambda m: m.__name__)
@pytest.mark.parametrize("role", [r.value for r in RoleCode])
def test_addressed_rows(tree: Tree, role: str, model: type[models.Model]) -> None:
    """The addressee reads (and acts on) what is addressed to it from outside its subtree, and
    nothing else of that owner; it never writes the owner's row; another unit sees nothing."""
    from django.http import Http404

    build, action = ADDRESSED_CASES[model]
    holder = official(role, tree.department, username=f"addressee-{role}")
    to_holder = build(tree.commune, tree.department)
    elsewhere = build(tree.commune, tree.other_commune)  # same owner, addressed to another unit
    can_read, can_act = ADDRESSED_EXPECTED[role][model]

    visible = model._default_manager.visible_to(holder)  # type: ignore[attr-defined]
    assert visible.filter(pk=to_holder.pk).exists() is can_read
    assert not visible.filter(pk=elsewhere.pk).exists()
    assert user_can(holder, model, action, to_holder) is can_act
    assert not user_can(holder, model, action, elsewhere)
    assert not user_can(holder, model, Action.CHANGE, to_holder)
    if can_read:
        assert get_object_for_user(model, holder, pk=to_holder.pk) == to_holder
    with pytest.raises(Http404):
        get_object_for_user(model, holder, pk=elsewhere.pk)

    # A unit the row is neither owned by nor addressed to sees nothing of it.
    from danvan.testing.factories import OrgUnitFactory

    other_department = OrgUnitFactory.create(
        name="Sở Tư pháp", kind="department", key=f"p90.so-tu-phap-{role}", parent=tree.province
    )
    stranger = official(role, other_department, username=f"stranger-{role}")
    theirs = model._default_manager.visible_to(stranger)  # type: ignore[attr-defined]
    assert not theirs.filter(pk__in=[to_holder.pk, elsewhere.pk]).exists()
    with pytest.raises(Http404):
        get_object_for_user(model, stranger, pk=to_holder.pk)
    # The owner still sees its own rows (both addressees), and no other unit's.
    owner = official(role, tree.commune, username=f"owner-{role}")
    mine = model._default_manager.visible_to(owner)  # type: ignore[attr-defined]
    assert mine.filter(pk=to_holder.pk).exists() is EXPECTED[role][model][0]
    assert not mine.filter(pk=build(tree.other_commune, tree.department).pk).exists()


@pytest.mark.parametrize("case", list(ASSIGNED))
@pytest.mark.parametrize("role", [r.value for r in RoleCode])
def test_matrix_assignee_rows(tree: Tree, role: str, case: str) -> None:
    """A row owned by the province and assigned to the village: the commune's official."""
    holder = official(role, tree.commune, username=f"assignee-{role}")
    inside = ASSIGNED[case](tree.province, tree.village)
    outside = ASSIGNED[case](tree.province, tree.other_commune)
    model = type(inside)
    can_read, can_write = EXPECTED[role][model]
    manager = model._default_manager
    for action, expected in (
        (Action.VIEW, can_read),
        (Action.REPORT, can_write),
        (Action.CHANGE, False),
        (Action.DELETE, False),
    ):
        assert manager.visible_to(holder, action).filter(pk=inside.pk).exists() is expected, action  # type: ignore[attr-defined]
        assert user_can(holder, model, action, inside) is expected, action
        assert not manager.visible_to(holder, action).filter(pk=outside.pk).exists(), action  # type: ignore[attr-defined]
        assert not user_can(holder, model, action, outside), action
    # The owner's officials keep every right their role gives on the row.
    owner = official(role, tree.province, username=f"owner-{role}")
    assert user_can(owner, model, Action.CHANGE, inside) is can_write


@pytest.mark.parametrize("case", list(ASSIGNED))
@pytest.mark.parametrize("role", [r.value for r in RoleCode])
def test_matrix_assignee_rows_of_a_merged_unit(tree: Tree, role: str, case: str) -> None:
    """Work assigned under a commune that was merged away is the successor's to see and report
    on, as its role allows, never to redefine; the commune next door still sees nothing."""
    inside = ASSIGNED[case](tree.province, tree.village)  # the village is under Hòa Bình
    record_succession(
        kind="merge",
        predecessors=[tree.commune, tree.other_commune],
        successors=[tree.other_commune],
        effective_on=dt.date(2026, 7, 1),
        actor=SYSTEM,
    )
    holder = official(role, tree.other_commune, username=f"successor-assignee-{role}")
    stranger = official(role, tree.other_province, username=f"stranger-assignee-{role}")
    model = type(inside)
    can_read, can_write = EXPECTED[role][model]
    manager = model._default_manager
    for action, expected in (
        (Action.VIEW, can_read),
        (Action.REPORT, can_write),
        (Action.CHANGE, False),
        (Action.DELETE, False),
    ):
        assert manager.visible_to(holder, action).filter(pk=inside.pk).exists() is expected, action  # type: ignore[attr-defined]
        assert user_can(holder, model, action, inside) is expected, action
        assert not user_can(stranger, model, action, inside), action


@pytest.mark.parametrize("model", list(CASES), ids=lambda m: m.__name__)
@pytest.mark.parametrize("role", [r.value for r in RoleCode])
def test_matrix_merged_predecessor_rows(tree: Tree, role: str, model: type[models.Model]) -> None:
    """Data of a commune merged into another is the successor's: the successor's officials
    read and write it as their role allows; an official of the commune next door does not."""
    inside = CASES[model](tree.village)  # under Hòa Bình, which is merged into Tân Lập
    record_succession(
        kind="merge",
        predecessors=[tree.commune, tree.other_commune],
        successors=[tree.other_commune],
        effective_on=dt.date(2026, 7, 1),
        actor=SYSTEM,
    )
    holder = official(role, tree.other_commune, username=f"successor-{role}")
    stranger = official(role, tree.other_province, username=f"stranger-{role}")
    can_read, can_write = EXPECTED[role][model]
    visible = model._default_manager.visible_to(holder)  # type: ignore[attr-defined]
    assert visible.filter(pk=inside.pk).exists() is can_read
    assert user_can(holder, model, Action.CHANGE, inside) is can_write
    assert not model._default_manager.visible_to(stranger).filter(pk=inside.pk).exists()  # type: ignore[attr-defined]


def test_unit_only_assignment_does_not_reach_below(tree: Tree) -> None:
    holder = official("viewer", tree.commune, subtree=False)
    visible = OrgUnit.objects.visible_to(holder)
    assert list(visible) == [tree.commune]


def test_expired_assignment_grants_nothing(tree: Tree) -> None:
    holder = official("viewer", tree.commune)
    assert OrgUnit.objects.visible_to(holder).exists()
    assign_role(holder, "viewer", tree.commune, valid_until=dt.date(2020, 1, 1), actor=SYSTEM)
    holder = User.objects.get(pk=holder.pk)
    assert not OrgUnit.objects.visible_to(holder).exists()


def test_an_assignment_that_ends_today_grants_until_tomorrow(tree: Tree) -> None:
    from django.utils import timezone

    holder = official("viewer", tree.commune)
    assign_role(holder, "viewer", tree.commune, valid_until=timezone.localdate(), actor=SYSTEM)
    holder = User.objects.get(pk=holder.pk)
    assert OrgUnit.objects.visible_to(holder).exists()


def test_a_revoked_token_and_a_removed_role_stop_at_the_next_request(
    tree: Tree, commune_officer: User
) -> None:
    """Tokens and scopes are cached per process; a change anywhere ends them at once."""
    from danvan.accounts.services import revoke_role, revoke_token

    token, raw = issue_token(commune_officer, "tích hợp", actor=SYSTEM)
    client = Client()
    headers = {"Authorization": f"Bearer {raw}"}
    assert client.get(f"/api/v1/org-units/{tree.village.pk}", headers=headers).status_code == 200
    revoke_role(commune_officer.role_assignments.get(), actor=SYSTEM)
    assert client.get(f"/api/v1/org-units/{tree.village.pk}", headers=headers).status_code == 404
    assign_role(commune_officer, "officer", tree.commune, actor=SYSTEM)
    assert client.get(f"/api/v1/org-units/{tree.village.pk}", headers=headers).status_code == 200
    revoke_token(token, actor=SYSTEM)
    assert client.get(f"/api/v1/org-units/{tree.village.pk}", headers=headers).status_code == 401


def test_superuser_sees_everything(tree: Tree) -> None:
    root = User.objects.create(username="root", is_superuser=True)
    assert OrgUnit.objects.visible_to(root).count() == OrgUnit.objects.count()


def test_token_acts_with_owner_scope(tree: Tree, commune_officer: User) -> None:
    token, raw = issue_token(commune_officer, "tích hợp", actor=SYSTEM)
    from danvan.accounts.services import user_for_token

    owner = user_for_token(raw)
    assert owner == commune_officer
    assert set(OrgUnit.objects.visible_to(owner)) == {tree.commune, tree.village}


def test_every_model_of_the_project_is_in_the_matrix() -> None:
    from django.apps import apps

    ours = {m for m in apps.get_models() if m.__module__.startswith("danvan.")}
    assert ours == set(CASES) | set(NATIONAL_DATA) | PERSONAL_DATA | INTERNAL, (
        "add the new model to CASES, NATIONAL_DATA, PERSONAL_DATA or INTERNAL "
        "(in danvan/<app>/tests/matrix.py)"
    )


def test_internal_models_are_served_nowhere() -> None:
    from django.contrib import admin

    from danvan.api import api

    schema = str(api.get_openapi_schema())
    for model in INTERNAL:
        assert not admin.site.is_registered(model)
        assert model.__name__ not in schema


@pytest.mark.parametrize("role", [r.value for r in RoleCode])
def test_national_data_is_read_by_every_role_and_changed_by_none(
    tree: Tree, client: Client, role: str
) -> None:
    Role.objects.update(require_two_factor=False)
    holder = official(role, tree.commune, username=f"national-{role}")
    holder.is_staff = True
    holder.save()
    client.force_login(holder)
    rules = client.get("/api/v1/deadlines/rules")
    assert rules.status_code == 200
    assert {r["rule_id"] for r in rules.json()} >= {"complaint.first", "denunciation.resolve"}
    for url in NATIONAL_DATA.values():
        assert client.get(url).status_code == 403
        assert client.get(url + "add/").status_code == 403


@pytest.mark.parametrize("model", list(CASES), ids=lambda m: m.__name__)
@pytest.mark.parametrize("role", [r.value for r in RoleCode])
def test_matrix_through_a_mandate(tree: Tree, role: str, model: type[models.Model]) -> None:
    """A body acting for the province in one function (orgs.Mandate: the inspectorate on the
    province committee's petitions): its officials gain at the province itself what their role
    gives on that function's models, nothing more on any other model, nothing below it."""
    from django.http import Http404

    from danvan.core.scoping import forget_cached_scope
    from danvan.orgs.mandates import grant_mandate
    from danvan.orgs.models import MANDATE_PERMISSIONS, MandateFunction
    from danvan.testing.factories import OrgUnitFactory

    inspectorate = OrgUnitFactory.create(
        name="Thanh tra tỉnh", kind="department", key="p90.tt-tinh", parent=tree.province
    )
    holder = official(role, inspectorate, username=f"mandate-{role}")
    at_principal = CASES[model](tree.province)
    below = CASES[model](tree.commune)

    def rights() -> tuple[bool, bool]:
        forget_cached_scope(holder)
        visible = model._default_manager.visible_to(holder)  # type: ignore[attr-defined]
        assert not visible.filter(pk=below.pk).exists()
        with pytest.raises(Http404):
            get_object_for_user(model, holder, pk=below.pk)
        return (
            visible.filter(pk=at_principal.pk).exists(),
            user_can(holder, model, Action.CHANGE, at_principal),
        )

    # What the holder reads without the mandate (a form addressed to every unit, say) stays.
    before = rights()
    grant_mandate(
        principal=tree.province, agent=inspectorate, function=MandateFunction.COMPLAINTS,
        legal_basis="Luật Thanh tra 11/2022/QH15, Điều 5", actor=SYSTEM,
    )  # fmt: skip
    carried = model._meta.app_label + "." in MANDATE_PERMISSIONS[MandateFunction.COMPLAINTS]
    gained = EXPECTED[role][model] if carried else (False, False)
    assert rights() == (before[0] or gained[0], before[1] or gained[1])
