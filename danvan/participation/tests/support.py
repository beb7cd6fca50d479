"""Builders of participation records for tests (direct ORM: the matrix needs rows in any unit)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from danvan.orgs.models import OrgUnit

from ..models import (
    BoardFinding,
    BoardMember,
    Channel,
    Comment,
    Consultation,
    ConsultationMatter,
    CoordinationProgramme,
    DecisionMatter,
    Disclosure,
    DisclosureChannelUse,
    DisclosureItem,
    InspectionPlan,
    Paragraph,
    PeopleBoard,
    PeopleDecision,
    SocialCritique,
    Stance,
    SupervisionRecommendation,
    SupervisionRound,
    VillageHeadTerm,
    YearEndMeeting,
)


def make_disclosure(unit: OrgUnit, code: str = "xa.1") -> Disclosure:
    disclosure = Disclosure.objects.create(
        owner=unit,
        item=DisclosureItem.objects.get(code=code),
        title="Kế hoạch phát triển kinh tế - xã hội năm 2026",
        decided_on=dt.date(2026, 1, 5),
    )
    DisclosureChannelUse.objects.create(
        disclosure=disclosure,
        channel=Channel.POSTING,
        starts_on=dt.date(2026, 1, 6),
        ends_on=dt.date(2026, 2, 10),
    )
    return disclosure


def make_consultation(unit: OrgUnit, *, open_now: bool = True) -> Consultation:
    today = timezone.localdate()
    consultation = Consultation.objects.create(
        owner=unit,
        matter=ConsultationMatter.NEW_RURAL,
        title="Dự thảo quy ước xây dựng nông thôn mới",
        opens_on=today - dt.timedelta(days=5) if open_now else today - dt.timedelta(days=40),
        closes_on=today + dt.timedelta(days=20) if open_now else today - dt.timedelta(days=10),
    )
    Paragraph.objects.create(consultation=consultation, position=1, is_heading=True, text="Điều 1")
    Paragraph.objects.create(
        consultation=consultation, position=2, text="Mỗi hộ giữ gìn vệ sinh đường làng."
    )
    return consultation


def make_comment(unit: OrgUnit) -> Comment:
    consultation = make_consultation(unit)
    return Comment.objects.create(
        consultation=consultation,
        paragraph=consultation.paragraphs.get(position=2),
        contact_hash="a" * 64,
        text="Đề nghị bổ sung lịch thu gom rác.",
    )


def make_stance(unit: OrgUnit) -> Stance:
    consultation = make_consultation(unit)
    return Stance.objects.create(
        consultation=consultation, target="all", contact_hash="b" * 64, stance="agree"
    )


def make_decision(village: OrgUnit) -> PeopleDecision:
    return PeopleDecision.objects.create(
        village=village,
        matter=DecisionMatter.objects.get(number=1),
        title="Đóng góp làm đường bê tông",
        method="ballot",
        noticed_on=dt.date(2026, 3, 1),
        held_on=dt.date(2026, 3, 8),
        households_total=90,
        ballots=80,
        votes_for=55,
        votes_against=25,
    )


def make_round(owner: OrgUnit, supervised: OrgUnit | None = None) -> SupervisionRound:
    return SupervisionRound.objects.create(
        owner=owner,
        supervised_unit=supervised or owner,
        topic="Việc thực hiện dân chủ ở cơ sở",
        starts_on=dt.date(2026, 4, 1),
        ends_on=dt.date(2026, 4, 3),
    )


def make_recommendation(
    owner: OrgUnit, answering: OrgUnit | None = None, due_on: dt.date | None = None
) -> SupervisionRecommendation:
    round_ = make_round(owner, answering)
    return SupervisionRecommendation.objects.create(
        supervision_round=round_,
        text="Niêm yết công khai dự toán ngân sách đủ 30 ngày.",
        answering_unit=answering or owner,
        made_on=dt.date(2026, 4, 5),
        due_on=due_on or dt.date(2026, 4, 20),
    )


def make_board(unit: OrgUnit) -> PeopleBoard:
    return PeopleBoard.objects.create(
        owner=unit,
        kind="inspection",
        name="Ban Thanh tra nhân dân",
        term_starts=dt.date(2025, 1, 1),
        term_ends=dt.date(2027, 6, 30),
    )


def make_member(unit: OrgUnit) -> BoardMember:
    return BoardMember.objects.create(board=make_board(unit), name="Lương Văn Sáu")


def make_finding(unit: OrgUnit) -> BoardFinding:
    return BoardFinding.objects.create(
        board=make_board(unit),
        text="Chưa niêm yết quyết toán quỹ đóng góp làm đường.",
        sent_on=dt.date(2026, 5, 4),
        due_on=dt.date(2026, 5, 19),
    )


def make_programme(unit: OrgUnit) -> CoordinationProgramme:
    return CoordinationProgramme.objects.create(
        owner=unit,
        title="Chương trình phối hợp với Ủy ban MTTQ giai đoạn 2026–2030",
        parties="Ủy ban MTTQ, Hội Nông dân, Đoàn Thanh niên",
        starts_on=dt.date(2026, 1, 1),
        ends_on=dt.date(2030, 12, 31),
        signed_on=dt.date(2026, 1, 5),
    )


def make_critique(
    owner: OrgUnit, drafting: OrgUnit | None = None, due_on: dt.date | None = None
) -> SocialCritique:
    return SocialCritique.objects.create(
        owner=owner,
        drafting_unit=drafting or owner,
        draft_title="Dự thảo Nghị quyết về hỗ trợ làm đường giao thông nông thôn",
        draft_received_on=dt.date(2026, 5, 1),
        submission_on=dt.date(2026, 6, 1),
        min_days_before=15,
        text="Đề nghị làm rõ mức hỗ trợ cho hộ nghèo.",
        sent_on=dt.date(2026, 5, 10),
        due_on=due_on or dt.date(2026, 5, 25),
    )


def make_inspection_plan(unit: OrgUnit) -> InspectionPlan:
    return InspectionPlan.objects.create(
        board=make_board(unit),
        subject="Việc thu, chi quỹ đóng góp làm đường",
        starts_on=dt.date(2026, 6, 15),
        ends_on=dt.date(2026, 6, 19),
        sent_on=dt.date(2026, 6, 1),
    )


def make_head_term(unit: OrgUnit, village: OrgUnit | None = None) -> VillageHeadTerm:
    return VillageHeadTerm.objects.create(
        owner=unit,
        village=village or unit,
        head_name="Nông Văn Bảy",
        starts_on=dt.date(2025, 1, 1),
        ends_on=dt.date(2027, 6, 30),
    )


def make_year_end_meeting(unit: OrgUnit) -> YearEndMeeting:
    return YearEndMeeting.objects.create(
        owner=unit, held_on=dt.date(2026, 12, 20), minutes="Tổng kết năm 2026; bầu Trưởng thôn."
    )
