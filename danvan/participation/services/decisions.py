"""Record what the people decided and tally it against the threshold of the law."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from danvan.core.audit import acting_as
from danvan.core.errors import UserError
from danvan.orgs.models import OrgUnit, OrgUnitKind

from ..models import DecisionMatter, DecisionMethod, PeopleDecision, rule_value
from .common import Action, a_date, bounded, require, required


def record_decision(
    *,
    actor: Any,
    village: OrgUnit,
    matter: DecisionMatter,
    title: str,
    method: str,
    noticed_on: dt.date,
    held_on: dt.date,
    households_total: int,
    ballots: int,
    votes_for: int,
    votes_against: int = 0,
    households_opted_in: int = 0,
    chaired_by: str = "",
    record: str = "",
    initiative: bool = False,
    initiative_households: int = 0,
) -> PeopleDecision:
    require(actor, PeopleDecision, Action.ADD, village)
    if village.kind != OrgUnitKind.VILLAGE:
        raise UserError("Nhân dân bàn và quyết định ở thôn, tổ dân phố: hãy chọn thôn, tổ dân phố.")
    title = bounded(required(title, "nội dung biểu quyết"), "nội dung biểu quyết", 300)
    if method not in DecisionMethod.values:
        raise UserError("Hình thức biểu quyết không hợp lệ.")
    a_date(noticed_on, "ngày thông báo")
    a_date(held_on, "ngày biểu quyết")
    for value, label in (
        (households_total, "số hộ gia đình của thôn"),
        (ballots, "số hộ tham gia biểu quyết"),
        (votes_for, "số hộ tán thành"),
        (votes_against, "số hộ không tán thành"),
        (households_opted_in, "số hộ đăng ký biểu quyết trực tuyến"),
        (initiative_households, "số hộ đề xuất"),
    ):
        if not isinstance(value, int) or value < 0:
            raise UserError(f"{label[:1].upper()}{label[1:]} phải là số nguyên không âm.")
    if households_total == 0:
        raise UserError("Số hộ gia đình của thôn phải lớn hơn 0.")
    if ballots > households_total:
        raise UserError(
            f"Số hộ tham gia biểu quyết ({ballots}) không thể nhiều hơn số hộ gia đình của thôn "
            f"({households_total})."
        )
    if votes_for + votes_against > ballots:
        raise UserError(
            f"Tổng số hộ tán thành và không tán thành ({votes_for + votes_against}) vượt quá số "
            f"hộ tham gia biểu quyết ({ballots})."
        )
    notice_days = rule_value("decision.notice_days", village)
    if (held_on - noticed_on).days < notice_days:
        raise UserError(
            f"Phải thông báo cho Nhân dân ít nhất {notice_days} ngày trước khi tổ chức biểu quyết."
        )
    if method == DecisionMethod.ONLINE:
        if not matter.online_allowed:
            raise UserError(
                "Biểu quyết trực tuyến chỉ áp dụng cho các công việc tự quản khác trong cộng "
                "đồng dân cư (Điều 17 Luật Thực hiện dân chủ ở cơ sở)."
            )
        percent = rule_value("decision.online_optin_percent", village)
        if households_opted_in * 100 <= percent * households_total:
            raise UserError(
                f"Phải có trên {percent}% số hộ gia đình đăng ký trước khi biểu quyết trực tuyến "
                "(Điều 5 Nghị định 59/2023/NĐ-CP)."
            )
    if initiative:
        percent = rule_value("decision.initiative_percent", village)
        if initiative_households * 100 < percent * households_total:
            raise UserError(
                f"Sáng kiến của Nhân dân cần ít nhất {percent}% số hộ gia đình của thôn đề xuất "
                "(Điều 16 Luật Thực hiện dân chủ ở cơ sở)."
            )
    with transaction.atomic(), acting_as(actor):
        return PeopleDecision.objects.create(
            village=village,
            matter=matter,
            title=title,
            method=method,
            noticed_on=noticed_on,
            held_on=held_on,
            households_total=households_total,
            households_opted_in=households_opted_in,
            ballots=ballots,
            votes_for=votes_for,
            votes_against=votes_against,
            chaired_by=bounded(chaired_by.strip(), "người chủ trì", 200),
            record=bounded(record.strip(), "biên bản"),
            initiative=initiative,
            initiative_households=initiative_households,
            created_by=actor,
        )


def recognise(*, actor: Any, decision: PeopleDecision, on: dt.date, version: Any) -> PeopleDecision:
    """The commune recognises the result (within 5 working days; lateness is derived)."""
    commune = decision.village.parent or decision.village
    require(actor, PeopleDecision, Action.CHANGE, commune)
    decision.check_version(version)
    a_date(on, "ngày công nhận")
    if on < decision.held_on:
        raise UserError("Ngày công nhận không được trước ngày biểu quyết.")
    with transaction.atomic(), acting_as(actor):
        decision.recognised_on = on
        decision.bump_version()
        decision.save()
    return decision
