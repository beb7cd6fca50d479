"""Targets, reporting obligations and budget lines of a plan."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

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
    achieved: Decimal | float | None = None,
    actor: Any,
) -> Target:
    """Add a quantified target (and the result achieved so far) — for the plan's owners."""
    if not can_change_plan(actor, plan):
        raise PermissionDenied
    if not (text or "").strip():
        raise UserError(_("A target needs a content."))
    number = _decimal(value, _("A target value must be a number."))
    if number is not None and number < 0:
        raise UserError(_("A target value cannot be negative."))
    result = _decimal(achieved, _("The achieved result must be a number.")) or Decimal(0)
    if result < 0:
        raise UserError(_("The achieved result cannot be negative."))
    label = (unit_label or "").strip()[:80]
    if label == "%" and result > 100:
        raise UserError(_("A result in per cent cannot exceed 100%."))
    with transaction.atomic(), acting_as(actor):
        return Target.objects.create(
            plan=plan,
            text=text.strip(),
            value=number,
            unit_label=label,
            achieved=result,
            position=plan.targets.count() + 1,
        )


def record_target_progress(target: Target, *, achieved: Decimal | float, actor: Any) -> Target:
    if not user_can(actor, Target, Action.CHANGE, target):
        raise PermissionDenied
    value = Decimal(str(achieved))
    if value < 0:
        raise UserError(_("The achieved result cannot be negative."))
    if target.unit_label == "%" and value > 100:
        raise UserError(_("A result in per cent cannot exceed 100%."))
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
    actor: Any,
) -> ReportingObligation:
    from ..models import ReportingPeriod

    if not can_change_plan(actor, plan):
        raise PermissionDenied
    if period not in ReportingPeriod.values:
        raise UserError(_("The reporting period «%(period)s» is not valid.") % {"period": period})
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
    plan: Plan, *, item: str, amount: int, source: str = "", actor: Any
) -> BudgetLine:
    if not can_change_plan(actor, plan):
        raise PermissionDenied
    amount = _check_budget(item, amount)
    with transaction.atomic(), acting_as(actor):
        return BudgetLine.objects.create(
            plan=plan,
            item=item.strip()[:255],
            amount=amount,
            source=(source or "").strip()[:255],
            position=plan.budget_lines.count() + 1,
        )


def _decimal(value: Any, message: str) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except (ArithmeticError, ValueError):
        raise UserError(message) from None


def update_target(
    target: Target,
    *,
    text: str,
    value: Decimal | float | None = None,
    unit_label: str = "",
    achieved: Decimal | float | None = None,
    actor: Any,
) -> Target:
    """Change a target and the result achieved so far — for the plan's owners.

    Refused with a Vietnamese message, writing nothing: an empty text, a negative value or
    result, and a percentage result above 100%.
    """
    if not can_change_plan(actor, target.plan):
        raise PermissionDenied
    if not (text or "").strip():
        raise UserError(_("A target needs a content."))
    number = _decimal(value, _("A target value must be a number."))
    if number is not None and number < 0:
        raise UserError(_("A target value cannot be negative."))
    result = _decimal(achieved, _("The achieved result must be a number.")) or Decimal(0)
    if result < 0:
        raise UserError(_("The achieved result cannot be negative."))
    label = (unit_label or "").strip()[:80]
    if label == "%" and result > 100:
        raise UserError(_("A result in per cent cannot exceed 100%."))
    with transaction.atomic(), acting_as(actor):
        current = Target.objects.select_for_update().get(pk=target.pk)
        current.text = text.strip()
        current.value = number
        current.unit_label = label
        current.achieved = result
        current.save()
    return current


def delete_target(target: Target, *, actor: Any) -> None:
    """Remove a target from its plan — for the plan's owners."""
    if not can_change_plan(actor, target.plan):
        raise PermissionDenied
    with transaction.atomic(), acting_as(actor):
        target.delete()


def _check_budget(item: str, amount: Any) -> int:
    try:
        number = int(amount)
    except (TypeError, ValueError):
        raise UserError(_("The amount must be a whole number (dong).")) from None
    if number < 0:
        raise UserError(_("The amount cannot be negative."))
    if number > 10**15:
        raise UserError(_("The amount is too large: at most one million billion dong."))
    if not (item or "").strip():
        raise UserError(_("A budget line needs a content."))
    return number


def update_budget_line(
    line: BudgetLine, *, item: str, amount: int, source: str = "", actor: Any
) -> BudgetLine:
    """Change a budget line (amount in đồng) — for the plan's owners."""
    if not can_change_plan(actor, line.plan):
        raise PermissionDenied
    number = _check_budget(item, amount)
    with transaction.atomic(), acting_as(actor):
        current = BudgetLine.objects.select_for_update().get(pk=line.pk)
        current.item = item.strip()[:255]
        current.amount = number
        current.source = (source or "").strip()[:255]
        current.save()
    return current


def delete_budget_line(line: BudgetLine, *, actor: Any) -> None:
    """Remove a budget line from its plan — for the plan's owners."""
    if not can_change_plan(actor, line.plan):
        raise PermissionDenied
    with transaction.atomic(), acting_as(actor):
        line.delete()


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
