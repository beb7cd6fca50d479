"""Petitions: complaints, denunciations, recommendations and feedback over five years
(2.5 million national), about the real communes, handled by the commune (nine in ten) or the
province above it.

Chunks of 50,000 petitions, each with COPY on PostgreSQL (secondary indexes dropped during the
load and built again after) and ``bulk_create`` elsewhere. Every row goes through the model
(defaults of the columns not named here) with the derived columns the intake service computes:
the folded name and address keys and the search text of the duplicate lookup.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator
from typing import Any

from .base import Context, bulk_write_values, drop_indexes, part, restore_indexes

TABLE = "petitions_petition"
CHUNK = 50_000
CODE_PREFIX = "SL"

SUBJECTS = [
    (
        "Tranh chấp ranh giới đất vườn",
        "hộ liền kề lấn chiếm {n} m2 đất vườn ở {v}, đề nghị đo đạc lại",
    ),
    (
        "Khiếu nại giá bồi thường thu hồi đất",
        "giá bồi thường đất nông nghiệp dự án đường {r} tại {v} thấp",
    ),
    (
        "Chưa được bố trí tái định cư",
        "gia đình bị thu hồi đất ở tại {v} chưa được giao đất tái định cư",
    ),
    ("Xưởng gỗ gây ô nhiễm tiếng ồn", "xưởng chế biến gỗ ở {v} hoạt động ban đêm gây ồn và bụi"),
    ("Rác thải đổ trộm ven suối", "rác thải sinh hoạt đổ trộm ven suối {v} bốc mùi"),
    ("Đề nghị xét hộ nghèo", "gia đình ở {v} khó khăn nhưng không có tên trong danh sách hộ nghèo"),
    ("Chậm chi trả trợ cấp", "trợ cấp người có công ở {v} chậm {n} tháng"),
    ("Xây dựng lấn chiếm hành lang đường", "hộ kinh doanh ở {v} xây mái che lấn chiếm đường {r}"),
    (
        "Thái độ cán bộ một cửa",
        "cán bộ một cửa xã yêu cầu bổ sung {n} loại giấy tờ không đúng quy định",
    ),
    ("Đường liên thôn xuống cấp", "đường bê tông từ {v} đi {r} hư hỏng nặng sau mưa"),
    ("Mất nước sinh hoạt", "công trình nước tự chảy ở {v} hỏng, mất nước {n} ngày"),
    (
        "Cấp giấy chứng nhận quyền sử dụng đất",
        "hồ sơ cấp giấy chứng nhận thửa đất ở {v} chậm {n} tháng",
    ),
]
VILLAGES = [
    f"thôn {w} {i}"
    for w in ("Nà Rị", "Bản Giới", "Pác Bó", "Cốc Phát", "Nà Lạn", "Khuổi Khon")
    for i in range(1, 40)
]
ROADS = [f"ĐT{n}" for n in range(200, 260)]
FAMILY = ["Nông", "Hoàng", "Lục", "Bế", "Đàm", "Lương", "Triệu", "Ma", "La", "Nguyễn", "Trần", "Lê"]
MIDDLE = ["Văn", "Thị", "Đức", "Thị Thu", "Văn Minh", "Hồng", "Ngọc", "Quang"]
GIVEN = ["Tám", "Hoa", "Sáu", "Lan", "Dũng", "Mai", "Thắng", "Hằng", "Tuấn", "Nga", "Bình", "Yến"]
KINDS = ["complaint", "denunciation", "recommendation", "feedback"]
#: States a petition still being handled can be in, and those of a settled one.
OPEN_STATES = ["received", "classified", "accepted", "verifying"]
DONE_STATES = ["answered", "closed", "archived"]
#: Petitions older than this (days before LAST_DAY) are settled but for a backlog share.
SETTLED_AFTER = 60
BACKLOG = 0.03
FIRST_DAY = dt.date(2021, 7, 1)
LAST_DAY = dt.date(2026, 6, 30)


@part("petitions")
def generate(ctx: Context) -> None:
    """petitions about the real communes over five years"""
    total = ctx.size.petitions
    starts = list(range(0, total, CHUNK))
    done = ctx.finished_chunks()
    todo = [s for s in starts if f"{s:09d}" not in done]
    if not todo:
        return
    communes = [(c.pk, c.parent_id or c.pk, c.short_name or c.name) for c in ctx.communes()]
    assert communes, "the orgs part runs first"
    drop_indexes(ctx, TABLE)
    progress = ctx.progress("petitions", total)
    progress.advance(total - sum(min(CHUNK, total - s) for s in todo))
    for start in todo:
        count = min(CHUNK, total - start)
        with ctx.chunk(f"{start:09d}") as written:
            written[0] += bulk_write_values(
                _petition_model(), _petitions(ctx, communes, start, count)
            )
        progress.advance(count)
    restore_indexes(ctx, TABLE)


def _petition_model() -> Any:
    from danvan.petitions.models import Petition

    return Petition


def _petitions(
    ctx: Context, communes: list[tuple[int, int, str]], start: int, count: int
) -> Iterator[dict[str, Any]]:
    """The rows of petitions ``start`` … ``start + count - 1``, as the model's attributes."""
    from danvan.core.text import fold
    from danvan.petitions.casework.duplicates import search_text_for

    # Names and addresses repeat (a few thousand of each): fold each once.
    fold_once = functools.lru_cache(maxsize=100_000)(fold)
    rng = ctx.rng(f"{start:09d}")
    span = (LAST_DAY - FIRST_DAY).days
    now = dt.datetime(2026, 7, 1, 1, tzinfo=dt.UTC)
    for n in range(start, start + count):
        place, above, place_name = communes[rng.randrange(len(communes))]
        unit = above if rng.random() < 0.1 else place
        title, text = SUBJECTS[rng.randrange(len(SUBJECTS))]
        content = text.format(
            n=rng.randint(2, 300), v=VILLAGES[rng.randrange(len(VILLAGES))],
            r=ROADS[rng.randrange(len(ROADS))],
        )  # fmt: skip
        name = " ".join(
            (FAMILY[rng.randrange(12)], MIDDLE[rng.randrange(8)], GIVEN[rng.randrange(12)])
        )
        address = f"{VILLAGES[rng.randrange(len(VILLAGES))]}, {place_name}"
        received = FIRST_DAY + dt.timedelta(days=rng.randrange(span))
        # As a real register looks: what came in the last two months is still being handled in
        # every step; older petitions are answered, closed or archived, but for a backlog of
        # about 3 % left open past their deadline (what the overdue counts are about).
        if (LAST_DAY - received).days > SETTLED_AFTER and rng.random() >= BACKLOG:
            state = DONE_STATES[rng.randrange(3)]
        elif rng.random() < 0.2:
            state = DONE_STATES[rng.randrange(3)]
        else:
            state = OPEN_STATES[rng.randrange(4)]
        answered = (
            received + dt.timedelta(days=rng.randint(5, 45)) if state in DONE_STATES else None
        )
        yield dict(  # noqa: C408 (as keyword arguments, like the model)
            handling_unit_id=unit, place_id=place, tracking_code=f"{CODE_PREFIX}{n:08d}",
            kind=KINDS[rng.randrange(4)], source="post", received_on=received,
            state=state, answered_on=answered, title=title, content=content, petitioner_name=name,
            petitioner_id_number=f"{rng.randrange(10**12):012d}", petitioner_address=address,
            step_rule="petition.handle", due_on=received + dt.timedelta(days=14),
            name_key=fold_once(name), address_key=fold_once(address),
            search_text=search_text_for(title, content), created_at=now, updated_at=now,
        )  # fmt: skip
