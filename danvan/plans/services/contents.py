"""Targets, reporting obligations and budget lines of a plan."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, QuerySet

from danvan.core.audit import acting_as
from danvan.core.errors import UserError
from danvan.core.scoping import Action, user_can
from danvan.orgs.models import OrgUnit

from ..models import (
    BudgetLine,
    Plan,
    ReportingObligation,
    Target,
)
from ..money import amount_in_words, format_vnd
from .plans import can_change_plan

# --- targets, reporting, budget -------------------------------------------------------------


def add_target(
    plan: Plan,
    *,
    text: str,
    value: Decimal | float | None = None,
    unit_label: str = "",
    actor: Any = None,
) -> Target:
    if actor is not None and not can_change_plan(actor, plan):
        raise PermissionDenied
    if not (text or "").strip():
        raise UserError("Chỉ tiêu cần có nội dung.")
    if value is not None and Decimal(str(value)) < 0:
        raise UserError("Giá trị chỉ tiêu không được âm.")
    with transaction.atomic(), acting_as(actor):
        return Target.objects.create(
            plan=plan,
            text=text.strip(),
            value=Decimal(str(value)) if value is not None else None,
            unit_label=(unit_label or "")[:80],
            position=plan.targets.count() + 1,
        )


def record_target_progress(
    target: Target, *, achieved: Decimal | float, actor: Any = None
) -> Target:
    if actor is not None and not user_can(actor, Target, Action.CHANGE, target):
        raise PermissionDenied
    value = Decimal(str(achieved))
    if value < 0:
        raise UserError("Kết quả đạt được không được âm.")
    if target.unit_label == "%" and value > 100:
        raise UserError("Kết quả theo tỷ lệ phần trăm không thể vượt quá 100%.")
    with transaction.atomic(), acting_as(actor):
        target.achieved = value
        target.save(update_fields=["achieved"])
    return target


def add_reporting_obligation(
    plan: Plan,
    *,
    period: str,
    recipient: str = "",
    due_day: int | None = None,
    due_month: int | None = None,
    text: str = "",
    actor: Any = None,
) -> ReportingObligation:
    from ..models import ReportingPeriod

    if actor is not None and not can_change_plan(actor, plan):
        raise PermissionDenied
    if period not in ReportingPeriod.values:
        raise UserError(f"Kỳ báo cáo «{period}» không hợp lệ.")
    with transaction.atomic(), acting_as(actor):
        return ReportingObligation.objects.create(
            plan=plan,
            period=period,
            recipient=(recipient or "")[:255],
            due_day=due_day,
            due_month=due_month,
            text=text,
        )


def add_budget_line(
    plan: Plan, *, item: str, amount: int, source: str = "", actor: Any = None
) -> BudgetLine:
    if actor is not None and not can_change_plan(actor, plan):
        raise PermissionDenied
    try:
        amount = int(amount)
    except (TypeError, ValueError):
        raise UserError("Số tiền phải là số nguyên (đồng).") from None
    if amount < 0:
        raise UserError("Số tiền không được âm.")
    if not (item or "").strip():
        raise UserError("Dòng kinh phí cần có nội dung.")
    with transaction.atomic(), acting_as(actor):
        return BudgetLine.objects.create(
            plan=plan,
            item=item.strip()[:255],
            amount=amount,
            source=source,
            position=plan.budget_lines.count() + 1,
        )


@dataclass
class BudgetTotal:
    amount: int
    digits: str
    words: str

    @property
    def printed(self) -> str:
        return f"Tổng kinh phí: {self.digits} đồng (Bằng chữ: {self.words})."


def budget_total(plan: Plan) -> BudgetTotal:
    total = sum(plan.budget_lines.values_list("amount", flat=True))
    return BudgetTotal(int(total), format_vnd(total), amount_in_words(total))


def tasks_for_units(units: QuerySet[OrgUnit] | Sequence[OrgUnit]) -> Q:
    """A filter for tasks led or supported by any of ``units``."""
    return Q(lead_unit__in=units) | Q(supporting_units__in=units)
