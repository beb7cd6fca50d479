"""Tasks of a plan, their timeline of updates and evidence files."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, Exists, F, OuterRef, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.core.models import ScopedModel, TimestampedModel, VersionedModel
from danvan.core.obligations import DueDateQuerySetMixin
from danvan.core.scoping import (
    Action,
    AssigneeRule,
    ScopedQuerySet,
    subtree_upper_bound,
)
from danvan.orgs.models import OrgUnit

if TYPE_CHECKING:
    from danvan.core.scoping import AnyUser
from .plans import Plan

#: Vietnamese names of the weekdays, Monday first (ISO weekday 1–7).
WEEKDAY_NAMES = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")


class Recurrence(models.TextChoices):
    NONE = "", _("Once")
    #: Weekly duties exist in law: a commune's chairman receives citizens at least one day a
    #: week (Luật Tiếp công dân 2013, Điều 15). ``recur_day`` is then the weekday, 1 = Monday.
    WEEKLY = "weekly", _("Weekly")
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    SEMIANNUAL = "semiannual", _("Six-monthly")
    YEARLY = "yearly", _("Yearly")


class TaskStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")


class TaskState(models.TextChoices):
    """What people see: the stored status, or overdue when the due date has passed."""

    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    OVERDUE = "overdue", _("Overdue")


class TaskQuerySet(DueDateQuerySetMixin, ScopedQuerySet["Task"]):
    # Tasks of plans in the user's scope, and, to see and report progress only, tasks whose
    # lead or a supporting unit is in it; the plan's owner alone changes the task itself.
    assignee_rule = AssigneeRule(units=("lead_unit", "supporting_units"))

    def with_state(self, today: dt.date | None = None) -> TaskQuerySet:
        """Annotate ``state``: overdue when the due date has passed and the task is not done."""
        day = today or timezone.localdate()
        return self.annotate(
            derived_state=Case(
                When(status=TaskStatus.DONE, then=Value(TaskState.DONE.value)),
                When(due_on__lt=day, then=Value(TaskState.OVERDUE.value)),
                default=F("status"),
                output_field=models.CharField(),
            )
        )

    def leaves(self) -> TaskQuerySet:
        """Tasks without sub-tasks (those that carry progress themselves); an anti-join."""
        return self.filter(~Exists(Task.objects.filter(parent=OuterRef("pk"))))

    def led_under(self, unit: OrgUnit) -> TaskQuerySet:
        """Tasks led by ``unit`` or a unit below it: the units' path range, then the lead index."""
        units = OrgUnit.objects.filter(
            path__gte=unit.path, path__lt=subtree_upper_bound(unit.path)
        ).values("pk")
        return self.filter(lead_unit__in=units)


class Task(ScopedModel, TimestampedModel, VersionedModel):
    """A task of a plan, in a tree; leaves carry progress, parents roll it up by weight."""

    scope_path_field = "plan__owner__path"
    scope_unit_field = "plan__owner_id"
    version_label = "Nhiệm vụ này"

    # Obligation predicates (core.obligations.DueDateQuerySetMixin: .overdue(), .due_soon()).
    due_date_field = "due_on"
    open_q = ~Q(status=TaskStatus.DONE)

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="tasks"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent task"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    title = models.TextField(_("title"))
    description = models.TextField(_("description"), blank=True)
    lead_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("lead unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_tasks",
    )
    supporting_units = models.ManyToManyField(
        OrgUnit, verbose_name=_("supporting units"), blank=True, related_name="supported_tasks"
    )
    due_on = models.DateField(_("due on"), null=True, blank=True, db_index=True)
    recurrence = models.CharField(
        _("recurrence"), max_length=12, choices=Recurrence.choices, default="", blank=True
    )
    recur_day = models.PositiveSmallIntegerField(
        _("day of the recurring deadline"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(31)],
        help_text=_("Day of the month; for a weekly task the weekday (1 = Monday … 7 = Sunday)."),
    )
    recur_month = models.PositiveSmallIntegerField(
        _("month of the recurring deadline"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    weight = models.PositiveSmallIntegerField(_("weight"), default=1)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=TaskStatus.choices,
        default=TaskStatus.NOT_STARTED,
        db_index=True,
    )
    percent = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    evidence = models.TextField(_("evidence"), blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)

    objects = TaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["plan_id", "position", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(percent__lte=100), name="task_percent_max_100")
        ]
        indexes = [
            models.Index(fields=["lead_unit", "status"], name="task_lead_status_idx"),
            # Due-date windows of a subtree (overdue, due soon) probe each unit's tasks by date:
            # without it PostgreSQL intersects the whole country's due_on range once per unit
            # (the national dashboard of Hồ Chí Minh City: 670 ms before, about 110 ms after).
            models.Index(fields=["lead_unit", "due_on"], name="task_lead_due_idx"),
        ]

    def __str__(self) -> str:
        return self.title[:120]

    def state_on(self, today: dt.date | None = None) -> str:
        day = today or timezone.localdate()
        if self.status == TaskStatus.DONE:
            return TaskState.DONE.value
        if self.due_on and self.due_on < day:
            return TaskState.OVERDUE.value
        return str(self.status)

    @property
    def state(self) -> str:
        annotated = self.__dict__.get("derived_state")
        return annotated if annotated else self.state_on()

    @property
    def state_label(self) -> str:
        return str(TaskState(self.state).label)

    @property
    def recurrence_label(self) -> str:
        if not self.recurrence:
            return ""
        label = str(self.get_recurrence_display())
        if self.recurrence == Recurrence.WEEKLY:
            if self.recur_day and 1 <= self.recur_day <= 7:
                return f"{label}, vào {WEEKDAY_NAMES[self.recur_day - 1]}"
            return label
        if self.recur_day and self.recur_month and self.recurrence == Recurrence.YEARLY:
            return f"{label}, trước {self.recur_day}/{self.recur_month}"
        if self.recur_day:
            return f"{label}, trước ngày {self.recur_day}"
        return label


class TaskUpdateQuerySet(ScopedQuerySet["TaskUpdate"]):
    def visible_to(self, user: AnyUser, action: str = Action.VIEW) -> TaskUpdateQuerySet:
        tasks = Task.objects.visible_to(user, action).values("pk")
        return self.filter(task_id__in=tasks)


class TaskUpdate(ScopedModel, TimestampedModel):
    """One entry of a task's timeline: who changed what, when, and the evidence given."""

    scope_path_field = "task__plan__owner__path"
    scope_unit_field = "task__plan__owner_id"

    task = models.ForeignKey(
        Task, verbose_name=_("task"), on_delete=models.CASCADE, related_name="updates"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("on behalf of unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Not auto_now_add: an entry imported or backfilled keeps the date it was reported on
    # (auto_now_add would overwrite it with the time of the import). Indexed because the
    # timeline is read newest first.
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)
    status_before = models.CharField(
        _("status before"), max_length=12, choices=TaskStatus.choices, blank=True
    )
    status_after = models.CharField(_("status after"), max_length=12, choices=TaskStatus.choices)
    percent_before = models.PositiveSmallIntegerField(_("progress before (%)"), default=0)
    percent_after = models.PositiveSmallIntegerField(_("progress after (%)"), default=0)
    note = models.TextField(_("note"), blank=True)
    evidence = models.TextField(_("evidence"), blank=True)

    objects = TaskUpdateQuerySet.as_manager()

    class Meta:
        verbose_name = _("task update")
        verbose_name_plural = _("task updates")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.task_id}: {self.status_after} {self.percent_after}%"


def attachment_file_name(instance: TaskAttachment, filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    digest = instance.sha256 or "unknown"
    return f"plans/evidence/{digest[:2]}/{digest}.{suffix}"


class TaskAttachmentQuerySet(ScopedQuerySet["TaskAttachment"]):
    def visible_to(self, user: AnyUser, action: str = Action.VIEW) -> TaskAttachmentQuerySet:
        tasks = Task.objects.visible_to(user, action).values("pk")
        return self.filter(task_id__in=tasks)


class TaskAttachment(ScopedModel, TimestampedModel):
    """A file given as evidence of a task's progress (minutes, photos, reports)."""

    scope_path_field = "task__plan__owner__path"
    scope_unit_field = "task__plan__owner_id"

    task = models.ForeignKey(
        Task, verbose_name=_("task"), on_delete=models.CASCADE, related_name="attachments"
    )
    update = models.ForeignKey(
        TaskUpdate,
        verbose_name=_("task update"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="attachments",
    )
    file = models.FileField(_("file"), upload_to=attachment_file_name)
    original_name = models.CharField(_("original file name"), max_length=255)
    size = models.PositiveIntegerField(_("size in bytes"), default=0)
    sha256 = models.CharField(_("SHA-256"), max_length=64, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = TaskAttachmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.original_name
