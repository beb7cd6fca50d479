"""Submissions (báo cáo của đơn vị) and the values they carry, consolidated up the org tree.

Each value row carries its unit's materialised path, the form, the period and whether the
submission is approved, so "the sum for this subtree" is one range scan on one index.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.core.models import ScopedModel, TimestampedModel, VersionedModel
from danvan.core.obligations import DueDateQuerySetMixin
from danvan.core.periods import period_label
from danvan.core.scoping import Action, AddressedTo, ScopedQuerySet, scope_roots
from danvan.orgs.models import OrgUnit

if TYPE_CHECKING:
    from danvan.core.scoping import AnyUser

from .forms import DataElement, FormSection, ReportForm


class SubmissionStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("report", "Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for correction")
    APPROVED = "approved", _("Approved")


# The form's recipient (e.g. Sở Nội vụ for the province's reports) reads and reviews every
# submission addressed to it, from units that are not below it in the tree; it does not fill
# them in, and it sees no other form's submissions of those units.
_TO_RECIPIENT = frozenset({Action.VIEW, "approve"})


class SubmissionQuerySet(DueDateQuerySetMixin, ScopedQuerySet["Submission"]):
    def sent(self) -> SubmissionQuerySet:
        return self.filter(first_submitted_at__isnull=False)

    def reviewable_by(self, user: AnyUser) -> SubmissionQuerySet:
        """Submissions ``user`` may approve or return: those addressed to a unit where the user
        holds ``reporting.approve_submission`` (the test of ``services.can_review``)."""
        from danvan.core.scoping import path_q

        roots = scope_roots(user, "reporting.approve_submission")
        if roots is None:
            return self.all()
        return self.filter(path_q("form__recipient__path", "form__recipient_id", roots))


class Submission(ScopedModel, TimestampedModel, VersionedModel):
    """One unit's report for one form and one period (status, version, dates)."""

    scope_path_field = "unit__path"
    scope_unit_field = "unit_id"
    version_label = "Báo cáo"
    scope_addressed_to = (
        AddressedTo("form__recipient__path", "form__recipient_id", _TO_RECIPIENT),
    )

    # Obligation predicates (core.obligations.DueDateQuerySetMixin: .overdue(), .due_soon()).
    due_date_field = "due_on"
    open_q = Q(first_submitted_at__isnull=True)

    form = models.ForeignKey(
        ReportForm, verbose_name=_("form"), on_delete=models.PROTECT, related_name="submissions"
    )
    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("reporting unit"), on_delete=models.PROTECT, related_name="+"
    )
    period = models.CharField(_("period"), max_length=16, help_text=_("E.g. 2026-03, 2026-Q1."))
    period_start = models.DateField(_("data from"))
    period_end = models.DateField(_("data until"))
    due_on = models.DateField(pgettext_lazy("report", "due on"))
    status = models.CharField(
        _("status"), max_length=12, choices=SubmissionStatus.choices, default=SubmissionStatus.DRAFT
    )
    first_submitted_at = models.DateTimeField(_("first submitted at"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("submitted by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reviewed by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    review_comment = models.TextField(_("review comment"), blank=True)
    unlock_reason = models.TextField(_("reason for the last unlock"), blank=True)

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["-period_end", "unit_id"]
        permissions = [
            ("approve_submission", _("Can approve or return a submission")),
            ("unlock_submission", _("Can unlock an approved submission")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["form", "unit", "period"], name="reporting_submission_once"
            )
        ]
        indexes = [models.Index(fields=["form", "period"], name="reporting_sub_form_period")]

    def __str__(self) -> str:
        return f"{self.form} — {self.unit} — {period_label(self.period)}"

    @property
    def locked(self) -> bool:
        return self.status == SubmissionStatus.APPROVED

    @property
    def editable(self) -> bool:
        return self.status in {SubmissionStatus.DRAFT, SubmissionStatus.RETURNED}

    @property
    def on_time(self) -> bool | None:
        """Whether the first submission came by the due date (None while never submitted)."""
        if self.first_submitted_at is None:
            return None
        return timezone.localtime(self.first_submitted_at).date() <= self.due_on

    @property
    def overdue(self) -> bool:
        return self.first_submitted_at is None and timezone.localdate() > self.due_on


class DataValueQuerySet(ScopedQuerySet["DataValue"]):
    pass


class DataValue(ScopedModel):
    """One figure of one submission.

    The unit's path, the form, the period and the approval flag are copied from the submission
    so that consolidating a subtree is a single range scan on ``reporting_value_subtree`` (form,
    period, path, element), limited to approved rows; on PostgreSQL the index also covers the
    value, so a consolidation never reads the table. Whole provinces and the whole country read
    :class:`ProvinceTotal` instead.
    """

    scope_path_field = "path"
    scope_unit_field = "unit_id"
    scope_addressed_to = (
        AddressedTo("form__recipient__path", "form__recipient_id", _TO_RECIPIENT),
    )

    submission = models.ForeignKey(
        Submission, verbose_name=_("submission"), on_delete=models.CASCADE, related_name="values"
    )
    element = models.ForeignKey(
        DataElement, verbose_name=_("data element"), on_delete=models.PROTECT, related_name="+"
    )
    value = models.DecimalField(_("value"), max_digits=18, decimal_places=4, null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    form = models.ForeignKey(
        ReportForm, verbose_name=_("form"), on_delete=models.PROTECT, related_name="+",
        db_index=False,
    )  # fmt: skip
    period = models.CharField(_("period"), max_length=16)
    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("reporting unit"), on_delete=models.PROTECT, related_name="+",
        db_index=False,
    )  # fmt: skip
    path = models.CharField(_("path"), max_length=255)
    approved = models.BooleanField(_("approved"), default=False)

    objects = DataValueQuerySet.as_manager()

    class Meta:
        verbose_name = _("data value")
        verbose_name_plural = _("data values")
        ordering = ["submission_id", "element_id"]
        constraints = [
            models.UniqueConstraint(fields=["submission", "element"], name="reporting_value_once")
        ]
        indexes = [
            # Path before element: a subtree is one contiguous range of the index whatever the
            # number of elements (migration 0005; on PostgreSQL it also INCLUDEs the value).
            models.Index(
                fields=["form", "period", "path", "element"],
                condition=Q(approved=True),
                name="reporting_value_subtree",
            )
        ]

    def __str__(self) -> str:
        return f"{self.element_id}={self.value}"

    @classmethod
    def of(
        cls, submission: Submission, element_id: int, value: Any, comment: str = ""
    ) -> DataValue:
        """A value of ``submission``, its copied columns (form, period, unit, path, approved)
        taken from the submission and its unit: the one place a bulk load builds them (the demo,
        ``danvan generate``; the generator's ``INSERT … SELECT`` on PostgreSQL copies the same
        columns on the server). ``submission.unit`` is read: select it with the submission."""
        return cls(
            submission_id=submission.pk,
            element_id=element_id,
            value=value,
            comment=comment,
            form_id=submission.form_id,
            period=submission.period,
            unit_id=submission.unit_id,
            path=submission.unit.path,
            approved=submission.status == SubmissionStatus.APPROVED,
        )


class ProvinceTotalQuerySet(ScopedQuerySet["ProvinceTotal"]):
    pass


class ProvinceTotal(ScopedModel):
    """Approved values of one form, period and element summed per top-level unit (province).

    Derived data kept in step with :class:`DataValue` in the same transaction as every
    approval and unlock (:func:`danvan.reporting.rollup.refresh`), so consolidation stays real
    time: the whole country reads 34 rows per element instead of every unit's value, and a
    province reads its own row. Count, sum, minimum and maximum combine exactly across rows
    (the average is sum ÷ count). ``prefix`` is the province's path (first path segment).
    """

    scope_path_field = "prefix"
    scope_unit_field = "unit_id"

    form = models.ForeignKey(
        ReportForm, verbose_name=_("form"), on_delete=models.CASCADE, related_name="+",
        db_index=False,
    )  # fmt: skip
    period = models.CharField(_("period"), max_length=16)
    element = models.ForeignKey(
        DataElement, verbose_name=_("data element"), on_delete=models.CASCADE,
        related_name="province_totals",
    )  # fmt: skip
    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("province"), on_delete=models.PROTECT, related_name="+",
        db_index=False,
    )  # fmt: skip
    prefix = models.CharField(_("province path"), max_length=255)
    n = models.PositiveIntegerField(_("values reported"), default=0)
    total = models.DecimalField(_("sum"), max_digits=30, decimal_places=4, null=True)
    low = models.DecimalField(_("minimum"), max_digits=18, decimal_places=4, null=True)
    high = models.DecimalField(_("maximum"), max_digits=18, decimal_places=4, null=True)

    objects = ProvinceTotalQuerySet.as_manager()

    class Meta:
        verbose_name = _("province total")
        verbose_name_plural = _("province totals")
        ordering = ["form_id", "period", "element_id", "prefix"]
        constraints = [
            models.UniqueConstraint(
                # element before prefix: the country reads each element's 34 rows in one range
                fields=["form", "period", "element", "prefix"],
                name="reporting_province_totals",
            )
        ]

    def __str__(self) -> str:
        return f"{self.prefix}/{self.element_id}={self.total}"


class NarrativeQuerySet(ScopedQuerySet["NarrativeText"]):
    pass


class NarrativeText(ScopedModel):
    """The text one unit wrote for one narrative section of its submission."""

    scope_path_field = "submission__unit__path"
    scope_unit_field = "submission__unit_id"
    scope_addressed_to = (
        AddressedTo(
            "submission__form__recipient__path", "submission__form__recipient_id", _TO_RECIPIENT
        ),
    )

    submission = models.ForeignKey(
        Submission, verbose_name=_("submission"), on_delete=models.CASCADE,
        related_name="narratives",
    )  # fmt: skip
    section = models.ForeignKey(
        FormSection, verbose_name=_("section"), on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(_("text"), blank=True)

    objects = NarrativeQuerySet.as_manager()

    class Meta:
        verbose_name = _("narrative text")
        verbose_name_plural = _("narrative texts")
        ordering = ["submission_id", "section__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "section"], name="reporting_narrative_once"
            )
        ]

    def __str__(self) -> str:
        return self.text[:60]
