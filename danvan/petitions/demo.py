"""Demo data for Cao Bằng: reception schedules of its leaders and a year of petitions.

Idempotent (a second run creates nothing: it stops when the demo petitions exist) and
deterministic (seeded random). Petitions are filed and moved through the workflow by the
services as the platform (``SYSTEM``); so are the leaders' reception schedules.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone

from danvan.core.audit import SYSTEM
from danvan.orgs.models import OrgUnit, OrgUnitKind

from .casework.models import Petition, Topic
from .reception.models import ReceptionPlace, ReceptionSchedule

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
    """The leaders' reception schedules, through the reception services as the platform."""
    from .reception.services import ScheduleInput, add_place, save_schedule

    start = today.replace(month=1, day=1)
    places: dict[int, ReceptionPlace] = {}

    def place(unit: OrgUnit, name: str, address: str) -> ReceptionPlace:
        if unit.pk not in places:
            places[unit.pk] = add_place(unit, name, address, actor=SYSTEM)
        return places[unit.pk]

    def schedule(unit: OrgUnit, where: ReceptionPlace, **fields: Any) -> None:
        save_schedule(
            ScheduleInput(unit=unit, place=where, valid_from=start, **fields), actor=SYSTEM
        )

    p = place(
        province,
        "Trụ sở Tiếp công dân tỉnh Cao Bằng",
        "Số 011 Hoàng Đình Giong, phường Thục Phán, Cao Bằng",
    )
    schedule(
        province, p, host_role="province_chairman", host_name="Chủ tịch UBND tỉnh Cao Bằng",
        frequency="monthly", weekday=3, week_of_month=3,
        note="Nếu trùng ngày nghỉ thì tiếp vào ngày làm việc kế tiếp.",
    )  # fmt: skip
    for weekday in (1, 3):
        schedule(
            province, p, host_role="officers", host_name="Ban Tiếp công dân tỉnh",
            frequency="weekly", weekday=weekday,
        )  # fmt: skip
    dept = _unit("p04.so-noi-vu")
    if dept is not None:
        d = place(dept, "Phòng tiếp công dân Sở Nội vụ", "Phường Thục Phán, Cao Bằng")
        schedule(
            dept, d, host_role="agency_head", host_name="Giám đốc Sở Nội vụ",
            frequency="monthly", weekday=4, week_of_month=2,
        )  # fmt: skip
    for i, commune in enumerate(communes):
        if i % 9 == 8:
            continue  # a few communes have no chairman's schedule yet: the page warns
        c = place(commune, f"Trụ sở {commune.display_name}", commune.name)
        schedule(
            commune, c, host_role="commune_chairman", host_name=f"Chủ tịch {commune.display_name}",
            frequency="weekly", weekday=i % 5,
        )  # fmt: skip


#: Where each demo state is reached from «received», step by step through the workflow.
PATHS = {
    "received": (),
    "archived": ("archived",),
    "classified": ("classify",),
    "accepted": ("classify", "accepted"),
    "verifying": ("classify", "accepted", "verifying"),
    "concluded": ("classify", "accepted", "verifying", "concluded"),
    "answered": ("classify", "accepted", "answered"),
    "closed": ("classify", "accepted", "answered", "closed"),
    "transferred": ("classify", "transferred"),
    "guided": ("classify", "guided"),
}
COMPETENCE = {"transferred": "transfer", "guided": "guide"}
ANSWER = (
    "Ủy ban nhân dân đã kiểm tra, xác minh nội dung đơn và trả lời công dân bằng văn bản; "
    "đề nghị công dân phối hợp thực hiện."
)


def _handler(unit: OrgUnit) -> Any:
    """The official who handles the unit's petitions in the demo (its reception officer)."""
    from danvan.accounts.models import User

    return (
        User.objects.filter(org_unit=unit, is_active=True, username__endswith=".tiepdan").first()
        or User.objects.filter(org_unit=unit, is_active=True, username__endswith=".congchuc")
        .order_by("username")
        .first()
    )


def _advance(
    petition: Petition,
    state: str,
    kind: str,
    rng: random.Random,
    today: dt.date,
    above: OrgUnit,
    handler: Callable[[OrgUnit], Any],
) -> Petition:
    """Take a petition received through ``intake`` to ``state`` through the workflow services,
    as the platform, a few days per step (never after today)."""
    from .casework.services import Classification, classify, transition

    day = petition.received_on
    for step in PATHS[state]:
        day = min(today, day + dt.timedelta(days=rng.randint(1, 6)))
        if step == "classify":
            competence = COMPETENCE.get(state, "within")
            petition = classify(
                petition,
                Classification(
                    kind=kind, eligible=True, competence=competence,
                    # A commune sends what is not its to decide up to the province, which
                    # uses the platform and is told at once (notices.petition_transferred).
                    transfer_to=above if competence == "transfer" else None,
                    assigned_officer=handler(petition.handling_unit),
                ),
                petition.version, on=day, actor=SYSTEM,
            )  # fmt: skip
        else:
            petition = transition(
                petition, step, petition.version, on=day,
                note="Đơn trùng nội dung đã được giải quyết." if step == "archived" else "",
                answer=ANSWER if step == "answered" else "", actor=SYSTEM,
            )  # fmt: skip
    return petition


@transaction.atomic
def seed_petitions_demo(count: int = 300) -> int:
    """Create the demo through the services as the platform (``intake``, ``classify``,
    ``transition``): the audit log, the workflow log and the officials' notifications (a
    petition assigned, transferred) are those a real year would leave. Returns how many
    petitions were created (0 when already there)."""
    from .casework.services import PetitionInput, intake
    from .casework.services.receipt import intake_key

    province = _unit("p04")
    if province is None:
        return 0
    first_key = intake_key(
        PetitionInput(
            handling_unit=province, title="", content="", received_on=dt.date.min,
            idempotency_key="demo-0", idempotency_scope="demo",
        )
    )  # fmt: skip
    if Petition.objects.filter(intake_key=first_key).exists():
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
    created: list[Petition] = []
    handlers: dict[int, Any] = {}

    def handler(unit: OrgUnit) -> Any:
        if unit.pk not in handlers:
            handlers[unit.pk] = _handler(unit)
        return handlers[unit.pk]

    def person(commune: OrgUnit) -> tuple[str, str, str]:
        name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        ident = f"0040{rng.randrange(10**8):08d}"
        village = rng.choice(["Nà Rị", "Bản Giới", "Pác Bó", "Cốc Phát", "Nà Lạn"])
        address = f"Thôn {village}, {commune.display_name}"
        return name, ident, address

    def file(
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
        case: Petition | None = None,
    ) -> Petition:
        title, text = rng.choice(SUBJECTS[topic_code])
        kind = kind or rng.choice(KIND_BY_TOPIC[topic_code])
        name, ident, address = who or person(commune)
        petition = intake(
            PetitionInput(
                handling_unit=unit or commune, title=title,
                content=text.format(n=rng.randint(20, 200)), received_on=received,
                source=rng.choice(SOURCES), topic=topics.get(topic_code), place=commune,
                petitioner_name=name, petitioner_id_number=ident, petitioner_address=address,
                crowd_size=crowd, escalated=escalated, case=case,
                idempotency_key=f"demo-{len(created)}", idempotency_scope="demo",
            ),
            actor=SYSTEM,
        )  # fmt: skip
        created.append(_advance(petition, state, kind, rng, today, province, handler))
        return created[-1]

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
        file(received, commune, topic_code, state)
    # Repeats by the same people (duplicates), one of them sent to the province (escalated).
    for i in range(12):
        first = created[i * 7]
        file(
            min(today, first.received_on + dt.timedelta(days=rng.randint(20, 60))),
            first.place,  # type: ignore[arg-type]
            first.topic.code if first.topic else "dat-dai",
            "received",
            who=(first.petitioner_name, first.petitioner_id_number, first.petitioner_address),
            unit=province if i % 4 == 0 else None,
            escalated=i % 4 == 0,
            case=first,
        )
    # A crowded case and the cluster that makes a hotspot: land compensation in one commune.
    hot = communes[len(communes) // 3]
    file(today - dt.timedelta(days=12), hot, "boi-thuong-gpmb", "accepted", kind="complaint",
         crowd=14)  # fmt: skip
    for k in range(9):
        file(
            today - dt.timedelta(days=2 + k * 3),
            hot,
            "boi-thuong-gpmb",
            rng.choice(["received", "classified", "accepted"]),
            kind="complaint",
        )
    return len(created)
