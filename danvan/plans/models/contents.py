"""What else a plan holds: quantified targets, reporting obligations, budget lines."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core.models import ScopedModel
from danvan.core.scoping import (
    ScopedQuerySet,
)

if TYPE_CHECKING:
    pass
from .plans import Plan


class TargetQuerySet(ScopedQuerySet["Target"]):
    pass


class Target(ScopedModel):
    """A quantified target (chỉ tiêu): "100% xã tổ chức đối thoại", "04 lớp tập huấn"."""

    scope_path_field = "plan__owner__path"
    scope_unit_field = "plan__owner_id"

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="targets"
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    text = models.TextField(_("target"))
    value = models.DecimalField(
        _("target value"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    unit_label = models.CharField(_("unit of measure"), max_length=80, blank=True)
    achieved = models.DecimalField(_("achieved"), max_digits=14, decimal_places=2, default=0)

    objects = TargetQuerySet.as_manager()

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["plan_id", "position", "id"]

    def __str__(self) -> str:
        return self.text[:120]

    @property
    def progress(self) -> int:
        """Percent of the target reached (0–100)."""
        if not self.value:
            return 0
        ratio = Decimal(self.achieved) / Decimal(self.value) * 100
        return max(0, min(100, int(ratio)))


class ReportingPeriod(models.TextChoices):
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    SEMIANNUAL = "semiannual", _("Six-monthly")
    NINE_MONTHS = "nine_months", _("Nine-monthly")
    ANNUAL = "annual", _("Annual")
    AD_HOC = "ad_hoc", _("Ad hoc")


class ReportingObligationQuerySet(ScopedQuerySet["ReportingObligation"]):
    pass


class ReportingObligation(ScopedModel):
    """A report the plan requires ("báo cáo 6 tháng trước ngày 15/6 về UBND tỉnh")."""

    scope_path_field = "plan__owner__path"
    scope_unit_field = "plan__owner_id"

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="reporting"
    )
    period = models.CharField(_("period"), max_length=12, choices=ReportingPeriod.choices)
    recipient = models.CharField(_("report to"), max_length=255, blank=True)
    due_day = models.PositiveSmallIntegerField(_("due day"), null=True, blank=True)
    due_month = models.PositiveSmallIntegerField(_("due month"), null=True, blank=True)
    text = models.TextField(_("as written"), blank=True)

    objects = ReportingObligationQuerySet.as_manager()

    class Meta:
        verbose_name = _("reporting obligation")
        verbose_name_plural = _("reporting obligations")
        ordering = ["plan_id", "id"]

    def __str__(self) -> str:
        return f"{self.get_period_display()} → {self.recipient}"


class BudgetLineQuerySet(ScopedQuerySet["BudgetLine"]):
    pass


class BudgetLine(ScopedModel):
    """A line of the plan's budget, in Vietnamese đồng."""

    scope_path_field = "plan__owner__path"
    scope_unit_field = "plan__owner_id"

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="budget_lines"
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    item = models.CharField(_("item"), max_length=255)
    amount = models.PositiveBigIntegerField(_("amount (VND)"))
    source = models.CharField(_("source of funds"), max_length=255, blank=True)

    objects = BudgetLineQuerySet.as_manager()

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["plan_id", "position", "id"]

    def __str__(self) -> str:
        return f"{self.item}: {self.amount:,} đ"

    @property
    def amount_vnd(self) -> str:
        """The amount as plans print it: "125.500.000"."""
        from ..money import format_vnd

        return format_vnd(self.amount)
