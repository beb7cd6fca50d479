"""Demo data for Cao Bằng: reception schedules of its leaders and a year of petitions.

Idempotent (a second run creates nothing: it stops when the demo petitions exist) and
deterministic (seeded random). Bulk inserts keep it fast; the audit log gets its create entries
through ``log_bulk_created`` (identity fields masked as for any other write).
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.db import transaction
from django.utils import timezone

from danvan.core.audit import log_bulk_created
from danvan.core.text import fold
from danvan.deadlines.engine import compute_due_date
from danvan.orgs.models import OrgUnit, OrgUnitKind

from .casework.duplicates import search_text_for
from .casework.models import Petition, PetitionEvent, Topic
from .casework.workflow import step_rule_for, step_starts_at_receipt
from .reception.models import ReceptionPlace, ReceptionSchedule

DEMO_PREFIX = "CB"
SEED = 2026

SUBJECTS = {
    "dat-dai": [
        (
            "Tranh chấp ranh giới đất vườn với hộ liền kề",
            "Hộ liền kề lấn chiếm khoảng {n} m2 đất vườn, đề nghị xã hòa giải và đo đạc lại ranh "
            "giới.",
        ),
        (
            "Đề nghị cấp giấy chứng nhận quyền sử dụng đất",
            "Gia đình đã nộp hồ sơ cấp giấy chứng nhận từ lâu nhưng chưa được giải quyết, đề "
            "nghị xem xét.",
        ),
    ],
    "boi-thuong-gpmb": [
        (
            "Khiếu nại giá bồi thường thu hồi đất làm đường",
            "Giá bồi thường đất nông nghiệp khi thu hồi làm đường tránh thấp hơn giá thị trường, "
            "đề nghị xem xét lại phương án bồi thường.",
        ),
        (
            "Chưa được bố trí tái định cư",
            "Gia đình bị thu hồi toàn bộ đất ở nhưng chưa được bố trí đất tái định cư theo "
            "phương án đã phê duyệt.",
        ),
    ],
    "moi-truong": [
        (
            "Xưởng chế biến gỗ gây ô nhiễm tiếng ồn, bụi",
            "Xưởng chế biến gỗ hoạt động cả đêm, gây tiếng ồn và bụi ảnh hưởng sinh hoạt các hộ "
            "dân xung quanh.",
        ),
        (
            "Rác thải đổ trộm ven suối",
            "Rác thải sinh hoạt bị đổ trộm ven suối đầu bản, bốc mùi, đề nghị xử lý.",
        ),
    ],
    "chinh-sach-xa-hoi": [
        (
            "Đề nghị xét hộ nghèo",
            "Gia đình có hoàn cảnh khó khăn nhưng không có tên trong danh sách hộ nghèo năm nay.",
        ),
        (
            "Chậm chi trả trợ cấp người có công",
            "Trợ cấp hằng tháng của thân nhân liệt sĩ bị chậm chi trả hai tháng.",
        ),
    ],
    "trat-tu-do-thi": [
        (
            "Xây dựng lấn chiếm hành lang đường",
            "Hộ kinh doanh xây mái che lấn chiếm vỉa hè, hành lang đường, gây mất an toàn giao "
            "thông.",
        ),
    ],
    "can-bo-cong-chuc": [
        (
            "Phản ánh thái độ cán bộ một cửa",
            "Cán bộ bộ phận một cửa có thái độ thiếu tôn trọng, yêu cầu bổ sung giấy tờ không "
            "đúng quy định.",
        ),
        (
            "Tố cáo cán bộ địa chính nhận tiền",
            "Cán bộ địa chính xã yêu cầu nộp tiền ngoài quy định khi làm thủ tục tách thửa.",
        ),
    ],
    "ha-tang-giao-thong": [
        (
            "Đường liên thôn xuống cấp",
            "Đường bê tông liên thôn hư hỏng nặng sau mùa mưa, xe máy đi lại khó khăn.",
        ),
        (
            "Mất nước sinh hoạt kéo dài",
            "Công trình nước tự chảy bị hỏng, các hộ trong bản mất nước sinh hoạt hơn hai tuần.",
        ),
    ],
}
KIND_BY_TOPIC = {
    "dat-dai": ["complaint", "recommendation"],
    "boi-thuong-gpmb": ["complaint"],
    "moi-truong": ["feedback", "recommendation"],
    "chinh-sach-xa-hoi": ["recommendation", "complaint"],
    "trat-tu-do-thi": ["feedback"],
    "can-bo-cong-chuc": ["feedback", "denunciation"],
    "ha-tang-giao-thong": ["feedback", "recommendation"],
}
FAMILY = ["Nông", "Hoàng", "Lục", "Bế", "Đàm", "Lương", "Triệu", "Ma", "La", "Nguyễn"]
MIDDLE = ["Văn", "Thị", "Đức", "Thị Thu", "Văn Minh", "Hồng"]
GIVEN = ["Tám", "Hoa", "Sáu", "Lan", "Dũng", "Mai", "Thắng", "Hằng", "Tuấn", "Nga"]
SOURCES = ["reception", "post", "post", "online", "transfer", "deputy", "front", "press"]


def _unit(key: str) -> OrgUnit | None:
    return OrgUnit.objects.filter(key=key).first()


def _schedules(province: OrgUnit, communes: list[OrgUnit], today: dt.date) -> None:
    start = today.replace(month=1, day=1)
    rows: list[ReceptionSchedule] = []
    places: dict[int, ReceptionPlace] = {}

    def place(unit: OrgUnit, name: str, address: str) -> ReceptionPlace:
        if unit.pk not in places:
            places[unit.pk] = ReceptionPlace.objects.create(unit=unit, name=name, address=address)
        return places[unit.pk]

    p = place(
        province,
        "Trụ sở Tiếp công dân tỉnh Cao Bằng",
        "Số 011 Hoàng Đình Giong, phường Thục Phán, Cao Bằng",
    )
    rows.append(
        ReceptionSchedule(
            unit=province,
            place=p,
            host_role="province_chairman",
            host_name="Chủ tịch UBND tỉnh Cao Bằng",
            frequency="monthly",
            weekday=3,
            week_of_month=3,
            valid_from=start,
            note="Nếu trùng ngày nghỉ thì tiếp vào ngày làm việc kế tiếp.",
        )
    )
    for weekday in (1, 3):
        rows.append(
            ReceptionSchedule(
                unit=province,
                place=p,
                host_role="officers",
                host_name="Ban Tiếp công dân tỉnh",
                frequency="weekly",
                weekday=weekday,
                valid_from=start,
            )
        )
    dept = _unit("p04.so-noi-vu")
    if dept is not None:
        d = place(dept, "Phòng tiếp công dân Sở Nội vụ", "Phường Thục Phán, Cao Bằng")
        rows.append(
            ReceptionSchedule(
                unit=dept,
                place=d,
                host_role="agency_head",
                host_name="Giám đốc Sở Nội vụ",
                frequency="monthly",
                weekday=4,
                week_of_month=2,
                valid_from=start,
            )
        )
    for i, commune in enumerate(communes):
        if i % 9 == 8:
            continue  # a few communes have no chairman's schedule yet: the page warns
        c = place(commune, f"Trụ sở {commune.display_name}", commune.name)
        rows.append(
            ReceptionSchedule(
                unit=commune,
                place=c,
                host_role="commune_chairman",
                host_name=f"Chủ tịch {commune.display_name}",
                frequency="weekly",
                weekday=i % 5,
                valid_from=start,
            )
        )
    ReceptionSchedule.objects.bulk_create(rows)
    log_bulk_created(list(places.values()))
    log_bulk_created(list[Any](rows))


def _code(rng: random.Random) -> str:
    alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
    return (
        DEMO_PREFIX
        + "".join(rng.choice(alphabet) for _ in range(2))
        + "-"
        + "".join(rng.choice(alphabet) for _ in range(4))
    )


def _due(rule: str, start: dt.date) -> dt.date | None:
    return compute_due_date(rule, start).due_date if rule else None


@transaction.atomic
def seed_petitions_demo(count: int = 300) -> int:
    """Create the demo; returns the number of petitions created (0 when already there)."""
    province = _unit("p04")
    if (
        province is None
        or Petition.objects.filter(
            tracking_code__startswith=DEMO_PREFIX, handling_unit__path__startswith=province.path
        ).exists()
    ):
        return 0
    rng = random.Random(SEED)
    today = timezone.localdate()
    communes = list(
        OrgUnit.objects.current().subtree(province).filter(kind=OrgUnitKind.COMMUNE).order_by("key")
    )
    if not communes:
        return 0
    if not ReceptionSchedule.objects.filter(unit=province).exists():
        _schedules(province, communes, today)
    topics = {t.code: t for t in Topic.objects.all()}
    officer = None
    from danvan.accounts.models import User

    officer = User.objects.filter(username="tinh.tiepdan").first()
    codes: set[str] = set()
    petitions: list[Petition] = []
    people: list[tuple[str, str, str]] = []

    def person(commune: OrgUnit) -> tuple[str, str, str]:
        name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        ident = f"0040{rng.randrange(10**8):08d}"
        village = rng.choice(["Nà Rị", "Bản Giới", "Pác Bó", "Cốc Phát", "Nà Lạn"])
        address = f"Thôn {village}, {commune.display_name}"
        return name, ident, address

    def build(
        received: dt.date,
        commune: OrgUnit,
        topic_code: str,
        state: str,
        *,
        who: tuple[str, str, str] | None = None,
        kind: str | None = None,
        crowd: int = 1,
        unit: OrgUnit | None = None,
        escalated: bool = False,
    ) -> Petition:
        title, text = rng.choice(SUBJECTS[topic_code])
        kind = kind or rng.choice(KIND_BY_TOPIC[topic_code])
        name, ident, address = who or person(commune)
        code = _code(rng)
        while code in codes:
            code = _code(rng)
        codes.add(code)
        instance = 1
        rule = step_rule_for(kind, state, instance)
        if rule and step_starts_at_receipt(state):
            step_start: dt.date | None = received
        elif rule:
            step_start = received + dt.timedelta(days=rng.randint(5, 12))
        else:
            step_start = None
        finished = not rule
        content = text.format(n=rng.randint(20, 200))
        p = Petition(
            handling_unit=unit or commune,
            place=commune,
            tracking_code=code,
            kind=kind if state != "received" else "",
            source=rng.choice(SOURCES),
            topic=topics.get(topic_code),
            received_on=received,
            state=state,
            title=title,
            content=content,
            petitioner_name=name,
            petitioner_id_number=ident,
            petitioner_address=address,
            crowd_size=crowd,
            is_crowded=crowd >= 5,
            escalated=escalated,
            eligible=None if state == "received" else True,
            competence=""
            if state == "received"
            else (
                "transfer"
                if state == "transferred"
                else ("guide" if state == "guided" else "within")
            ),
            step_rule=rule,
            step_started_on=step_start,
            due_on=_due(rule, step_start) if step_start else None,
            answer="Đã kiểm tra, xác minh và trả lời công dân bằng văn bản."
            if state in ("answered", "closed")
            else "",
            answered_on=received + dt.timedelta(days=rng.randint(15, 40))
            if finished and state in ("answered", "closed")
            else None,
            answer_published=state in ("answered", "closed"),
            received_by=officer,
            name_key=fold(name),
            address_key=fold(address),
            search_text=search_text_for(title, content),
        )
        petitions.append(p)
        people.append((name, ident, address))
        return p

    for _ in range(count):
        age = rng.randint(0, 364)
        received = today - dt.timedelta(days=age)
        commune = rng.choice(communes)
        topic_code = rng.choice(list(SUBJECTS))
        if age > 120:
            state = rng.choice(
                ["closed", "answered", "answered", "transferred", "guided", "archived"]
            )
        elif age > 30:
            state = rng.choice(
                ["answered", "closed", "accepted", "verifying", "concluded", "received"]
            )
        else:
            state = rng.choice(["received", "received", "classified", "accepted", "verifying"])
        build(received, commune, topic_code, state)
    # Repeats by the same people (duplicates), one of them sent to the province (escalated).
    for i in range(12):
        first = petitions[i * 7]
        again = build(
            min(today, first.received_on + dt.timedelta(days=rng.randint(20, 60))),
            first.place,  # type: ignore[arg-type]
            first.topic.code if first.topic else "dat-dai",
            "received",
            who=(first.petitioner_name, first.petitioner_id_number, first.petitioner_address),
            unit=province if i % 4 == 0 else None,
            escalated=i % 4 == 0,
        )
        again._demo_case = first  # type: ignore[attr-defined]
    # A crowded case and the cluster that makes a hotspot: land compensation in one commune.
    hot = communes[len(communes) // 3]
    build(
        today - dt.timedelta(days=12),
        hot,
        "boi-thuong-gpmb",
        "accepted",
        kind="complaint",
        crowd=14,
    )
    for k in range(9):
        build(
            today - dt.timedelta(days=2 + k * 3),
            hot,
            "boi-thuong-gpmb",
            rng.choice(["received", "classified", "accepted"]),
            kind="complaint",
        )
    Petition.objects.bulk_create(petitions, batch_size=500)
    by_code = {p.tracking_code: p for p in Petition.objects.filter(tracking_code__in=codes)}
    links = []
    for p in petitions:
        case = getattr(p, "_demo_case", None)
        if case is not None:
            saved = by_code[p.tracking_code]
            saved.case_id = by_code[case.tracking_code].pk
            links.append(saved)
    Petition.objects.bulk_update(links, ["case"])
    events = []
    for p in by_code.values():
        events.append(
            PetitionEvent(
                petition=p,
                from_state="",
                to_state="received",
                on=p.received_on,
                actor=officer,
                due_on=_due("petition.handle", p.received_on),
            )
        )
        if p.state != "received":
            events.append(
                PetitionEvent(
                    petition=p,
                    from_state="received",
                    to_state=p.state,
                    on=p.step_started_on or p.received_on,
                    actor=officer,
                    due_on=p.due_on,
                )
            )
    PetitionEvent.objects.bulk_create(events, batch_size=1000)
    log_bulk_created(list(by_code.values()), actor=officer)
    return len(by_code)
