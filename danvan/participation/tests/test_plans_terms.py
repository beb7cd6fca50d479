"""People's Inspection Boards: inspection plans sent 5 working days ahead (the working calendar
of danvan.deadlines), findings linked to plans, and members' terms within the village head's."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.core.audit import SYSTEM
from danvan.core.errors import UserError
from danvan.deadlines.models import CalendarDayKind
from danvan.deadlines.services import set_calendar_day
from danvan.testing.fixtures import Tree

from ..models import BoardMember, InspectionPlan, VillageHeadTerm
from ..services.boards import (
    add_member,
    create_board,
    record_finding,
    record_inspection_plan,
    record_village_head_term,
)
from .test_api import _client


@pytest.fixture
def board(tree: Tree, commune_officer):  # type: ignore[no-untyped-def]
    return create_board(
        actor=commune_officer, owner=tree.commune, kind="inspection",
        name="Ban Thanh tra nhân dân xã Hòa Bình", term_starts=dt.date(2026, 1, 1),
        term_ends=dt.date(2028, 12, 31),
    )  # fmt: skip


def _plan(actor, board, sent_on, starts_on):  # type: ignore[no-untyped-def]
    return record_inspection_plan(
        actor=actor, board=board, subject="Thu, chi quỹ đóng góp làm đường",
        starts_on=starts_on, ends_on=starts_on + dt.timedelta(days=3), sent_on=sent_on,
    )  # fmt: skip


def test_plan_five_working_days_ahead(tree: Tree, board, commune_officer) -> None:  # type: ignore[no-untyped-def]
    # Sent Monday 1/6/2026: the fifth working day after is Monday 8/6.
    monday = dt.date(2026, 6, 1)
    with pytest.raises(UserError) as refused:
        _plan(commune_officer, board, monday, dt.date(2026, 6, 5))
    assert "5 ngày làm việc" in refused.value.message and "08/06/2026" in refused.value.message
    assert not InspectionPlan.objects.exists()
    plan = _plan(commune_officer, board, monday, dt.date(2026, 6, 8))
    # A day off in between pushes it one working day further.
    set_calendar_day(
        dt.date(2026, 7, 2), CalendarDayKind.DAY_OFF, name="Nghỉ hoán đổi (thử nghiệm)",
        legal_basis="Thông báo (thử nghiệm)", actor=SYSTEM,
    )  # fmt: skip
    with pytest.raises(UserError):
        _plan(commune_officer, board, dt.date(2026, 6, 29), dt.date(2026, 7, 6))
    _plan(commune_officer, board, dt.date(2026, 6, 29), dt.date(2026, 7, 7))
    finding = record_finding(
        actor=commune_officer, board=board, text="Chưa công khai quyết toán quỹ.",
        sent_on=dt.date(2026, 6, 12), inspection_plan=plan,
    )  # fmt: skip
    assert list(plan.findings.all()) == [finding]


def test_plans_only_for_inspection_boards_and_dates_in_order(
    tree: Tree, board, commune_officer
) -> None:  # type: ignore[no-untyped-def]
    investment = create_board(
        actor=commune_officer, owner=tree.commune, kind="investment", name="Ban giám sát",
        project="Đường thôn Bản Giới", term_starts=dt.date(2026, 1, 1),
        term_ends=dt.date(2026, 12, 31),
    )  # fmt: skip
    with pytest.raises(UserError):
        _plan(commune_officer, investment, dt.date(2026, 6, 1), dt.date(2026, 6, 15))
    with pytest.raises(UserError):
        record_inspection_plan(
            actor=commune_officer, board=board, subject="x", starts_on=dt.date(2026, 6, 15),
            ends_on=dt.date(2026, 6, 10), sent_on=dt.date(2026, 6, 1),
        )  # fmt: skip
    other_plan = _plan(commune_officer, board, dt.date(2026, 6, 1), dt.date(2026, 6, 15))
    with pytest.raises(UserError):
        record_finding(
            actor=commune_officer, board=investment, text="x", sent_on=dt.date(2026, 6, 20),
            inspection_plan=other_plan,
        )  # fmt: skip
    assert InspectionPlan.objects.count() == 1


def test_member_term_within_the_village_heads(tree: Tree, board, commune_officer) -> None:  # type: ignore[no-untyped-def]
    record_village_head_term(
        actor=commune_officer, owner=tree.commune, village=tree.village, head_name="Nông Văn Bảy",
        starts_on=dt.date(2025, 7, 1), ends_on=dt.date(2027, 12, 31),
    )  # fmt: skip
    with pytest.raises(UserError) as refused:
        add_member(actor=commune_officer, board=board, name="Lương Thị Tám", village=tree.village)
    message = refused.value.message
    assert "31/12/2028" in message and "31/12/2027" in message
    with pytest.raises(UserError):
        add_member(
            actor=commune_officer, board=board, name="Lương Thị Tám", village=tree.village,
            term_ends=dt.date(2028, 6, 30),
        )  # fmt: skip
    assert not BoardMember.objects.exists()
    member = add_member(
        actor=commune_officer, board=board, name="Lương Thị Tám", village=tree.village,
        term_ends=dt.date(2027, 12, 31),
    )  # fmt: skip
    assert member.term_ends == dt.date(2027, 12, 31)
    # No recorded term for the village: nothing to check against.
    add_member(actor=commune_officer, board=board, name="Hoàng Văn Chín")


def test_village_head_terms_refuse_overlaps_and_foreign_villages(
    tree: Tree, commune_officer
) -> None:  # type: ignore[no-untyped-def]
    record_village_head_term(
        actor=commune_officer, owner=tree.commune, village=tree.village, head_name="A",
        starts_on=dt.date(2025, 7, 1), ends_on=dt.date(2027, 12, 31),
    )  # fmt: skip
    for village, starts, ends in [
        (tree.village, dt.date(2027, 1, 1), dt.date(2029, 1, 1)),
        (tree.village, dt.date(2030, 1, 1), dt.date(2029, 1, 1)),
        (tree.other_commune, dt.date(2028, 1, 1), dt.date(2030, 1, 1)),
    ]:
        with pytest.raises(UserError):
            record_village_head_term(
                actor=commune_officer, owner=tree.commune, village=village, head_name="B",
                starts_on=starts, ends_on=ends,
            )  # fmt: skip
    assert VillageHeadTerm.objects.count() == 1


def test_plans_findings_and_terms_over_the_api(
    tree: Tree, board, commune_officer, outsider
) -> None:  # type: ignore[no-untyped-def]
    client = _client(commune_officer)
    base = f"/api/v1/participation/boards/{board.pk}"
    plan = {"subject": "Quỹ làm đường", "starts_on": "2026-06-05", "ends_on": "2026-06-10",
            "sent_on": "2026-06-01"}  # fmt: skip
    short = client.post(f"{base}/inspection-plans", plan, content_type="application/json")
    assert short.status_code == 400 and "5 ngày làm việc" in short.json()["detail"]
    plan["starts_on"] = "2026-06-08"
    made = client.post(f"{base}/inspection-plans", plan, content_type="application/json")
    assert made.status_code == 201, made.content
    finding = client.post(
        f"{base}/findings",
        {
            "text": "Chưa công khai",
            "sent_on": "2026-06-10",
            "inspection_plan_id": made.json()["id"],
        },
        content_type="application/json",
    )
    assert finding.status_code == 201 and finding.json()["inspection_plan_id"] == made.json()["id"]
    term = client.post(
        "/api/v1/participation/village-head-terms",
        {"owner_id": tree.commune.pk, "village_id": tree.village.pk, "head_name": "Nông Văn Bảy",
         "starts_on": "2025-07-01", "ends_on": "2027-12-31"},
        content_type="application/json",
    )  # fmt: skip
    assert term.status_code == 201, term.content
    member = client.post(
        f"{base}/members",
        {"name": "Lương Thị Tám", "village_id": tree.village.pk},
        content_type="application/json",
    )
    assert member.status_code == 400 and "Trưởng thôn" in member.json()["detail"]
    outside = _client(outsider)
    assert (
        outside.post(f"{base}/inspection-plans", plan, content_type="application/json").status_code
        == 404
    )
    assert outside.get("/api/v1/participation/inspection-plans").json()["count"] == 0


def test_member_term_covers_the_whole_membership(tree: Tree, board, commune_officer) -> None:  # type: ignore[no-untyped-def]
    """The board starts 01/01/2026; the head's term recorded starts later (or ends sooner): the
    member's whole period must sit in one term of the village head (Điều 36 khoản 2)."""
    record_village_head_term(
        actor=commune_officer, owner=tree.commune, village=tree.village, head_name="Nông Văn Bảy",
        starts_on=dt.date(2026, 7, 1), ends_on=dt.date(2028, 12, 31),
    )  # fmt: skip
    with pytest.raises(UserError) as refused:
        add_member(
            actor=commune_officer, board=board, name="Lương Thị Tám", village=tree.village,
            term_ends=dt.date(2027, 12, 31),
        )  # fmt: skip
    message = refused.value.message
    assert "không nằm trong một nhiệm kỳ" in message
    assert "01/01/2026" in message and "01/07/2026–31/12/2028" in message
    assert not BoardMember.objects.exists()


def test_commune_staff_are_not_members(tree: Tree, board, commune_officer) -> None:  # type: ignore[no-untyped-def]
    """A name matching an official of the commune (or of a unit under it) is refused even when
    the box "official of the commune" is not ticked (Điều 37 khoản 2); nothing is written."""
    from danvan.testing.fixtures import official

    official("officer", tree.village, full_name="Đinh Văn Mười")
    with pytest.raises(UserError) as refused:
        add_member(actor=commune_officer, board=board, name=" đinh văn mười ", village=tree.village)
    assert "Đinh Văn Mười là cán bộ, công chức" in refused.value.message
    assert "Điều 37" in refused.value.message
    assert not BoardMember.objects.exists()
    # An official elsewhere (another commune) is no official of this commune.
    official("officer", tree.other_commune, full_name="Hà Thị Mây")
    assert add_member(actor=commune_officer, board=board, name="Hà Thị Mây").pk
