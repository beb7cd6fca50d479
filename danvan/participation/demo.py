# ruff: noqa: E501  (tables of legal titles and demo sentences read best one row a line)
"""Demo data of grassroots democracy in phường Thục Phán (Cao Bằng), through the services.

Last year's and this year's disclosures (each: some missing, one posted 25 days instead of 30, one disclosed 7 working
days after its decision, one never on the radio); a household decision on a road contribution
that fails the two-thirds rule and one that passes; a closed consultation with a few dozen
comments and answers and an open one; a Front supervision round with recommendations, some
overdue; the Front's social critique of two drafts of the ward (one answered in part with
reasons, one that came late and is overdue); a People's Inspection Board with the village heads'
terms, an inspection plan and findings; last year's year-end community meeting. Idempotent: a second run finds the first disclosure and stops. Dates are relative to
today.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from danvan.accounts.models import User
from danvan.core.audit import CITIZEN, SYSTEM
from danvan.deadlines.calendar import add_working_days
from danvan.orgs.models import OrgUnit, OrgUnitKind
from danvan.orgs.services import create_unit

from .models import Channel, DecisionMatter, Disclosure, DisclosureItem
from .services import annual, boards
from .services import consultation as consult
from .services import critique as critique_services
from .services import decisions as decide
from .services import disclosure as disclose
from .services import supervision as supervise

FIRST_TITLE = "Kế hoạch phát triển kinh tế - xã hội năm {year} của phường Thục Phán"
DRAFT = """Chương I
QUY ĐỊNH CHUNG

Điều 1. Phạm vi áp dụng
Quy ước này áp dụng đối với các hộ gia đình, cá nhân cư trú trên địa bàn tổ dân phố.

Điều 2. Giữ gìn vệ sinh môi trường
Mỗi hộ gia đình thu gom rác đúng giờ, đúng nơi quy định; không đổ rác ra lòng đường.

Điều 3. Đóng góp xây dựng công trình công cộng
Mỗi hộ đóng góp ngày công hoặc kinh phí theo mức được Nhân dân bàn và quyết định.

Chương II
TỔ CHỨC THỰC HIỆN

Điều 4. Trách nhiệm của Tổ trưởng tổ dân phố
Tổ trưởng tổ dân phố phối hợp Ban công tác Mặt trận tổ chức thực hiện quy ước này."""

COMMENTS = [
    "Đề nghị quy định rõ giờ thu gom rác buổi tối.",
    "Nên bố trí thêm thùng rác ở đầu ngõ.",
    "Hộ nghèo, hộ có người khuyết tật nên được miễn đóng góp ngày công.",
    "Mức đóng góp cần công khai trước khi họp tổ.",
    "Đồng ý với dự thảo.",
    "Cần có hình thức nhắc nhở trước khi xử lý vi phạm.",
    "Đề nghị bổ sung trách nhiệm của Chi hội phụ nữ.",
    "Nên cho phép đóng góp bằng tiền thay ngày công.",
]


def _village(parent: OrgUnit, key: str, name: str) -> OrgUnit:
    existing = OrgUnit.objects.filter(key=key).first()
    return existing or create_unit(
        name=name, kind=OrgUnitKind.VILLAGE, key=key, parent=parent, actor=SYSTEM
    )


@transaction.atomic
def seed_participation_demo() -> int:
    ward = OrgUnit.objects.filter(key="w01273").first()
    front = OrgUnit.objects.filter(key="w01273.mttq").first()
    officer = User.objects.filter(username="thucphan.congchuc").first()
    supervisor = User.objects.filter(username="thucphan.mttq").first()
    today = timezone.localdate()
    year = today.year
    if ward is None or officer is None:
        return 0
    if Disclosure.objects.filter(owner=ward, title=FIRST_TITLE.format(year=year)).exists():
        return 0
    # Last year's too: the yearly evaluation (evaluation.demo) scores the year that ended.
    created = _disclosures(ward, officer, year - 1, today, earlier=True)
    created += _disclosures(ward, officer, year, today)
    created += _decisions(ward, officer, today)
    created += _consultations(ward, officer, today)
    if front is not None and supervisor is not None:
        created += _supervision(ward, front, supervisor, officer, today)
        created += _critiques(ward, front, supervisor, officer, today)
    created += _board(ward, officer, today)
    created += _year_end_meeting(ward, officer, today)
    province_officer = User.objects.filter(username="tinh.congchuc").first()
    province = OrgUnit.objects.filter(key="p04").first()
    if province is not None and province_officer is not None:
        created += _programmes(province, province_officer, today)
    return created


def _board(ward: OrgUnit, officer: User, today: dt.date) -> int:
    board = boards.create_board(
        actor=officer, owner=ward, kind="inspection", name="Ban Thanh tra nhân dân phường Thục Phán",
        term_starts=dt.date(today.year - 1, 7, 1), term_ends=dt.date(today.year + 1, 12, 31),
    )  # fmt: skip
    villages = list(OrgUnit.objects.filter(parent=ward, kind=OrgUnitKind.VILLAGE))
    heads = ["Nông Văn Bảy", "Hoàng Văn Tám", "Lục Thị Chín"]
    for n, village in enumerate(villages):
        boards.record_village_head_term(
            actor=officer, owner=ward, village=village, head_name=heads[n % len(heads)],
            starts_on=board.term_starts, ends_on=board.term_ends,
        )  # fmt: skip
    plan_start = add_working_days(today - dt.timedelta(days=60), 7)
    plan = boards.record_inspection_plan(
        actor=officer, board=board, subject="Việc thu, chi quỹ đóng góp làm đường các tổ dân phố",
        starts_on=plan_start, ends_on=plan_start + dt.timedelta(days=4),
        sent_on=today - dt.timedelta(days=60),
    )  # fmt: skip
    for n, name in enumerate(
        ["Nông Văn Sáu", "Hoàng Thị Hoa", "Đàm Văn Lợi", "Lương Thị Cúc", "Bế Văn Tư"]
    ):
        boards.add_member(
            actor=officer, board=board, name=name, village=villages[n % len(villages)] if villages else None,
            position="Trưởng ban" if n == 0 else "Thành viên",
        )  # fmt: skip
    late = boards.record_finding(
        actor=officer, board=board, sent_on=today - dt.timedelta(days=40),
        text="Việc thu, chi quỹ đóng góp làm đường tổ dân phố 1 chưa được công khai đầy đủ.",
        inspection_plan=plan,
    )  # fmt: skip
    answered = boards.record_finding(
        actor=officer, board=board, sent_on=today - dt.timedelta(days=30),
        text="Đề nghị niêm yết danh sách hộ được hỗ trợ sửa nhà tại nhà văn hóa tổ dân phố.",
    )  # fmt: skip
    boards.answer_finding(
        actor=officer, finding=answered, answer="Đã niêm yết ngày làm việc tiếp theo.",
        on=answered.sent_on + dt.timedelta(days=6), version=answered.version,
    )  # fmt: skip
    del late
    return 1


def _programmes(province: OrgUnit, officer: User, today: dt.date) -> int:
    """Coordination programmes for most units of the province (every seventh one lacks it)."""
    from danvan.core.scoping import subtree_upper_bound

    units = (
        OrgUnit.objects.current()
        .filter(kind__in=[OrgUnitKind.PROVINCE, OrgUnitKind.COMMUNE])
        .filter(path__gte=province.path, path__lt=subtree_upper_bound(province.path))
        .order_by("path")
    )
    count = 0
    for n, unit in enumerate(units):
        if n % 7 == 6:
            continue
        boards.record_programme(
            actor=officer, owner=unit,
            title=f"Chương trình phối hợp giữa {unit.name} và Ủy ban MTTQ Việt Nam cùng cấp giai đoạn 2026–2030",
            parties="Ủy ban MTTQ Việt Nam, Hội Nông dân, Hội Liên hiệp Phụ nữ, Đoàn Thanh niên, Hội Cựu chiến binh",
            starts_on=dt.date(2026, 1, 1), ends_on=dt.date(2030, 12, 31),
            signed_on=min(today, dt.date(2026, 1, 15)), document_reference=f"{n + 1:02d}/CTPH-UBND-MTTQ",
        )  # fmt: skip
        count += 1
    return count


def _disclosures(
    ward: OrgUnit, officer: User, year: int, today: dt.date, *, earlier: bool = False
) -> int:
    items = {i.number: i for i in DisclosureItem.objects.filter(scope="commune")}
    january = dt.date(year, 1, 12)
    rows = [
        # (item, title, decided on, working days to start, posted days, radio days)
        (1, FIRST_TITLE.format(year=year), january, 2, 30, 0),
        (2, f"Dự toán ngân sách phường năm {year}", january, 3, 25, 0),  # 25 days, not 30
        (
            3,
            f"Dự án nâng cấp đường tổ dân phố {3 if earlier else 5}",
            dt.date(year, 3, 2),
            7,
            30,
            0,
        ),
        # Item numbers are the khoản of Luật 10/2022 Điều 11 (13: administrative procedures,
        # posted permanently; 7: support policies and who gets them; 12: fees and charges).
        (13, "Thủ tục hành chính thuộc thẩm quyền của phường", january, 1, None, 0),
        (7, f"Danh sách hộ nghèo, cận nghèo năm {year}", dt.date(year, 2, 2), 2, 30, 0),  # no radio
        (
            12,
            f"Mức thu phí, lệ phí do phường trực tiếp thu năm {year}",
            dt.date(year, 4, 6),
            3,
            30,
            3,
        ),
    ]
    if earlier:  # the permanent list of procedures is posted once and kept up to date
        rows = [row for row in rows if row[0] != 13]
    for number, title, decided, lag, posted, radio in rows:
        start = add_working_days(decided, lag)
        if start > today:
            continue
        channels = [
            disclose.ChannelInput(
                Channel.POSTING,
                start,
                None if posted is None else start + dt.timedelta(days=posted - 1),
                "Bảng tin trụ sở UBND phường",
            ),
            disclose.ChannelInput(Channel.PORTAL, start, None, "Trang thông tin điện tử phường"),
        ]
        if radio:
            channels.append(
                disclose.ChannelInput(
                    Channel.RADIO, start, start + dt.timedelta(days=radio - 1), "Loa phường"
                )
            )
        disclose.record_disclosure(
            actor=officer, owner=ward, item=items[number], title=title, decided_on=decided,
            channels=channels, document_reference=f"{number:02d}/QĐ-UBND",
        )  # fmt: skip
    return len(rows)


def _decisions(ward: OrgUnit, officer: User, today: dt.date) -> int:
    road = DecisionMatter.objects.get(number=1)
    tdp1 = _village(ward, "w01273.tdp1", "Tổ dân phố 1")
    tdp5 = _village(ward, "w01273.tdp5", "Tổ dân phố 5")
    held = today - dt.timedelta(days=60)
    for village, total, ballots, yes, no in ((tdp1, 90, 80, 59, 21), (tdp5, 70, 66, 52, 14)):
        decide.record_decision(
            actor=officer, village=village, matter=road,
            title="Mức đóng góp làm đường bê tông ngõ xóm: 300.000 đồng mỗi hộ",
            method="ballot", noticed_on=held - dt.timedelta(days=5), held_on=held,
            households_total=total, ballots=ballots, votes_for=yes, votes_against=no,
            chaired_by="Tổ trưởng tổ dân phố", record="Biên bản tổng hợp phiếu lấy ý kiến hộ gia đình.",
        )  # fmt: skip
    return 2


def _consultations(ward: OrgUnit, officer: User, today: dt.date) -> int:
    closed = consult.create_consultation(
        actor=officer, owner=ward, matter="new_rural",
        title="Dự thảo quy ước tổ dân phố văn minh phường Thục Phán", draft=DRAFT,
        plan="Niêm yết tại nhà văn hóa các tổ, đăng trên trang thông tin điện tử, lấy ý kiến trực tuyến.",
    )  # fmt: skip
    opens = today - dt.timedelta(days=45)
    consult.publish(
        actor=officer, consultation=closed, opens_on=opens,
        closes_on=opens + dt.timedelta(days=24), version=closed.version,
    )  # fmt: skip
    paragraphs = list(closed.paragraphs.filter(is_heading=False))
    kinds = ["accepted", "explained", "not_accepted"]
    for n in range(30):
        who = consult.contact_hash(f"09{n:08d}")
        text = COMMENTS[n % len(COMMENTS)]
        comment = consult.submit_comment(
            consultation=closed, contact_digest=who, text=text,
            paragraph=None if n % 7 == 0 else paragraphs[n % len(paragraphs)],
            stance="agree" if n % 3 else "disagree", author_name=f"Người dân tổ {n % 9 + 1}",
            today=opens + dt.timedelta(days=n % 20), actor=CITIZEN,
        )  # fmt: skip
        if n in (11, 23):
            consult.moderate(
                actor=officer, comment=comment, status="rejected",
                reason="Nội dung không liên quan đến dự thảo", version=comment.version,
            )  # fmt: skip
            continue
        consult.moderate(
            actor=officer, comment=comment, status="published", reason="", version=comment.version
        )
        consult.answer(
            actor=officer, comment=comment, kind=kinds[n % 3],
            text="Ban soạn thảo tiếp thu, chỉnh sửa Điều tương ứng." if n % 3 == 0
            else "Ban soạn thảo giải trình: nội dung đã có trong quy định hiện hành.",
            version=comment.version,
        )  # fmt: skip
    current = consult.create_consultation(
        actor=officer, owner=ward, matter="policies",
        title="Dự thảo kế hoạch chỉnh trang vỉa hè các tuyến phố chính", draft=DRAFT,
    )  # fmt: skip
    consult.publish(
        actor=officer, consultation=current, opens_on=today - dt.timedelta(days=3),
        closes_on=today + dt.timedelta(days=25), version=current.version,
    )  # fmt: skip
    first = current.paragraphs.filter(is_heading=False).first()
    for n in range(4):
        comment = consult.submit_comment(
            consultation=current, contact_digest=consult.contact_hash(f"08{n:08d}"),
            text=COMMENTS[n], paragraph=first, stance="agree", actor=CITIZEN,
        )  # fmt: skip
        if n < 2:
            consult.moderate(
                actor=officer, comment=comment, status="published", reason="", version=1
            )
    return 2


def _supervision(
    ward: OrgUnit, front: OrgUnit, supervisor: User, officer: User, today: dt.date
) -> int:
    start = today - dt.timedelta(days=50)
    round_ = supervise.create_round(
        actor=supervisor, owner=front, supervised_unit=ward,
        topic="Việc thực hiện công khai, minh bạch ở phường Thục Phán",
        starts_on=start, ends_on=start + dt.timedelta(days=2),
    )  # fmt: skip
    texts = [
        ("Niêm yết dự toán ngân sách đủ 30 ngày liên tục theo Điều 13", start + dt.timedelta(days=5), True),
        ("Thông báo danh sách hộ nghèo trên hệ thống truyền thanh phường", start + dt.timedelta(days=5), False),
        ("Công khai tiến độ dự án nâng cấp đường tổ dân phố 5", start + dt.timedelta(days=10), False),
        ("Tổ chức hội nghị đối thoại với Nhân dân về chỉnh trang đô thị", today - dt.timedelta(days=3), False),
    ]  # fmt: skip
    for text, made, answered in texts:
        rec = supervise.add_recommendation(
            actor=supervisor, supervision_round=round_, text=text, answering_unit=ward, made_on=made
        )
        if answered:
            supervise.answer_recommendation(
                actor=officer, recommendation=rec, state="done", version=rec.version,
                answer="Đã niêm yết lại dự toán tại trụ sở và nhà văn hóa các tổ đủ 30 ngày.",
                on=made + dt.timedelta(days=9),
            )  # fmt: skip
    return 1


def _critiques(
    ward: OrgUnit, front: OrgUnit, supervisor: User, officer: User, today: dt.date
) -> int:
    """The ward Front's critique of two drafts of the ward: one received in time and answered
    in part with reasons, one received 10 days before submission (recorded as late) and overdue."""
    received = today - dt.timedelta(days=60)
    answered = critique_services.record_critique(
        actor=supervisor, owner=front, drafting_unit=ward,
        draft_title="Dự thảo Đề án chỉnh trang đô thị phường Thục Phán giai đoạn 2026–2030",
        draft_received_on=received, submission_on=received + dt.timedelta(days=30),
        text="Đề nghị bổ sung phương án hỗ trợ hộ kinh doanh nhỏ khi thu hẹp vỉa hè; làm rõ nguồn kinh phí.",
        sent_on=received + dt.timedelta(days=10),
    )  # fmt: skip
    critique_services.answer_critique(
        actor=officer, critique=answered, acceptance="partly",
        answer="Tiếp thu ý kiến về nguồn kinh phí; bổ sung vào Mục IV của Đề án.",
        reasons_not_accepted="Chính sách hỗ trợ hộ kinh doanh do tỉnh ban hành, không thuộc thẩm quyền của phường.",
        on=received + dt.timedelta(days=20), version=answered.version,
    )  # fmt: skip
    late = today - dt.timedelta(days=30)
    critique_services.record_critique(
        actor=supervisor, owner=front, drafting_unit=ward,
        draft_title="Dự thảo Quy chế quản lý nhà văn hóa tổ dân phố",
        draft_received_on=late, submission_on=late + dt.timedelta(days=10),
        text="Thời gian mở cửa nhà văn hóa cần phù hợp sinh hoạt của người cao tuổi và thiếu nhi.",
        sent_on=late + dt.timedelta(days=5), accept_late_draft=True,
    )  # fmt: skip
    return 1


def _year_end_meeting(ward: OrgUnit, officer: User, today: dt.date) -> int:
    """Last year's year-end meeting of a residential group (this year's is still owed)."""
    village = OrgUnit.objects.filter(parent=ward, kind=OrgUnitKind.VILLAGE).first()
    annual.record_year_end_meeting(
        actor=officer, owner=ward, village=village, held_on=dt.date(today.year - 1, 12, 20),
        minutes="Tổng kết việc thực hiện dân chủ ở cơ sở năm qua; bình xét gia đình văn hóa; "
        "thống nhất mức đóng góp quỹ khuyến học năm tới.",
    )  # fmt: skip
    return 1
