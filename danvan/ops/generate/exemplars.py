"""«Dân vận khéo» models: each commune starts a couple a year across the four fields (a tenth
recognised at provincial level, a fifth replicating an earlier model of the province), each
reviewed every year after its start, a quarter commended and a tenth entered in a contest."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .base import Context, bulk_write, part

#: (field, title): what provinces report as their models, by field.
TITLES = [
    ("economy", "Hiến đất làm đường giao thông nông thôn"),
    ("economy", "Tổ hợp tác trồng cây ăn quả gắn với tiêu thụ sản phẩm"),
    ("culture_society", "Tổ tự quản vệ sinh môi trường khu dân cư"),
    ("culture_society", "Xóm văn hóa, gia đình văn hóa không rác thải nhựa"),
    ("defence_security", "Camera an ninh – Khu dân cư an toàn"),
    ("defence_security", "Tổ liên gia tự quản an ninh trật tự"),
    ("political_system", "Chi bộ gần dân, lắng nghe dân"),
    ("political_system", "Công chức một cửa thân thiện, tận tình"),
]
EFFECTIVENESS = ["excellent", "good", "good", "good", "fair", "poor"]
ASSESSMENTS = {
    "excellent": (
        "Mô hình phát huy hiệu quả rõ rệt, được Nhân dân đồng tình, có khả năng nhân rộng."
    ),
    "good": "Mô hình duy trì tốt, đạt các mục tiêu đề ra.",
    "fair": "Mô hình duy trì nhưng hiệu quả chưa cao, cần củng cố.",
    "poor": "Mô hình không còn duy trì thường xuyên; đề nghị kiện toàn hoặc dừng.",
}


@part("exemplars")
def generate(ctx: Context) -> None:
    """«Dân vận khéo» models with their reviews, commendations and contest entries"""
    from danvan.exemplars.models import (
        Commendation,
        ContestEntry,
        Exemplar,
        Review,
        ReviewCycle,
    )

    yearly = ReviewCycle.objects.filter(code="hang-nam").first()
    for province in ctx.pending_provinces():
        rng = ctx.rng(province.key)
        communes = ctx.communes(province)
        with ctx.chunk(province.key) as written:
            plans = [
                _exemplar(rng, c, year)
                for year in ctx.size.years
                for c in communes
                for _ in range(ctx.size.exemplars_per_commune_year)
            ]
            # A fifth replicate an earlier model of the province of the same field (nhân rộng):
            # linked once their originals have ids.
            originals: list[tuple[Exemplar, int | None]] = []
            for n, exemplar in enumerate(plans):
                earlier = [
                    i for i in range(max(0, n - 50), n)
                    if plans[i].field == exemplar.field
                    and plans[i].started_on < exemplar.started_on
                    and plans[i].unit_id != exemplar.unit_id
                ]  # fmt: skip
                pick = (
                    earlier[rng.randrange(len(earlier))] if earlier and rng.random() < 0.2 else None
                )
                originals.append((exemplar, pick))
            saved = Exemplar.objects.bulk_create(plans, batch_size=2000)
            replicas = []
            for exemplar, pick in originals:
                if pick is not None:
                    exemplar.replicates_id = saved[pick].pk
                    exemplar.title = f"{exemplar.title} – nhân rộng"
                    replicas.append(exemplar)
            Exemplar.objects.bulk_update(replicas, ["replicates", "title"], batch_size=2000)
            written[0] += len(saved)
            last = ctx.size.years[-1]
            if yearly is not None:
                written[0] += bulk_write(
                    Review,
                    (
                        _review(rng, e, yearly, year)
                        for e in saved
                        for year in range(e.started_on.year + 1, last + 1)
                    ),
                )
            commended = [e for e in saved if rng.random() < 0.25]
            written[0] += bulk_write(
                Commendation,
                (
                    Commendation(
                        exemplar_id=e.pk,
                        awarded_by="Chủ tịch UBND tỉnh"
                        if e.level == "province"
                        else "Chủ tịch UBND xã",
                        form="Bằng khen" if e.level == "province" else "Giấy khen",
                        decision_number=f"{rng.randint(1, 3000)}/QĐ-UBND",
                        decided_on=e.started_on + dt.timedelta(days=rng.randint(180, 400)),
                    )  # fmt: skip
                    for e in commended
                ),
            )
            written[0] += bulk_write(
                ContestEntry,
                (
                    ContestEntry(
                        exemplar_id=e.pk,
                        contest=(
                            f"Hội thi «Dân vận khéo» {province.name} năm {e.started_on.year + 1}"
                        ),
                        held_on=dt.date(e.started_on.year + 1, 10, rng.randint(1, 28)),
                        result=["Giải Nhất", "Giải Nhì", "Giải Ba", "Khuyến khích", ""][
                            rng.randrange(5)
                        ],
                    )  # fmt: skip
                    for e in saved
                    if rng.random() < 0.1
                ),
            )


def _exemplar(rng: Any, commune: Any, year: int) -> Any:
    from danvan.exemplars.models import Exemplar

    field, title = TITLES[rng.randrange(len(TITLES))]
    started = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
    return Exemplar(
        unit_id=commune.pk, title=f"{title} ({commune.name})", kind="collective", field=field,
        level="province" if rng.random() < 0.1 else "commune", started_on=started,
        description=(
            f"Mô hình «{title}» do UBND {commune.name} phát động, các đoàn thể cùng thực hiện."
        ),
        evidence="Báo cáo kết quả thực hiện mô hình, ảnh hoạt động.",
        registered_with="Ban Dân vận", registered_on=started,
    )  # fmt: skip


def _review(rng: Any, exemplar: Any, cycle: Any, year: int) -> Any:
    from danvan.exemplars.models import Review

    effectiveness = EFFECTIVENESS[rng.randrange(len(EFFECTIVENESS))]
    return Review(
        exemplar_id=exemplar.pk, cycle_id=cycle.pk,
        reviewed_on=dt.date(year, 12, rng.randint(1, 28)),
        effectiveness=effectiveness, assessment=ASSESSMENTS[effectiveness],
    )  # fmt: skip
