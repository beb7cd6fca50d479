"""Builders for inspection tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from danvan.inspections.models import Finding, InspectionPlan, InspectionRound, TeamMember
from danvan.orgs.models import OrgUnit


def make_round(
    owner: OrgUnit, inspected: OrgUnit | None = None, starts_on: dt.date = dt.date(2026, 5, 4)
) -> InspectionRound:
    plan = InspectionPlan.objects.create(
        owner=owner, year=starts_on.year, title="Kế hoạch kiểm tra"
    )
    round_ = InspectionRound.objects.create(
        plan=plan, title="Kiểm tra dân vận chính quyền", starts_on=starts_on,
        ends_on=starts_on + dt.timedelta(days=2),
    )  # fmt: skip
    round_.units.set([inspected or owner])
    return round_


def make_finding(
    round_: InspectionRound,
    responsible: OrgUnit | None = None,
    due_on: dt.date = dt.date(2026, 8, 31),
    **kw: Any,
) -> Finding:
    return Finding.objects.create(
        round=round_, finding="Chưa niêm yết thủ tục", recommendation="Niêm yết đầy đủ",
        responsible_unit=responsible or round_.plan.owner, due_on=due_on, **kw,
    )  # fmt: skip


def make_member(round_: InspectionRound) -> TeamMember:
    return TeamMember.objects.create(round=round_, name="Hoàng Văn A", body="Ban Dân vận")
