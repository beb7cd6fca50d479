"""People's boards (members, composition, findings and answers) and coordination programmes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts.models import User
from danvan.core.audit import acting_as
from danvan.core.errors import UserError
from danvan.core.scoping import holds_at, permission_name, subtree_upper_bound
from danvan.deadlines.calendar import add_working_days
from danvan.orgs.models import OrgUnit, OrgUnitKind

from ..models import (
    BoardFinding,
    BoardKind,
    BoardMember,
    CoordinationProgramme,
    InspectionPlan,
    PeopleBoard,
    VillageHeadTerm,
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
        raise UserError(_("The kind of board is not valid."))
    name = bounded(required(name, _("the name of the board")), _("the name of the board"), 300)
    a_date(term_starts, _("the first day of the term"))
    a_date(term_ends, _("the last day of the term"))
    if term_ends <= term_starts:
        raise UserError(_("The term must end after it starts."))
    if kind == BoardKind.INVESTMENT and not project.strip():
        raise UserError(_("A community investment supervision board supervises one project."))
    if kind == BoardKind.AGENCY:
        minimum = rule_value("agency_board.min_staff", owner)
        if staff_count < minimum:
            raise UserError(
                _(
                    "An agency with fewer than %(n)d people forms no People's Inspection Board "
                    "(Article 60 of the Law on Grassroots Democracy)."
                )
                % {"n": minimum}
            )
        years = rule_value("agency_board.term_years", owner)
        if term_ends > term_starts.replace(year=term_starts.year + years):
            raise UserError(
                _("The term of an agency's People's Inspection Board is %(years)d years.")
                % {"years": years}
            )
    with transaction.atomic(), acting_as(actor):
        return PeopleBoard.objects.create(
            owner=owner,
            kind=kind,
            name=name,
            project=bounded(project.strip(), _("the project"), 300),
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
    term_ends: dt.date | None = None,
) -> BoardMember:
    """Members of a commune's boards are residents, not officials of the commune (Điều 37)."""
    require(actor, PeopleBoard, Action.CHANGE, board.owner)
    name = bounded(required(name, _("the member's name")), _("the name"), 200)
    if commune_official and board.kind != BoardKind.AGENCY:
        raise UserError(
            _(
                "Officials of the commune cannot be members of a People's Inspection Board or a "
                "community investment supervision board."
            )
        )
    problem = staff_member_problem(board, name)
    if problem:
        raise UserError(problem)
    if village is not None:
        owner = board.owner
        if not owner.path <= village.path < subtree_upper_bound(owner.path):
            raise UserError(_("The member's village must belong to the unit of the board."))
    if term_ends is not None:
        a_date(term_ends, _("the end of the member's term"))
        if not board.term_starts < term_ends <= board.term_ends:
            raise UserError(_("A member's term ends within the board's term."))
    problem = member_term_problem(board, village, term_ends or board.term_ends)
    if problem:
        raise UserError(problem)
    if board.kind == BoardKind.AGENCY:
        maximum = rule_value("agency_board.max_members", board.owner)
        if board.members.count() >= maximum:
            raise UserError(
                _("An agency's People's Inspection Board has at most %(n)d members.")
                % {"n": maximum}
            )
    with transaction.atomic(), acting_as(actor):
        return BoardMember.objects.create(
            board=board,
            name=name,
            village=village,
            position=bounded(position, _("the position"), 100),
            term_ends=term_ends,
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
                _(
                    "The board has %(members)d members; it needs at least %(needed)d (one per "
                    "village or residential group, at least 5 – Article 37)."
                )
                % {"members": members, "needed": needed}
            )
    elif board.kind == BoardKind.INVESTMENT:
        needed = rule_value("board.min_members", board.owner)
        if members < needed:
            problems.append(
                _("The board has %(members)d members; it needs at least %(needed)d (Article 42).")
                % {"members": members, "needed": needed}
            )
    else:
        low = rule_value("agency_board.min_members", board.owner)
        if members < low:
            problems.append(
                _("The board has %(members)d members; it needs %(low)d to 9 (Article 60).")
                % {"members": members, "low": low}
            )
    return problems


def record_finding(
    *,
    actor: Any,
    board: PeopleBoard,
    text: str,
    sent_on: dt.date,
    inspection_plan: InspectionPlan | None = None,
) -> BoardFinding:
    """A finding the board sends to the unit (after one of its inspection plans, if given);
    due in ``board.answer_days`` days."""
    require(actor, PeopleBoard, Action.CHANGE, board.owner)
    if inspection_plan is not None and inspection_plan.board_id != board.pk:
        raise UserError(_("The inspection plan belongs to another board."))
    text = bounded(
        required(text, _("the text of the recommendation")), _("the text of the recommendation")
    )
    a_date(sent_on, _("the date the finding was sent"))
    days = rule_value("board.answer_days", board.owner)
    with transaction.atomic(), acting_as(actor):
        return BoardFinding.objects.create(
            board=board,
            text=text,
            sent_on=sent_on,
            due_on=sent_on + dt.timedelta(days=days),
            inspection_plan=inspection_plan,
        )


def answer_finding(
    *, actor: Any, finding: BoardFinding, answer: str, on: dt.date, version: Any
) -> BoardFinding:
    unit = finding.board.owner
    if actor is not None and not holds_at(
        actor, permission_name(BoardFinding, Action.CHANGE), unit
    ):
        raise UserError(_("Only %(unit)s can answer this finding.") % {"unit": unit.name})
    finding.check_version(version)
    answer = bounded(required(answer, _("the answer")), _("the answer"))
    a_date(on, _("the date of the answer"))
    if on < finding.sent_on:
        raise UserError(_("The answer cannot be dated before the finding was sent."))
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
    title = bounded(
        required(title, _("the title of the programme")), _("the title of the programme"), 300
    )
    parties = bounded(required(parties, _("the parties")), _("the parties"), 500)
    a_date(starts_on, _("the first day"))
    a_date(ends_on, _("the last day"))
    if ends_on < starts_on:
        raise UserError(_("The programme cannot end before it starts."))
    if signed_on is not None and signed_on > timezone.localdate():
        raise UserError(_("The signing date cannot be in the future."))
    with transaction.atomic(), acting_as(actor):
        return CoordinationProgramme.objects.create(
            owner=owner,
            title=title,
            parties=parties,
            starts_on=starts_on,
            ends_on=ends_on,
            signed_on=signed_on,
            document_reference=bounded(document_reference, _("the document number"), 120),
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


def plan_notice_problem(board: PeopleBoard, sent_on: dt.date, starts_on: dt.date) -> str:
    """Why a plan sent on ``sent_on`` for ``starts_on`` is too late ("" when it is in time).

    In time when the rule's ``n``-th working day after the day it was sent (which is not
    counted) is no later than the first day of the inspection.
    """
    n = rule_value("board.plan_notice_working_days", board.owner)
    ready = add_working_days(sent_on, n)
    if ready <= starts_on:
        return ""
    return _(
        "The inspection plan must reach the commune at least %(n)d working days before it "
        "starts (Decree 59/2023, Article 14): sent on %(sent)s, it can start on %(ready)s at "
        "the earliest."
    ) % {"n": n, "sent": f"{sent_on:%d/%m/%Y}", "ready": f"{ready:%d/%m/%Y}"}


def record_inspection_plan(
    *,
    actor: Any,
    board: PeopleBoard,
    subject: str,
    starts_on: dt.date,
    ends_on: dt.date,
    sent_on: dt.date,
) -> InspectionPlan:
    """An inspection plan of a People's Inspection Board, sent to the commune in time."""
    require(actor, PeopleBoard, Action.CHANGE, board.owner)
    if board.kind != BoardKind.INSPECTION:
        raise UserError(_("Only a People's Inspection Board sends inspection plans."))
    subject = bounded(required(subject, _("what is inspected")), _("subject"), 300)
    a_date(starts_on, _("the first day of the inspection"))
    a_date(ends_on, _("the last day of the inspection"))
    a_date(sent_on, _("the date the plan was sent"))
    if ends_on < starts_on:
        raise UserError(_("The inspection cannot end before it starts."))
    problem = plan_notice_problem(board, sent_on, starts_on)
    if problem:
        raise UserError(problem)
    with transaction.atomic(), acting_as(actor):
        return InspectionPlan.objects.create(
            board=board, subject=subject, starts_on=starts_on, ends_on=ends_on, sent_on=sent_on
        )


def record_village_head_term(
    *,
    actor: Any,
    owner: OrgUnit,
    village: OrgUnit,
    head_name: str,
    starts_on: dt.date,
    ends_on: dt.date,
) -> VillageHeadTerm:
    """The term of a village head as the commune recorded it (what boards' terms follow)."""
    require(actor, VillageHeadTerm, Action.ADD, owner)
    if village.parent_id != owner.pk or village.kind != OrgUnitKind.VILLAGE:
        raise UserError(_("The village or residential group must belong to the commune."))
    head_name = bounded(required(head_name, _("the village head's name")), _("name"), 200)
    a_date(starts_on, _("the first day of the term"))
    a_date(ends_on, _("the last day of the term"))
    if ends_on <= starts_on:
        raise UserError(_("The term must end after it starts."))
    overlap = VillageHeadTerm.objects.filter(
        village=village, starts_on__lte=ends_on, ends_on__gte=starts_on
    )
    if overlap.exists():
        raise UserError(
            _("%(village)s already has a village head's term in those dates.")
            % {"village": village.name}
        )
    with transaction.atomic(), acting_as(actor):
        return VillageHeadTerm.objects.create(
            owner=owner, village=village, head_name=head_name, starts_on=starts_on, ends_on=ends_on
        )


def member_term_problem(board: PeopleBoard, village: OrgUnit | None, term_ends: dt.date) -> str:
    """Why a member of a commune's People's Inspection Board from ``village`` may not serve from
    the board's first day to ``term_ends`` ("" when one recorded term of the village head covers
    that whole period, or the commune recorded none for the village).

    Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15, Điều 36 khoản 2: «Nhiệm kỳ của Ban Thanh tra
    nhân dân theo nhiệm kỳ của Trưởng thôn, Tổ trưởng tổ dân phố trên cùng địa bàn.» A member
    elected in a village therefore serves inside one term of that village's head: checking only
    the head's term on the board's first day let a member start before the head's term began
    (a later head's term recorded, none covering the start) or run past it.
    """
    if board.kind != BoardKind.INSPECTION or village is None:
        return ""
    starts = board.term_starts
    recorded = VillageHeadTerm.objects.filter(village=village)
    if not recorded.exists():
        return ""  # nothing recorded to follow: the commune records the heads' terms first
    if recorded.filter(starts_on__lte=starts, ends_on__gte=term_ends).exists():
        return ""
    head = recorded.covering(village, starts).order_by("-ends_on").first()
    if head is not None:
        return _(
            "The member's term (to %(member)s) goes past the term of the village head of "
            "%(village)s (to %(head)s); the People's Inspection Board serves the village head's "
            "term (Articles 36–40)."
        ) % {
            "member": f"{term_ends:%d/%m/%Y}",
            "village": village.name,
            "head": f"{head.ends_on:%d/%m/%Y}",
        }
    terms = recorded.filter(starts_on__lte=term_ends, ends_on__gte=starts).order_by("starts_on")
    heads = "; ".join(f"{t.starts_on:%d/%m/%Y}–{t.ends_on:%d/%m/%Y}" for t in terms) or "—"
    return _(
        "The member's term (%(starts)s–%(ends)s) is not within one term of the village head of "
        "%(village)s (terms recorded for those dates: %(heads)s); the People's Inspection Board "
        "serves the village head's term (Article 36)."
    ) % {
        "starts": f"{starts:%d/%m/%Y}",
        "ends": f"{term_ends:%d/%m/%Y}",
        "village": village.name,
        "heads": heads,
    }


def staff_member_problem(board: PeopleBoard, name: str) -> str:
    """Why ``name`` may not sit on a commune's board as a resident ("" when nothing is known).

    Luật 10/2022/QH15, Điều 37 khoản 2: a member «là công dân thường trú trên địa bàn và không
    đồng thời là cán bộ, công chức cấp xã, người hoạt động không chuyên trách ở cấp xã, ở thôn,
    tổ dân phố» (Điều 42 holds the same for community investment supervision boards through the
    village meeting that elects them). The form's tick box relies on the officer's word; the
    platform also knows the commune's own officials (the accounts of the commune and the units
    under it) and refuses a member who carries the same full name as one of them.
    """
    if board.kind == BoardKind.AGENCY:
        return ""  # an agency's board is made of its own staff (Điều 59–60)
    owner = board.owner
    wanted = " ".join(name.split()).casefold()
    # Compared in Python: SQLite's case-insensitive match folds ASCII only (Đ/đ would differ),
    # and a commune's officials are a handful of rows.
    staff = next(
        (
            user
            for user in User.objects.filter(
                is_active=True,
                org_unit__path__gte=owner.path,
                org_unit__path__lt=subtree_upper_bound(owner.path),
            ).select_related("org_unit")
            if " ".join(user.full_name.split()).casefold() == wanted
        ),
        None,
    )
    if staff is None:
        return ""
    return _(
        "%(name)s is an official of %(unit)s; members of a People's Inspection Board or a "
        "community investment supervision board are residents who are not commune officials or "
        "part-time workers of the commune or its villages (Article 37)."
    ) % {"name": staff.display_name, "unit": staff.org_unit.name if staff.org_unit else owner.name}
