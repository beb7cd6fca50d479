"""People's boards (members, composition, findings and answers) and coordination programmes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from danvan.core.audit import acting_as
from danvan.core.errors import UserError
from danvan.core.scoping import holds_at, permission_name, subtree_upper_bound
from danvan.orgs.models import OrgUnit, OrgUnitKind

from ..models import (
    BoardFinding,
    BoardKind,
    BoardMember,
    CoordinationProgramme,
    PeopleBoard,
    rule_value,
)
from .common import Action, a_date, bounded, require, required


def create_board(
    *,
    actor: Any,
    owner: OrgUnit,
    kind: str,
    name: str,
    term_starts: dt.date,
    term_ends: dt.date,
    project: str = "",
    staff_count: int = 0,
) -> PeopleBoard:
    require(actor, PeopleBoard, Action.ADD, owner)
    if kind not in BoardKind.values:
        raise UserError("Loại Ban không hợp lệ.")
    name = bounded(required(name, "tên Ban"), "tên Ban", 300)
    a_date(term_starts, "ngày bắt đầu nhiệm kỳ")
    a_date(term_ends, "ngày kết thúc nhiệm kỳ")
    if term_ends <= term_starts:
        raise UserError("Ngày kết thúc nhiệm kỳ phải sau ngày bắt đầu.")
    if kind == BoardKind.INVESTMENT and not project.strip():
        raise UserError("Ban giám sát đầu tư của cộng đồng phải gắn với một dự án, công trình.")
    if kind == BoardKind.AGENCY:
        minimum = rule_value("agency_board.min_staff", owner)
        if staff_count < minimum:
            raise UserError(
                f"Cơ quan, đơn vị có dưới {minimum} người không thành lập Ban Thanh tra nhân dân "
                "(Điều 60 Luật Thực hiện dân chủ ở cơ sở)."
            )
        years = rule_value("agency_board.term_years", owner)
        if term_ends > term_starts.replace(year=term_starts.year + years):
            raise UserError(f"Nhiệm kỳ của Ban Thanh tra nhân dân ở cơ quan là {years} năm.")
    with transaction.atomic(), acting_as(actor):
        return PeopleBoard.objects.create(
            owner=owner,
            kind=kind,
            name=name,
            project=bounded(project.strip(), "dự án", 300),
            term_starts=term_starts,
            term_ends=term_ends,
            staff_count=staff_count,
        )


def add_member(
    *,
    actor: Any,
    board: PeopleBoard,
    name: str,
    village: OrgUnit | None = None,
    position: str = "",
    commune_official: bool = False,
) -> BoardMember:
    """Members of a commune's boards are residents, not officials of the commune (Điều 37)."""
    require(actor, PeopleBoard, Action.CHANGE, board.owner)
    name = bounded(required(name, "họ tên thành viên"), "họ tên", 200)
    if commune_official and board.kind != BoardKind.AGENCY:
        raise UserError(
            "Cán bộ, công chức cấp xã không được là thành viên Ban Thanh tra nhân dân, Ban giám "
            "sát đầu tư của cộng đồng."
        )
    if village is not None:
        owner = board.owner
        if not owner.path <= village.path < subtree_upper_bound(owner.path):
            raise UserError("Thôn, tổ dân phố của thành viên phải thuộc đơn vị lập Ban.")
    if board.kind == BoardKind.AGENCY:
        maximum = rule_value("agency_board.max_members", board.owner)
        if board.members.count() >= maximum:
            raise UserError(f"Ban Thanh tra nhân dân ở cơ quan có tối đa {maximum} thành viên.")
    with transaction.atomic(), acting_as(actor):
        return BoardMember.objects.create(
            board=board, name=name, village=village, position=bounded(position, "chức danh", 100)
        )


def composition_problems(board: PeopleBoard) -> list[str]:
    """What the board's composition lacks, by the rules of the law (shown, not enforced)."""
    members = board.members.count()
    problems = []
    if board.kind == BoardKind.INSPECTION:
        villages = (
            OrgUnit.objects.current().filter(parent=board.owner, kind=OrgUnitKind.VILLAGE).count()
        )
        needed = max(rule_value("board.min_members", board.owner), villages)
        if members < needed:
            problems.append(
                f"Ban có {members} thành viên; cần ít nhất {needed} (mỗi thôn, tổ dân phố một "
                "người, tối thiểu 5 – Điều 37)."
            )
    elif board.kind == BoardKind.INVESTMENT:
        needed = rule_value("board.min_members", board.owner)
        if members < needed:
            problems.append(f"Ban có {members} thành viên; cần ít nhất {needed} (Điều 42).")
    else:
        low = rule_value("agency_board.min_members", board.owner)
        if members < low:
            problems.append(f"Ban có {members} thành viên; cần từ {low} đến 9 (Điều 60).")
    return problems


def record_finding(*, actor: Any, board: PeopleBoard, text: str, sent_on: dt.date) -> BoardFinding:
    """A finding the board sends to the unit; due in ``board.answer_days`` days."""
    require(actor, PeopleBoard, Action.CHANGE, board.owner)
    text = bounded(required(text, "nội dung kiến nghị"), "nội dung kiến nghị")
    a_date(sent_on, "ngày gửi kiến nghị")
    days = rule_value("board.answer_days", board.owner)
    with transaction.atomic(), acting_as(actor):
        return BoardFinding.objects.create(
            board=board, text=text, sent_on=sent_on, due_on=sent_on + dt.timedelta(days=days)
        )


def answer_finding(
    *, actor: Any, finding: BoardFinding, answer: str, on: dt.date, version: Any
) -> BoardFinding:
    unit = finding.board.owner
    if actor is not None and not holds_at(
        actor, permission_name(BoardFinding, Action.CHANGE), unit
    ):
        raise UserError(f"Chỉ {unit.name} mới trả lời được kiến nghị này.")
    finding.check_version(version)
    answer = bounded(required(answer, "nội dung trả lời"), "nội dung trả lời")
    a_date(on, "ngày trả lời")
    if on < finding.sent_on:
        raise UserError("Ngày trả lời không được trước ngày gửi kiến nghị.")
    with transaction.atomic(), acting_as(actor):
        finding.answer, finding.answered_on, finding.answered_by = answer, on, actor
        finding.bump_version()
        finding.save()
    return finding


def record_programme(
    *,
    actor: Any,
    owner: OrgUnit,
    title: str,
    parties: str,
    starts_on: dt.date,
    ends_on: dt.date,
    signed_on: dt.date | None = None,
    document_reference: str = "",
) -> CoordinationProgramme:
    require(actor, CoordinationProgramme, Action.ADD, owner)
    title = bounded(required(title, "tên chương trình"), "tên chương trình", 300)
    parties = bounded(required(parties, "các bên phối hợp"), "các bên phối hợp", 500)
    a_date(starts_on, "ngày bắt đầu")
    a_date(ends_on, "ngày kết thúc")
    if ends_on < starts_on:
        raise UserError("Ngày kết thúc chương trình không được trước ngày bắt đầu.")
    if signed_on is not None and signed_on > timezone.localdate():
        raise UserError("Ngày ký không được ở tương lai.")
    with transaction.atomic(), acting_as(actor):
        return CoordinationProgramme.objects.create(
            owner=owner,
            title=title,
            parties=parties,
            starts_on=starts_on,
            ends_on=ends_on,
            signed_on=signed_on,
            document_reference=bounded(document_reference, "số văn bản", 120),
        )


def coordination_gaps(root: OrgUnit, day: dt.date | None = None) -> list[OrgUnit]:
    """People's Committees (the root's subtree, province and communes) with no signed programme
    in force on ``day``: the target "every unit keeps a signed programme"."""
    on = day or timezone.localdate()
    units = OrgUnit.objects.current().filter(
        kind__in=[OrgUnitKind.PROVINCE, OrgUnitKind.COMMUNE],
        path__gte=root.path,
        path__lt=subtree_upper_bound(root.path),
    )
    keeping = CoordinationProgramme.objects.signed_on(on).values("owner_id")
    return list(units.exclude(pk__in=keeping).order_by("path"))
