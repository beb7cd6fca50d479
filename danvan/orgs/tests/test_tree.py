"""The org-unit tree: subtrees, search, history of merges, and roll-up to successors."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection

from danvan.accounts.models import User
from danvan.core.audit import SYSTEM
from danvan.core.errors import UserError
from danvan.orgs.models import OrgUnit, OrgUnitKind
from danvan.orgs.services import create_unit, record_succession, rename_unit, successors_of
from danvan.testing.factories import OrgUnitFactory
from danvan.testing.fixtures import Tree, official


def test_subtree_is_the_unit_and_everything_below_at_any_depth(tree: Tree) -> None:
    hamlet = OrgUnitFactory.create(name="Xóm Nà Pò", kind=OrgUnitKind.VILLAGE, parent=tree.village)
    deeper = OrgUnitFactory.create(name="Tổ 1", kind=OrgUnitKind.VILLAGE, parent=hamlet)
    assert set(OrgUnit.objects.subtree(tree.commune)) == {
        tree.commune,
        tree.village,
        hamlet,
        deeper,
    }
    assert tree.other_commune not in OrgUnit.objects.subtree(tree.commune)
    assert set(OrgUnit.objects.subtree(tree.province, include_self=False)) == {
        tree.department,
        tree.commune,
        tree.village,
        tree.other_commune,
        hamlet,
        deeper,
    }


def test_subtree_is_one_indexed_query(tree: Tree, django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    with django_assert_num_queries(1):
        list(OrgUnit.objects.subtree(tree.province))
    qs = OrgUnit.objects.subtree(tree.province)
    sql, params = qs.query.sql_with_params()
    with connection.cursor() as cursor:
        prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
        cursor.execute(prefix + sql, params)
        plan = " ".join(str(row) for row in cursor.fetchall()).lower()
    # The planner may prefer a sequential scan on a tiny table in PostgreSQL; require the index
    # where the planner has to use it to answer a range on SQLite.
    if connection.vendor == "sqlite":
        assert "orgs_orgunit_path" in plan


def test_accent_insensitive_search(tree: Tree) -> None:
    found = OrgUnit.objects.search("hoa binh")
    assert list(found) == [tree.commune]
    assert list(OrgUnit.objects.search("SỞ NỘI VỤ")) == [tree.department]
    assert list(OrgUnit.objects.search("90001")) == [tree.commune]
    assert not OrgUnit.objects.search("khong ton tai").exists()


def test_search_folds_d_with_stroke(tree: Tree) -> None:
    unit = OrgUnitFactory.create(name="Ủy ban nhân dân xã Đức Long", parent=tree.province)
    assert list(OrgUnit.objects.search("duc long")) == [unit]


def test_rename_keeps_the_old_name_in_history(tree: Tree) -> None:
    event = rename_unit(
        tree.department,
        new_name="Sở Nội vụ (tên mới)",
        effective_on=dt.date(2025, 3, 1),
        actor=SYSTEM,
    )
    tree.department.refresh_from_db()
    assert tree.department.name == "Sở Nội vụ (tên mới)"
    assert event.old_name == "Sở Nội vụ tỉnh Thử Nghiệm"
    assert list(OrgUnit.objects.search("ten moi")) == [tree.department]


def _merge_old_communes(tree: Tree) -> tuple[OrgUnit, OrgUnit]:
    district = create_unit(
        name="UBND huyện Cũ",
        kind="district",
        key="d901",
        parent=tree.province,
        valid_to=dt.date(2025, 6, 30),
        actor=SYSTEM,
    )
    old = create_unit(
        name="UBND xã Cũ A", kind="commune", key="c90101", parent=district, actor=SYSTEM
    )
    old_village = create_unit(
        name="Thôn Cũ", kind="village", key="c90101.thon", parent=old, actor=SYSTEM
    )
    record_succession(
        kind="merge",
        predecessors=[old, tree.commune],
        successors=[tree.commune],
        effective_on=dt.date(2025, 7, 1),
        legal_basis="Nghị quyết số 9999/NQ-UBTVQH15",
        actor=SYSTEM,
    )
    return old, old_village


def test_merge_ends_the_predecessor_and_points_to_the_successor(tree: Tree) -> None:
    old, _ = _merge_old_communes(tree)
    old.refresh_from_db()
    tree.commune.refresh_from_db()
    assert old.valid_to == dt.date(2025, 6, 30)
    assert tree.commune.valid_to is None  # the absorbing commune lives on
    assert successors_of(old) == [tree.commune]
    assert old not in OrgUnit.objects.current()


def test_data_of_a_merged_unit_rolls_up_to_its_successor(tree: Tree) -> None:
    old, old_village = _merge_old_communes(tree)
    commune_viewer = official("viewer", tree.commune)
    other_viewer = official("viewer", tree.other_commune)
    visible = set(OrgUnit.objects.visible_to(commune_viewer))
    assert {old, old_village, tree.commune, tree.village} <= visible
    assert old not in set(OrgUnit.objects.visible_to(other_viewer))


def test_split_links_one_predecessor_to_several_successors(tree: Tree) -> None:
    old = create_unit(
        name="UBND xã Lớn", kind="commune", key="c90200", parent=tree.province, actor=SYSTEM
    )
    record_succession(
        kind="split",
        predecessors=[old],
        successors=[tree.commune, tree.other_commune],
        effective_on=dt.date(2025, 7, 1),
        actor=SYSTEM,
    )
    assert successors_of(old) == sorted([tree.commune, tree.other_commune], key=lambda u: u.path)
    with pytest.raises(UserError):
        record_succession(
            kind="split",
            predecessors=[old],
            successors=[old],
            effective_on=dt.date(2025, 7, 1),
            actor=SYSTEM,
        )


def test_invalid_unit_is_refused_in_vietnamese(tree: Tree) -> None:
    with pytest.raises(UserError, match="Loại đơn vị"):
        create_unit(name="X", kind="galaxy", key="x1", actor=SYSTEM)
    with pytest.raises(UserError, match="khóa"):
        create_unit(name="Trùng", kind="commune", key=tree.commune.key, actor=SYSTEM)


def test_member_of_unit_is_counted_for_scope_not_for_roles(tree: Tree) -> None:
    member = User.objects.create(username="thanhvien", org_unit=tree.commune)
    assert not OrgUnit.objects.visible_to(member).exists()
