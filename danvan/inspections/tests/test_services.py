"""Inspections: rounds, findings with deadlines, reports and closing, as the services enforce."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied
from docx import Document

from danvan.accounts.models import User
from danvan.core.audit import SYSTEM
from danvan.core.errors import StaleVersion, UserError
from danvan.core.obligations import remind
from danvan.inspections.exports import conclusion_docx
from danvan.inspections.models import Finding, FindingStatus, InspectionRound
from danvan.inspections.obligations import open_findings
from danvan.inspections.report_sources import findings_closed, findings_overdue
from danvan.inspections.services import (
    add_finding,
    close_finding,
    create_plan,
    create_round,
    report_on_finding,
)
from danvan.orgs.services import record_succession
from danvan.testing.fixtures import Tree, official

from .support import make_finding, make_round

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 20)
TEAM = [
    {"name": "Hoàng Văn Thụ", "body": "Ban Dân vận Tỉnh ủy", "role": "Trưởng đoàn"},
    {"name": "Nông Thị Lan", "body": "Sở Nội vụ", "role": "Thành viên"},
]


def test_a_round_is_opened_with_a_team_from_several_bodies(
    tree: Tree, province_officer: User
) -> None:
    plan = create_plan(
        tree.province, year=2026, title="Kế hoạch kiểm tra 2026", actor=province_officer
    )
    with pytest.raises(UserError, match="ít nhất hai cơ quan"):
        create_round(
            plan, title="Kiểm tra xã", units=[tree.commune],
            starts_on=dt.date(2026, 5, 4), ends_on=dt.date(2026, 5, 6), team=TEAM[:1], actor=province_officer,
        )  # fmt: skip
    with pytest.raises(UserError, match="trước ngày bắt đầu"):
        create_round(
            plan, title="Kiểm tra xã", units=[tree.commune],
            starts_on=dt.date(2026, 5, 4), ends_on=dt.date(2026, 5, 6), team=TEAM,
            notice_sent_on=dt.date(2026, 5, 5), actor=province_officer,
        )  # fmt: skip
    with pytest.raises(UserError, match="Không thể giao"):
        create_round(
            plan, title="Kiểm tra", units=[tree.other_province],
            starts_on=dt.date(2026, 5, 4), ends_on=dt.date(2026, 5, 6), actor=province_officer,
        )  # fmt: skip
    assert not InspectionRound.objects.exists()
    round_ = create_round(
        plan, title="Kiểm tra dân vận chính quyền xã Hòa Bình",
        units=[tree.commune], starts_on=dt.date(2026, 5, 4), ends_on=dt.date(2026, 5, 6),
        team=TEAM, notice_sent_on=dt.date(2026, 4, 20), actor=province_officer,
    )  # fmt: skip
    assert round_.team.count() == 2 and list(round_.units.all()) == [tree.commune]


def test_a_finding_due_before_the_inspection_is_refused(tree: Tree, province_officer: User) -> None:
    round_ = make_round(tree.province, tree.commune)
    with pytest.raises(UserError, match="không được trước ngày kiểm tra"):
        add_finding(
            round_, finding="Chưa niêm yết", recommendation="Niêm yết",
            responsible_unit=tree.commune, due_on=dt.date(2026, 5, 1), actor=province_officer,
        )  # fmt: skip
    with pytest.raises(UserError, match="Không thể giao"):
        add_finding(
            round_, finding="X", recommendation="Y",
            responsible_unit=tree.other_province, due_on=dt.date(2026, 8, 1), actor=province_officer,
        )  # fmt: skip
    assert not Finding.objects.exists()


def test_a_finding_is_answered_by_the_unit_and_closed_by_the_inspectors(
    tree: Tree, province_officer: User, commune_officer: User
) -> None:
    round_ = make_round(tree.province, tree.commune)
    finding = add_finding(
        round_, finding="Chưa công khai thủ tục", recommendation="Công khai",
        responsible_unit=tree.commune, due_on=dt.date(2026, 8, 31), actor=province_officer,
    )  # fmt: skip
    with pytest.raises(UserError, match="chưa báo cáo"):
        close_finding(finding, version=1, note="OK", today=TODAY, actor=province_officer)
    with pytest.raises(PermissionDenied):  # the inspected unit does not close its own finding
        close_finding(finding, version=1, note="OK", today=TODAY, actor=commune_officer)
    report_on_finding(
        finding, version=1, text="Đã niêm yết tại bộ phận một cửa", actor=commune_officer
    )
    assert finding.status == FindingStatus.ANSWERED
    with pytest.raises(StaleVersion):
        close_finding(finding, version=1, note="Đạt", today=TODAY, actor=province_officer)
    close_finding(finding, version=2, note="Đạt yêu cầu", today=TODAY, actor=province_officer)
    finding.refresh_from_db()
    assert (finding.status, finding.closed_on) == (FindingStatus.CLOSED, TODAY)
    assert findings_closed(tree.commune, dt.date(2026, 1, 1), dt.date(2026, 12, 31)) == 1


def test_overdue_findings_are_derived_and_reminded(tree: Tree) -> None:
    round_ = make_round(tree.province, tree.commune)
    late = make_finding(round_, tree.commune, due_on=dt.date(2026, 11, 1))
    make_finding(round_, tree.commune, due_on=dt.date(2026, 10, 1), status="closed",
                 closed_on=dt.date(2026, 9, 20))  # fmt: skip
    assert list(Finding.objects.overdue(TODAY)) == [late]
    assert findings_overdue(tree.commune, dt.date(2026, 1, 1), TODAY) == 1
    owed = list(open_findings(dt.date(2026, 10, 20), dt.date(2026, 12, 31)))
    assert [o.item_key for o in owed] == [str(late.pk)]
    official("officer", tree.commune, username="xa.nhac")
    assert remind(TODAY, only=["inspections.finding"])["inspections.finding"] == 1
    assert remind(TODAY, only=["inspections.finding"])["inspections.finding"] == 0  # once


def test_open_findings_of_a_merged_commune_go_to_its_successor(tree: Tree) -> None:
    round_ = make_round(tree.province, tree.commune)
    open_one = make_finding(round_, tree.commune)
    done = make_finding(round_, tree.commune, status="closed", closed_on=dt.date(2026, 6, 1))
    record_succession(
        kind="merge", predecessors=[tree.commune, tree.other_commune],
        successors=[tree.other_commune], effective_on=dt.date(2026, 7, 1), actor=SYSTEM,
    )  # fmt: skip
    open_one.refresh_from_db()
    done.refresh_from_db()
    assert open_one.responsible_unit == tree.other_commune and open_one.version == 2
    assert done.responsible_unit == tree.commune  # finished work stays with who did it
    year = (dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert findings_closed(tree.commune, *year) == 1
    assert findings_closed(tree.other_commune, *year) == 0


def test_the_conclusion_is_a_nd30_docx(tree: Tree) -> None:
    round_ = make_round(tree.province, tree.commune)
    round_.conclusion, round_.concluded_on = (
        "Xã thực hiện tốt Quy chế dân chủ.",
        dt.date(2026, 5, 20),
    )
    round_.save()
    make_finding(round_, tree.commune)
    text = "\n".join(p.text for p in Document(io.BytesIO(conclusion_docx(round_))).paragraphs)
    assert "KẾT LUẬN" in text and "Niêm yết đầy đủ" in text and "31/08/2026" in text
    cells = Document(io.BytesIO(conclusion_docx(round_))).tables[0]._cells
    header = " ".join(c.text for c in cells)
    assert "/KL-UBND" in header and "ngày 20 tháng 5 năm 2026" in header


def test_the_responsible_unit_and_then_the_inspectors_are_notified(tree: Tree) -> None:
    from danvan.notifications.models import Notification

    inspector = official("officer", tree.province, username="tinh.kiemtra")
    commune = official("officer", tree.commune, username="xa.khacphuc")
    finding = add_finding(
        make_round(tree.province, tree.commune), finding="Chưa công khai",
        recommendation="Công khai thủ tục", responsible_unit=tree.commune,
        due_on=dt.date(2026, 8, 31), actor=inspector,
    )  # fmt: skip
    assert list(Notification.objects.values_list("recipient__username", flat=True)) == [
        "xa.khacphuc"
    ]
    report_on_finding(finding, version=1, text="Đã công khai", actor=commune)
    assert Notification.objects.filter(recipient=inspector).count() == 1


def test_the_inspected_units_are_told_when_the_notice_is_sent(tree: Tree) -> None:
    from danvan.notifications.models import Notification

    inspector = official("officer", tree.province, username="tinh.doan")
    official("viewer", tree.commune, username="xa.duockiemtra")
    plan = create_plan(tree.province, year=2026, title="Kế hoạch kiểm tra 2026", actor=inspector)
    create_round(
        plan, title="Kiểm tra xã Hòa Bình", units=[tree.commune],
        starts_on=dt.date(2026, 5, 4), ends_on=dt.date(2026, 5, 6),
        notice_sent_on=dt.date(2026, 4, 20), actor=inspector,
    )  # fmt: skip
    (note,) = Notification.objects.all()
    assert note.recipient.username == "xa.duockiemtra" and "04/05/2026" in note.body
