"""People's boards and coordination programmes."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from danvan.core.errors import UserError
from danvan.testing.fixtures import Tree, official, signed_in

from ..models import BoardFinding, PeopleBoard
from ..services import boards as svc

TERM = (dt.date(2025, 1, 1), dt.date(2027, 6, 30))


def _board(officer, unit, kind="inspection", **over):  # type: ignore[no-untyped-def]
    fields: dict[str, Any] = {
        "name": "Ban Thanh tra nhân dân",
        "term_starts": TERM[0],
        "term_ends": TERM[1],
    }
    fields.update(over)
    return svc.create_board(actor=officer, owner=unit, kind=kind, **fields)


def test_inspection_board_needs_five_residents(tree: Tree, commune_officer) -> None:  # type: ignore[no-untyped-def]
    board = _board(commune_officer, tree.commune)
    assert "cần ít nhất 5" in svc.composition_problems(board)[0]
    with pytest.raises(UserError, match="Cán bộ, công chức cấp xã"):
        svc.add_member(
            actor=commune_officer, board=board, name="Công chức xã", commune_official=True
        )
    for n in range(5):
        svc.add_member(
            actor=commune_officer, board=board, name=f"Thành viên {n}", village=tree.village
        )
    assert svc.composition_problems(board) == []
    with pytest.raises(UserError, match="phải thuộc đơn vị"):
        svc.add_member(
            actor=commune_officer, board=board, name="Ngoài xã", village=tree.other_commune
        )


def test_agency_board_rules(tree: Tree, province_officer) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UserError, match="dưới 8 người"):
        _board(province_officer, tree.department, "agency", staff_count=7)
    with pytest.raises(UserError, match="2 năm"):
        _board(province_officer, tree.department, "agency", staff_count=30,
               term_starts=dt.date(2025, 1, 1), term_ends=dt.date(2027, 6, 1))  # fmt: skip
    board = _board(province_officer, tree.department, "agency", staff_count=30,
                   term_starts=dt.date(2025, 1, 1), term_ends=dt.date(2026, 12, 31))  # fmt: skip
    for n in range(9):
        svc.add_member(actor=province_officer, board=board, name=f"Viên chức {n}")
    with pytest.raises(UserError, match="tối đa 9"):
        svc.add_member(actor=province_officer, board=board, name="Thứ mười")
    with pytest.raises(UserError, match="gắn với một dự án"):
        _board(province_officer, tree.commune, "investment")


def test_findings_are_due_in_15_days_and_answered_by_the_commune(
    tree: Tree, commune_officer
) -> None:  # type: ignore[no-untyped-def]
    board = _board(commune_officer, tree.commune)
    finding = svc.record_finding(
        actor=commune_officer, board=board, text="Chưa công khai quỹ", sent_on=dt.date(2026, 5, 4)
    )
    assert finding.due_on == dt.date(2026, 5, 19)
    assert BoardFinding.objects.overdue(dt.date(2026, 5, 20)).get() == finding
    neighbour = official("officer", tree.other_commune, username="tanlap")
    with pytest.raises(UserError, match="Chỉ Ủy ban nhân dân xã Hòa Bình"):
        svc.answer_finding(
            actor=neighbour, finding=finding, answer="x", on=dt.date(2026, 5, 6), version=1
        )
    svc.answer_finding(
        actor=commune_officer,
        finding=finding,
        answer="Đã niêm yết",
        on=dt.date(2026, 5, 10),
        version=1,
    )
    assert not BoardFinding.objects.overdue(dt.date(2026, 5, 20)).exists()


def test_coordination_gaps_and_pages(tree: Tree, commune_officer, province_officer) -> None:  # type: ignore[no-untyped-def]
    svc.record_programme(
        actor=commune_officer, owner=tree.commune, title="Chương trình phối hợp",
        parties="Ủy ban MTTQ xã", starts_on=dt.date(2026, 1, 1), ends_on=dt.date(2030, 12, 31),
        signed_on=dt.date(2026, 1, 5),
    )  # fmt: skip
    with pytest.raises(UserError, match="không được trước ngày bắt đầu"):
        svc.record_programme(
            actor=commune_officer, owner=tree.commune, title="X", parties="Y",
            starts_on=dt.date(2026, 2, 1), ends_on=dt.date(2026, 1, 1),
        )  # fmt: skip
    gaps = svc.coordination_gaps(tree.province, dt.date(2026, 6, 1))
    assert tree.commune not in gaps and tree.other_commune in gaps and tree.province in gaps
    client = signed_in(province_officer)
    page = client.get(f"/participation/coordination/?unit={tree.province.pk}")
    assert page.status_code == 200 and "Ủy ban nhân dân xã Tân Lập" in page.content.decode()
    board = _board(commune_officer, tree.commune)
    assert client.get("/participation/boards/").status_code == 200
    assert client.get(f"/participation/boards/{board.pk}/").status_code == 200
    assert signed_in(commune_officer).get("/participation/boards/new/").status_code == 200
    response = signed_in(commune_officer).post(
        f"/participation/boards/{board.pk}/",
        {"op": "finding", "text": "Chậm công khai", "sent_on": "2026-05-04"},
    )
    assert response.status_code == 302 and board.findings.count() == 1
    assert PeopleBoard.objects.count() == 1
