"""Inspection of dân vận work: each province's yearly inspection plan, its rounds (each inspects
one to four communes with a team of three from several bodies), the findings each inspected
commune must act on by a deadline, and the communes' reports on what they fixed. Findings of past
years are mostly closed (80 %); those of the last year mostly still open or answered."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .base import Context, bulk_write, part

FINDINGS = [
    (
        "Chưa công khai đầy đủ các nội dung theo Luật Thực hiện dân chủ ở cơ sở.",
        "Niêm yết công khai đủ nội dung và lập sổ theo dõi.",
    ),
    (
        "Một số đơn kiến nghị giải quyết quá hạn, chưa trả lời bằng văn bản.",
        "Rà soát, giải quyết dứt điểm đơn quá hạn; trả lời công dân bằng văn bản.",
    ),
    (
        "Chưa tổ chức đối thoại định kỳ với Nhân dân theo quy định.",
        "Xây dựng kế hoạch và tổ chức đối thoại định kỳ trong quý.",
    ),
    (
        "Mô hình «Dân vận khéo» đăng ký nhưng chưa có đánh giá hằng năm.",
        "Đánh giá, sơ kết mô hình và báo cáo kết quả.",
    ),
]
TEAM = [
    ("Ban Dân vận Tỉnh ủy", "Trưởng đoàn"),
    ("Sở Nội vụ", "Thành viên"),
    ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "Thành viên"),
]
PLAN_TITLE = "Kế hoạch kiểm tra, giám sát công tác dân vận chính quyền"
PLAN_BASIS = "Quy chế công tác dân vận của hệ thống chính trị (Quyết định 23-QĐ/TW)"
CONCLUSION = "Các đơn vị cơ bản thực hiện tốt; còn một số tồn tại nêu tại kết luận."
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ"]
GIVEN = ["Văn An", "Thị Bình", "Văn Cường", "Thị Dung", "Văn Đức", "Thị Hạnh"]


@part("inspections")
def generate(ctx: Context) -> None:
    """yearly inspection plans, rounds with their teams, findings and the units' reports"""
    from danvan.inspections.models import (
        Finding,
        FindingReport,
        InspectionPlan,
        InspectionRound,
        TeamMember,
    )

    last = ctx.size.years[-1]
    for province in ctx.pending_provinces():
        rng = ctx.rng(province.key)
        communes = ctx.communes(province)
        if not communes:
            continue
        with ctx.chunk(province.key) as written:
            plans = InspectionPlan.objects.bulk_create(
                [
                    InspectionPlan(
                        owner_id=province.pk,
                        year=year,
                        title=f"{PLAN_TITLE} năm {year}",
                        basis=PLAN_BASIS,
                    )  # fmt: skip
                    for year in ctx.size.years
                ]
            )
            written[0] += len(plans)
            inspected: list[list[Any]] = []
            rounds = []
            for plan in plans:
                for n in range(ctx.size.inspections_per_province_year):
                    starts = dt.date(plan.year, 3 + n % 9, 1 + rng.randrange(20))
                    ends = starts + dt.timedelta(days=rng.randint(2, 10))
                    units = rng.sample(communes, min(len(communes), rng.randint(1, 4)))
                    inspected.append(units)
                    rounds.append(
                        InspectionRound(
                            plan_id=plan.pk,
                            title=f"Đợt kiểm tra số {n + 1} năm {plan.year}",
                            starts_on=starts,
                            ends_on=ends,
                            notice_sent_on=starts - dt.timedelta(days=7),
                            conclusion=CONCLUSION,
                            concluded_on=ends + dt.timedelta(days=15),
                        )  # fmt: skip
                    )
            rounds = InspectionRound.objects.bulk_create(rounds, batch_size=2000)
            written[0] += len(rounds)
            through = InspectionRound.units.through
            written[0] += bulk_write(
                through,
                (
                    through(inspectionround_id=r.pk, orgunit_id=u.pk)
                    for r, units in zip(rounds, inspected, strict=True)
                    for u in units
                ),
            )
            written[0] += bulk_write(
                TeamMember,
                (
                    TeamMember(
                        round_id=r.pk,
                        body=body,
                        role=role,
                        name=f"{rng.choice(FAMILY)} {rng.choice(GIVEN)}",
                    )  # fmt: skip
                    for r in rounds
                    for body, role in TEAM
                ),
            )
            findings = []
            for r, units in zip(rounds, inspected, strict=True):
                for u in units:
                    for _ in range(rng.randint(1, 3)):
                        finding, recommendation = FINDINGS[rng.randrange(len(FINDINGS))]
                        roll = rng.random()
                        closed_share, answered_share = (
                            (0.8, 0.9) if r.starts_on.year < last else (0.3, 0.6)
                        )
                        status = (
                            "closed" if roll < closed_share
                            else "answered" if roll < answered_share else "open"
                        )  # fmt: skip
                        # Sixty days from the conclusion (set on every generated round).
                        due = r.ends_on + dt.timedelta(days=15 + 60)
                        findings.append(
                            Finding(
                                round_id=r.pk,
                                finding=finding,
                                recommendation=recommendation,
                                responsible_unit_id=u.pk,
                                due_on=due,
                                status=status,
                                closed_on=due - dt.timedelta(days=rng.randint(0, 30))
                                if status == "closed"
                                else None,
                            )  # fmt: skip
                        )
            findings = Finding.objects.bulk_create(findings, batch_size=2000)
            written[0] += len(findings)
            written[0] += bulk_write(FindingReport, _reports(findings))


def _reports(findings: list[Any]) -> Any:
    """The unit's report on an answered or closed finding, and the inspector's closing note."""
    from danvan.inspections.models import FindingReport

    for f in findings:
        if f.status == "open":
            continue
        reported = f.closed_on or f.due_on - dt.timedelta(days=10)
        at = dt.datetime.combine(reported - dt.timedelta(days=5), dt.time(3), dt.UTC)
        yield FindingReport(
            finding_id=f.pk, at=at, text="Đơn vị đã khắc phục, báo cáo kèm minh chứng."
        )
        if f.status == "closed":
            yield FindingReport(
                finding_id=f.pk, at=at + dt.timedelta(days=5),
                text="Đoàn kiểm tra xác nhận đã khắc phục; kết thúc theo dõi.", closes=True,
            )  # fmt: skip
