"""Demo dialogues of Cao Bằng's leaders with their follow-ups (called by ``danvan demo``).

Idempotent (a second run finds the first demo dialogue and stops) and deterministic: dates are
relative to today, so some follow-ups are done, some in progress and some overdue.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from danvan.core.audit import SYSTEM
from danvan.orgs.models import OrgUnit

from .models import Dialogue, DialogueKind, FollowUpStatus, ParticipantKind
from .services import add_follow_up, create_dialogue, update_follow_up

# (owner key, leader username, days ago, kind, topic, chair, place, [conclusions],
#  [(action, responsible key, due in days from the dialogue, status, percent)])
DIALOGUES = [
    (
        "p04", "tinh.lanhdao", 150, DialogueKind.THEMATIC,
        "Bồi thường, hỗ trợ tái định cư dự án đường cao tốc Đồng Đăng – Trà Lĩnh",
        "Chủ tịch UBND tỉnh Cao Bằng", "Hội trường UBND tỉnh",
        ["Rà soát lại đơn giá bồi thường đất nông nghiệp", "Bố trí đất tái định cư trước quý IV"],
        [
            ("Rà soát, trình điều chỉnh đơn giá bồi thường", "p04.so-noi-vu", 60, "done", 100),
            ("Bố trí quỹ đất tái định cư cho các hộ bị ảnh hưởng", "w01273", 120,
             "in_progress", 60),
        ],
    ),
    (
        "p04", "tinh.lanhdao", 40, DialogueKind.PERIODIC,
        "Đối thoại định kỳ với Nhân dân về cải cách thủ tục hành chính",
        "Phó Chủ tịch UBND tỉnh Cao Bằng", "Trung tâm Phục vụ hành chính công tỉnh",
        ["Công khai quy trình giải quyết hồ sơ đất đai", "Rút ngắn thời gian trả kết quả"],
        [
            ("Công khai quy trình trên Cổng thông tin điện tử tỉnh", "p04.so-noi-vu", 20,
             "not_started", 0),
            ("Báo cáo kết quả rút ngắn thời gian giải quyết hồ sơ", "p04.so-noi-vu", 45,
             "in_progress", 30),
        ],
    ),
    (
        "w01273", "thucphan.lanhdao", 75, DialogueKind.AD_HOC,
        "Ô nhiễm do bãi tập kết rác tổ dân phố",
        "Chủ tịch UBND phường Thục Phán", "Nhà văn hóa tổ dân phố",
        ["Di dời điểm tập kết rác", "Tăng tần suất thu gom"],
        [
            ("Di dời điểm tập kết rác ra xa khu dân cư", "w01273", 30, "in_progress", 40),
            ("Tăng tần suất thu gom lên hằng ngày", "w01273", 15, "done", 100),
        ],
    ),
    (
        "w01273", "thucphan.lanhdao", 10, DialogueKind.PERIODIC,
        "Đối thoại định kỳ quý IV với Nhân dân phường Thục Phán",
        "Chủ tịch UBND phường Thục Phán", "Hội trường UBND phường",
        ["Sửa chữa đường ngõ tổ 5", "Công khai danh sách hộ cận nghèo"],
        [
            ("Sửa chữa đường ngõ tổ 5", "w01273", 40, "not_started", 0),
            ("Niêm yết danh sách hộ cận nghèo", "w01273", 7, "not_started", 0),
        ],
    ),
]  # fmt: skip
CITIZENS = ["Nông Văn Thành", "Hoàng Thị Lan", "Bế Văn Hùng", "Lục Thị Mai", "Đàm Văn Phúc"]


@transaction.atomic
def seed_dialogues_demo() -> int:
    """Create the demo dialogues; returns how many were created (0 when already there).

    Everything goes through the services as the platform (``SYSTEM``), so the demo has the
    audit entries and the notifications a real record would have.
    """
    units = {u.key: u for u in OrgUnit.objects.filter(key__in={"p04", "p04.so-noi-vu", "w01273"})}
    if len(units) < 3 or Dialogue.objects.filter(topic=DIALOGUES[0][4]).exists():
        return 0
    today = timezone.localdate()
    created = 0
    for owner_key, _leader, ago, kind, topic, chair, place, conclusions, actions in DIALOGUES:
        held_on = today - dt.timedelta(days=ago)
        people = [
            {
                "kind": ParticipantKind.CITIZEN,
                "name": name,
                "position": f"Đại diện hộ dân tổ {n + 1}",
            }
            for n, name in enumerate(CITIZENS[: 2 + ago % 3])
        ]
        people.append({"kind": ParticipantKind.OFFICIAL, "name": chair, "position": chair})
        dialogue = create_dialogue(
            units[owner_key], participants=people, conclusions=conclusions, today=today,
            held_on=held_on, kind=kind, topic=topic, chaired_by=chair, place=place,
            basis="Quy định số 11-QĐi/TW ngày 18/2/2019 của Bộ Chính trị",
            record=(
                "Người dân nêu ý kiến, kiến nghị; lãnh đạo các cơ quan chuyên môn trả lời, giải "
                "trình từng nội dung; chủ trì đối thoại kết luận và giao việc."
            ),
            officials_count=8, citizens_count=35 + ago % 20, actor=SYSTEM,
        )  # fmt: skip
        refs = list(dialogue.conclusions.order_by("position"))
        for i, (title, responsible, due_in, status, percent) in enumerate(actions):
            action = add_follow_up(
                dialogue, title=title, responsible_unit=units[responsible],
                due_on=held_on + dt.timedelta(days=due_in), conclusion=refs[min(i, len(refs) - 1)],
                actor=SYSTEM,
            )  # fmt: skip
            if status != FollowUpStatus.NOT_STARTED:
                update_follow_up(
                    action, version=action.version, status=status, percent=percent,
                    note="Đơn vị chủ trì báo cáo tiến độ thực hiện.", today=today, actor=SYSTEM,
                )  # fmt: skip
        created += 1
    return created
