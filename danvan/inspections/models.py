"""Inspection and supervision of dân vận chính quyền (kiểm tra, giám sát việc thực hiện công
tác dân vận chính quyền): yearly plans, rounds with their team, findings with a responsible
unit and a deadline, the unit's reports on what it fixed, and follow-up until closed.

Basis: Quy chế công tác dân vận của hệ thống chính trị (Quyết định 23-QĐ/TW ngày 30/7/2021 của
Ban Chấp hành Trung ương) on checking the implementation of dân vận work; the conclusion
(kết luận kiểm tra) is drafted per Nghị định 30/2020/NĐ-CP. Article numbers not verified.
Overdue is derived from the dates (due date passed and not closed), never set by a job.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.core.models import ScopedModel, TimestampedModel, VersionedModel
from danvan.core.obligations import DueDateQuerySetMixin
from danvan.core.scoping import Action, AssigneeRule, ScopedQuerySet
from danvan.orgs.models import OrgUnit

if TYPE_CHECKING:
    from danvan.core.scoping import AnyUser


class InspectionPlan(ScopedModel, TimestampedModel, VersionedModel):
    """The yearly inspection plan of a unit (kế hoạch kiểm tra, giám sát năm)."""

    version_label = "Kế hoạch kiểm tra"
    scope_path_field = "owner__path"
    scope_unit_field = "owner_id"

    owner = models.ForeignKey(
        OrgUnit, verbose_name=_("owner unit"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=300)
    basis = models.CharField(_("basis"), max_length=300, blank=True)

    objects: ClassVar[Any] = ScopedQuerySet.as_manager()  # as ScopedModel declares

    class Meta:
        verbose_name = _("inspection plan")
        verbose_name_plural = _("inspection plans")
        ordering = ["-year", "-id"]

    def __str__(self) -> str:
        return str(self.title)


class InspectionRound(ScopedModel, TimestampedModel, VersionedModel):
    """One inspection (đợt kiểm tra): the units inspected, the team, dates, notice, conclusion."""

    version_label = "Đợt kiểm tra"
    scope_path_field = "plan__owner__path"
    scope_unit_field = "plan__owner_id"

    plan = models.ForeignKey(
        InspectionPlan, verbose_name=_("inspection plan"), on_delete=models.CASCADE,
        related_name="rounds",
    )  # fmt: skip
    title = models.CharField(_("title"), max_length=300)
    units = models.ManyToManyField(OrgUnit, verbose_name=_("units inspected"), related_name="+")
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    notice_sent_on = models.DateField(_("notice sent to the units on"), null=True, blank=True)
    conclusion = models.TextField(_("conclusion"), blank=True)
    concluded_on = models.DateField(_("concluded on"), null=True, blank=True)

    objects: ClassVar[Any] = ScopedQuerySet.as_manager()  # as ScopedModel declares

    class Meta:
        verbose_name = _("inspection round")
        verbose_name_plural = _("inspection rounds")
        ordering = ["-starts_on", "-id"]

    def __str__(self) -> str:
        return str(self.title)


class TeamMember(ScopedModel):
    """A member of the inspection team, drawn from one of several bodies."""

    scope_path_field = "round__plan__owner__path"
    scope_unit_field = "round__plan__owner_id"

    round = models.ForeignKey(
        InspectionRound, verbose_name=_("inspection round"), on_delete=models.CASCADE,
        related_name="team",
    )  # fmt: skip
    name = models.CharField(_("name"), max_length=200)
    body = models.CharField(_("body"), max_length=200)
    role = models.CharField(_("role in the team"), max_length=100, blank=True)

    objects: ClassVar[Any] = ScopedQuerySet.as_manager()  # as ScopedModel declares

    class Meta:
        verbose_name = _("team member")
        verbose_name_plural = _("team members")
        ordering = ["round_id", "id"]

    def __str__(self) -> str:
        return str(self.name)


class FindingStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ANSWERED = "answered", _("Answered by the unit")
    CLOSED = "closed", _("Closed")


class FindingQuerySet(DueDateQuerySetMixin, ScopedQuerySet["Finding"]):
    # The responsible unit sees the findings addressed to it and reports what it fixed; only
    # the inspecting unit changes the finding or closes it.
    assignee_rule = AssigneeRule(units=("responsible_unit",))

    def open(self) -> FindingQuerySet:
        return self.exclude(status=FindingStatus.CLOSED)


class Finding(ScopedModel, TimestampedModel, VersionedModel):
    """A finding and recommendation (kết quả, kiến nghị) a responsible unit must act on."""

    version_label = "Kiến nghị"
    scope_path_field = "round__plan__owner__path"
    scope_unit_field = "round__plan__owner_id"
    due_date_field = "due_on"

    round = models.ForeignKey(
        InspectionRound, verbose_name=_("inspection round"), on_delete=models.CASCADE,
        related_name="findings",
    )  # fmt: skip
    finding = models.TextField(_("finding"))
    recommendation = models.TextField(_("recommendation"))
    responsible_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("responsible unit"), on_delete=models.PROTECT,
        related_name="inspection_findings",
    )  # fmt: skip
    due_on = models.DateField(_("due on"), db_index=True)
    status = models.CharField(
        _("status"), max_length=10, choices=FindingStatus.choices, default=FindingStatus.OPEN,
        db_index=True,
    )  # fmt: skip
    closed_on = models.DateField(_("closed on"), null=True, blank=True)

    objects: ClassVar[Any] = FindingQuerySet.as_manager()  # as ScopedModel declares

    class Meta:
        verbose_name = _("inspection finding")
        verbose_name_plural = _("inspection findings")
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.recommendation[:80]

    #: What "still owed" means for the obligation predicates (core.obligations).
    open_q = ~Q(status=FindingStatus.CLOSED)

    def is_overdue(self, today: dt.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.status != FindingStatus.CLOSED and self.due_on < today


class FindingReportQuerySet(ScopedQuerySet["FindingReport"]):
    def visible_to(self, user: AnyUser, action: str = Action.VIEW) -> FindingReportQuerySet:
        """Reports on the findings the user can see (the responsible unit's included)."""
        findings = Finding.objects.visible_to(user, action).values("pk")
        return self.filter(finding__in=findings)


class FindingReport(ScopedModel, TimestampedModel):
    """The responsible unit's report on what it fixed, or the inspector's follow-up note."""

    scope_path_field = "finding__round__plan__owner__path"
    scope_unit_field = "finding__round__plan__owner_id"

    finding = models.ForeignKey(
        Finding, verbose_name=_("inspection finding"), on_delete=models.CASCADE,
        related_name="reports",
    )  # fmt: skip
    at = models.DateTimeField(_("at"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    text = models.TextField(_("report"))
    closes = models.BooleanField(_("closes the finding"), default=False)

    objects: ClassVar[Any] = FindingReportQuerySet.as_manager()  # as ScopedModel declares

    class Meta:
        verbose_name = _("finding report")
        verbose_name_plural = _("finding reports")
        ordering = ["finding_id", "at", "id"]

    def __str__(self) -> str:
        return f"{self.finding_id} · {self.at:%d/%m/%Y}"
