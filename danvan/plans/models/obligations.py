"""The cascade: a unit's obligation to issue its own plan implementing a plan above."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.core.obligations import DueDateQuerySetMixin
from danvan.core.scoping import (
    ScopedQuerySet,
)
from danvan.orgs.models import OrgUnit

if TYPE_CHECKING:
    pass
from .plans import Plan


class ComplianceState(models.TextChoices):
    ON_TIME = "on_time", _("Submitted on time")
    LATE = "late", _("Submitted late")
    MISSING = "missing", pgettext_lazy("plan", "Missing")
    PENDING = "pending", _("Not yet due")


class ObligationQuerySet(DueDateQuerySetMixin, ScopedQuerySet["ImplementationObligation"]):
    def counted(self) -> ObligationQuerySet:
        """Obligations that count: those not absorbed by a successor's own obligation."""
        return self.filter(absorbed_into__isnull=True)

    def with_state(self, today: dt.date | None = None) -> ObligationQuerySet:
        day = today or timezone.localdate()
        return self.annotate(
            derived_state=Case(
                When(
                    Q(submitted_on__lte=day) & Q(submitted_on__lte=F("due_on")),
                    then=Value(ComplianceState.ON_TIME.value),
                ),
                When(submitted_on__lte=day, then=Value(ComplianceState.LATE.value)),
                When(due_on__lt=day, then=Value(ComplianceState.MISSING.value)),
                default=Value(ComplianceState.PENDING.value),
                output_field=models.CharField(),
            )
        )


class ImplementationObligation(models.Model):
    """A unit's duty to issue its own plan implementing ``plan`` by ``due_on``.

    ``unit`` is the unit first addressed; ``holder`` the unit that carries the duty now (its
    successor after a merge). When the successor already had its own obligation, the merged
    one is ``absorbed_into`` it and no longer counted.
    """

    scope_path_field = "holder__path"
    scope_unit_field = "holder_id"

    # Obligation predicates (core.obligations.DueDateQuerySetMixin: .overdue(), .due_soon()).
    due_date_field = "due_on"
    open_q = Q(submitted_on__isnull=True, absorbed_into__isnull=True)

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="obligations"
    )
    unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("addressed unit"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    holder = models.ForeignKey(
        OrgUnit,
        verbose_name=_("responsible unit"),
        on_delete=models.PROTECT,
        related_name="plan_obligations",
    )
    due_on = models.DateField(_("due on"))
    fulfilled_by = models.ForeignKey(
        Plan,
        verbose_name=_("implementing plan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="fulfils",
    )
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    absorbed_into = models.ForeignKey(
        "self",
        verbose_name=_("absorbed into"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="absorbed",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ObligationQuerySet.as_manager()

    class Meta:
        verbose_name = _("implementation obligation")
        verbose_name_plural = _("implementation obligations")
        ordering = ["plan_id", "holder__path"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "unit"], name="obligation_unique_unit")
        ]
        indexes = [models.Index(fields=["plan", "holder"], name="obligation_plan_holder_idx")]

    def __str__(self) -> str:
        return f"{self.plan} → {self.holder}"

    def state_on(self, today: dt.date | None = None) -> str:
        day = today or timezone.localdate()
        if self.submitted_on and self.submitted_on <= day:
            if self.submitted_on <= self.due_on:
                return ComplianceState.ON_TIME.value
            return ComplianceState.LATE.value
        if self.due_on < day:
            return ComplianceState.MISSING.value
        return ComplianceState.PENDING.value

    @property
    def state(self) -> str:
        annotated = self.__dict__.get("derived_state")
        return annotated if annotated else self.state_on()

    @property
    def state_label(self) -> str:
        return str(ComplianceState(self.state).label)
