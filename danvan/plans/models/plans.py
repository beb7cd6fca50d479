"""Plans (kế hoạch, đề án, chương trình) owned by an org unit."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.core.models import ScopedModel, TimestampedModel, VersionedModel
from danvan.core.scoping import (
    Action,
    ScopedQuerySet,
    ScopeRoot,
    assigned_values,
    path_q,
    permission_name,
    scope_roots,
)
from danvan.documents.models import Document
from danvan.orgs.models import OrgUnit

if TYPE_CHECKING:
    from danvan.core.scoping import AnyUser


class PlanKind(models.TextChoices):
    PLAN = "plan", _("Plan (kế hoạch)")
    SCHEME = "scheme", _("Scheme (đề án)")
    PROGRAMME = "programme", _("Programme (chương trình)")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ISSUED = "issued", _("Issued")
    SUPERSEDED = "superseded", _("Superseded")


class PlanQuerySet(ScopedQuerySet["Plan"]):
    def visible_to(self, user: AnyUser, action: str = Action.VIEW) -> PlanQuerySet:
        """Plans of the user's scope and, for reading, the plans above that address it.

        A commune must read the province's plan it implements: it sees a plan when a unit of
        its scope holds an obligation under it or leads or supports one of its tasks.
        """
        roots = scope_roots(user, permission_name(self.model, action))
        if roots is None:
            return self.all()
        if action != Action.VIEW or not roots:
            return self.filter(path_q("owner__path", "owner_id", roots))
        return self.readable_from(roots)

    def readable_from(self, roots: list[ScopeRoot]) -> PlanQuerySet:
        """The plans units within ``roots`` read: owned there, addressed to them (an
        implementation obligation), or with a task they lead or support."""
        from .obligations import ImplementationObligation
        from .tasks import Task

        own = path_q("owner__path", "owner_id", roots)
        addressed = ImplementationObligation.objects.filter(
            path_q("holder__path", "holder_id", roots)
        ).values("plan_id")
        assigned = assigned_values(Task, roots, "plan_id")
        return self.filter(own | Q(pk__in=addressed) | Q(pk__in=assigned))


class Plan(ScopedModel, TimestampedModel, VersionedModel):
    """A plan owned by a unit, for one or several years, possibly implementing a parent plan."""

    scope_path_field = "owner__path"
    scope_unit_field = "owner_id"
    version_label = "Kế hoạch này"

    owner = models.ForeignKey(
        OrgUnit, verbose_name=_("owner unit"), on_delete=models.PROTECT, related_name="plans"
    )
    kind = models.CharField(
        _("kind"), max_length=12, choices=PlanKind.choices, default=PlanKind.PLAN
    )
    number = models.CharField(
        _("number and symbol"), max_length=100, blank=True, help_text=_("E.g. 512/KH-UBND.")
    )
    title = models.TextField(pgettext_lazy("document", "title"))
    year_from = models.PositiveSmallIntegerField(_("first year"))
    year_to = models.PositiveSmallIntegerField(_("last year"))
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent plan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text=_("The plan of the unit above that this plan implements."),
    )
    legal_basis = models.ManyToManyField(
        Document, verbose_name=_("legal basis"), blank=True, related_name="plans_based_on"
    )
    purpose = models.TextField(_("purpose"), blank=True)
    requirements = models.TextField(_("requirements"), blank=True)
    organisation = models.TextField(_("organisation of implementation"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    issued_document = models.ForeignKey(
        Document,
        verbose_name=_("issued document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="issued_plans",
    )
    reminder_days = models.CharField(
        _("reminder days"),
        max_length=40,
        default="7,0",
        help_text=_("Days before a due date when reminders are sent, separated by commas."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["-year_from", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(year_to__gte=F("year_from")), name="plan_period_order"
            )
        ]

    def __str__(self) -> str:
        label = self.get_kind_display().split(" (")[0]
        if self.number:
            return f"{label} {self.number}"
        return f"{label}: {self.title[:80]}"

    @property
    def starts_on(self) -> dt.date:
        return dt.date(self.year_from, 1, 1)

    @property
    def ends_on(self) -> dt.date:
        return dt.date(self.year_to, 12, 31)

    @property
    def period_label(self) -> str:
        if self.year_from == self.year_to:
            return str(self.year_from)
        return f"{self.year_from}–{self.year_to}"

    @property
    def reminder_days_label(self) -> str:
        """«7 ngày và 0 ngày», as an official reads the setting (stored as «7,0»)."""
        return reminder_days_label(self.reminder_days)

    def reminder_day_list(self) -> list[int]:
        days = set()
        for part in self.reminder_days.split(","):
            part = part.strip()
            if part.isdigit():
                days.add(int(part))
        return sorted(days, reverse=True) or [7, 0]


def reminder_days_label(value: str) -> str:
    """«7,0» → «7 ngày và 0 ngày»; «14,7,0» → «14 ngày, 7 ngày và 0 ngày»."""
    days = [f"{part.strip()} ngày" for part in (value or "").split(",") if part.strip()]
    if len(days) <= 1:
        return "".join(days)
    return ", ".join(days[:-1]) + " và " + days[-1]
