"""A body acting for another in one function: the provincial inspectorate on the complaints of
the province's People's Committee (#12 item 1), proved on scopes, pages and the API."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from danvan.core.audit import SYSTEM
from danvan.core.errors import UserError
from danvan.core.scoping import Action, forget_cached_scope, holds_at, user_can
from danvan.orgs.mandates import grant_mandate, update_mandate
from danvan.orgs.models import Mandate, MandateFunction, OrgUnit, OrgUnitKind
from danvan.petitions.models import Petition
from danvan.petitions.tests.factories import make_petition
from danvan.plans.models import Plan
from danvan.testing.factories import OrgUnitFactory
from danvan.testing.fixtures import Tree, official, signed_in

BASIS = "Luật Thanh tra 11/2022/QH15, Điều 5; quyết định của UBND tỉnh về Thanh tra tỉnh"


@pytest.fixture
def inspectorate(tree: Tree) -> OrgUnit:
    return OrgUnitFactory.create(
        name="Thanh tra tỉnh Thử Nghiệm", short_name="Thanh tra tỉnh",
        kind=OrgUnitKind.DEPARTMENT, key="p90.thanh-tra", parent=tree.province,
    )  # fmt: skip


@pytest.fixture
def mandate(tree: Tree, inspectorate: OrgUnit) -> Mandate:
    return grant_mandate(
        principal=tree.province,
        agent=inspectorate,
        function=MandateFunction.COMPLAINTS,
        legal_basis=BASIS,
        actor=SYSTEM,
    )


def _petitions(tree: Tree, inspectorate: OrgUnit) -> dict[str, Petition]:
    clerk = official("reception_officer", tree.province, username="vanthu-tinh")
    return {
        "province": make_petition(clerk, tree.province),
        "department": make_petition(clerk, tree.department),
        "commune": make_petition(clerk, tree.commune),
    }


@pytest.mark.parametrize(
    ("role", "reads", "acts"),
    [
        ("reception_officer", True, True),
        ("leader", True, True),
        ("inspector", True, False),  # the inspector role reads and inspects, never handles
        ("viewer", True, False),
        ("officer", True, False),  # an officer's role gives no petitions.* write
    ],
)
def test_the_inspectorate_acts_on_the_province_committees_own_cases_only(
    tree: Tree, inspectorate: OrgUnit, mandate: Mandate, role: str, reads: bool, acts: bool
) -> None:
    rows = _petitions(tree, inspectorate)
    holder = official(role, inspectorate, username=f"thanhtra-{role}")
    visible = set(Petition.objects.visible_to(holder).values_list("pk", flat=True))
    assert (rows["province"].pk in visible) is reads
    # Not the province's subtree: another department's or a commune's cases stay theirs.
    assert rows["department"].pk not in visible
    assert rows["commune"].pk not in visible
    assert user_can(holder, Petition, Action.CHANGE, rows["province"]) is acts
    assert not user_can(holder, Petition, Action.CHANGE, rows["commune"])


def test_the_mandate_carries_only_its_function(
    tree: Tree, inspectorate: OrgUnit, mandate: Mandate
) -> None:
    holder = official("leader", inspectorate, username="chanh-thanh-tra")
    assert holds_at(holder, "petitions.change_petition", tree.province)
    assert not holds_at(holder, "plans.view_plan", tree.province)
    assert not holds_at(holder, "reporting.view_submission", tree.province)
    # A denouncer's identity is not part of the function (Luật Tố cáo 2018 Điều 47).
    assert not holds_at(holder, "identity.read_denouncer", tree.province)
    assert not Plan.objects.visible_to(holder).filter(owner=tree.province).exists()


def test_without_a_mandate_or_after_it_ends_nothing_is_reached(
    tree: Tree, inspectorate: OrgUnit, mandate: Mandate
) -> None:
    rows = _petitions(tree, inspectorate)
    holder = official("reception_officer", inspectorate, username="tiepdan-tt")
    assert Petition.objects.visible_to(holder).filter(pk=rows["province"].pk).exists()
    today = timezone.localdate()
    update_mandate(
        mandate,
        legal_basis=BASIS,
        valid_from=today - dt.timedelta(days=30),
        valid_until=today - dt.timedelta(days=1),
        actor=SYSTEM,
    )
    forget_cached_scope(holder)
    assert not Petition.objects.visible_to(holder).filter(pk=rows["province"].pk).exists()
    # One that starts tomorrow grants nothing today either.
    update_mandate(
        mandate,
        legal_basis=BASIS,
        valid_from=today + dt.timedelta(days=1),
        valid_until=None,
        actor=SYSTEM,
    )
    forget_cached_scope(holder)
    assert not Petition.objects.visible_to(holder).filter(pk=rows["province"].pk).exists()


def test_pages_and_api_follow_the_mandate(
    tree: Tree, inspectorate: OrgUnit, mandate: Mandate
) -> None:
    rows = _petitions(tree, inspectorate)
    holder = official("reception_officer", inspectorate, username="tiepdan-tt2")
    client = signed_in(holder)
    assert client.get(f"/petitions/{rows['province'].pk}/").status_code == 200
    assert client.get(f"/petitions/{rows['commune'].pk}/").status_code == 404
    listed = client.get("/petitions/").content.decode()
    assert f"/petitions/{rows['province'].pk}/" in listed
    assert f"/petitions/{rows['commune'].pk}/" not in listed
    api = client.get("/api/v1/petitions/").json()
    assert {item["id"] for item in api["items"]} >= {rows["province"].pk}
    assert rows["commune"].pk not in {item["id"] for item in api["items"]}


def test_bad_mandates_are_refused_with_a_message(tree: Tree, inspectorate: OrgUnit) -> None:
    with pytest.raises(UserError, match="căn cứ"):
        grant_mandate(
            principal=tree.province, agent=inspectorate,
            function=MandateFunction.COMPLAINTS, legal_basis=" ", actor=SYSTEM,
        )  # fmt: skip
    with pytest.raises(UserError):
        grant_mandate(
            principal=tree.province, agent=tree.province,
            function=MandateFunction.COMPLAINTS, legal_basis=BASIS, actor=SYSTEM,
        )  # fmt: skip
    with pytest.raises(UserError):
        grant_mandate(
            principal=tree.province, agent=inspectorate, function=MandateFunction.COMPLAINTS,
            legal_basis=BASIS, valid_from=dt.date(2026, 5, 1), valid_until=dt.date(2026, 4, 1),
            actor=SYSTEM,
        )  # fmt: skip
    # Only the principal's administrators give its work away.
    commune_admin = official("system_admin", tree.commune, username="qt-xa")
    with pytest.raises(PermissionDenied):
        grant_mandate(
            principal=tree.province, agent=inspectorate,
            function=MandateFunction.COMPLAINTS, legal_basis=BASIS, actor=commune_admin,
        )  # fmt: skip
    assert not Mandate.objects.exists()
