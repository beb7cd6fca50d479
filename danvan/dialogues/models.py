"""Dialogues (đối thoại) between the heads of government bodies and citizens.

A dialogue is a meeting a head of a People's Committee or agency holds with citizens, periodically,
on one theme or when a matter calls for it. Its record lists who took part, what was concluded,
and the follow-up actions (việc cần làm sau đối thoại) that a responsible unit must carry out by a
due date; those are tracked like tasks: status, percent done, a timeline of updates, and an
overdue state DERIVED from the dates (never set by a job).

Basis (checked 11/2026): Quy định 11-QĐi/TW ngày 18/2/2019 của Bộ Chính trị về trách nhiệm của
người đứng đầu cấp ủy trong việc tiếp dân, đối thoại trực tiếp với dân và xử lý những phản ánh,
kiến nghị của dân, sửa đổi bởi Kết luận 215-KL/TW (11/2025: cấp tỉnh và cấp xã); Chỉ thị
35-CT/TW ngày 26/5/2014; Luật Thực hiện dân chủ ở cơ sở 2022 (Luật 10/2022/QH15) for dialogue at
commune level. The exact article of the latter and any later decree were not verified.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Case, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.core import obligations
from danvan.core.obligations import DueDateQuerySetMixin
from danvan.core.scoping import Action, AssigneeRule, ScopedQuerySet
from danvan.orgs.models import OrgUnit

if TYPE_CHECKING:
    from danvan.core.scoping import AnyUser


class DialogueKind(models.TextChoices):
    PERIODIC = "periodic", _("Periodic")
    AD_HOC = "ad_hoc", _("Ad hoc")
    THEMATIC = "thematic", _("Thematic")


class ParticipantKind(models.TextChoices):
    OFFICIAL = "official", _("Official")
    CITIZEN = "citizen", _("Citizen representative")


class FollowUpStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")


def minutes_file_name(instance: Dialogue, filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"dialogues/{timezone.now():%Y/%m}/bien-ban-{instance.pk or 'moi'}.{suffix}"


class DialogueQuerySet(ScopedQuerySet["Dialogue"]):
    pass


class Dialogue(models.Model):
    """One dialogue meeting and its record (biên bản)."""

    scope_path_field = "owner__path"
    scope_unit_field = "owner_id"

    owner = models.ForeignKey(
        OrgUnit, verbose_name=_("owner unit"), on_delete=models.PROTECT, related_name="dialogues"
    )
    held_on = models.DateField(_("held on"), db_index=True)
    place = models.CharField(_("place"), max_length=255)
    topic = models.CharField(pgettext_lazy("dialogue", "topic"), max_length=255)
    chaired_by = models.CharField(
        _("chaired by"),
        max_length=200,
        help_text=_("Name and position of the head who chaired, e.g. Chủ tịch UBND xã."),
    )
    kind = models.CharField(
        pgettext_lazy("dialogue", "kind"),
        max_length=12,
        choices=DialogueKind.choices,
        default=DialogueKind.PERIODIC,
    )
    basis = models.CharField(
        _("basis"),
        max_length=255,
        blank=True,
        help_text=_("The plan or rule under which the dialogue was held, e.g. Quy định 11-QĐi/TW."),
    )
    record = models.TextField(_("record of the proceedings"), blank=True)
    minutes = models.FileField(_("signed minutes"), upload_to=minutes_file_name, blank=True)
    minutes_name = models.CharField(_("minutes file name"), max_length=255, blank=True)
    officials_count = models.PositiveIntegerField(_("number of officials"), default=0)
    citizens_count = models.PositiveIntegerField(_("number of citizens"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = DialogueQuerySet.as_manager()

    class Meta:
        verbose_name = _("dialogue")
        verbose_name_plural = _("dialogues")
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["owner", "held_on"], name="dialogue_owner_date")]

    def __str__(self) -> str:
        return f"{self.held_on:%d/%m/%Y} · {self.topic}"


class ParticipantQuerySet(ScopedQuerySet["Participant"]):
    pass


class Participant(models.Model):
    """Someone who took part: an official, or a representative of the citizens."""

    scope_path_field = "dialogue__owner__path"
    scope_unit_field = "dialogue__owner_id"

    dialogue = models.ForeignKey(
        Dialogue,
        verbose_name=_("dialogue"),
        on_delete=models.CASCADE,
        related_name="participants",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ParticipantKind.choices)
    name = models.CharField(_("name"), max_length=200)
    position = models.CharField(_("position or organisation"), max_length=255, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["dialogue_id", "kind", "id"]

    def __str__(self) -> str:
        return self.name


class ConclusionQuerySet(ScopedQuerySet["Conclusion"]):
    pass


class Conclusion(models.Model):
    """One conclusion of the chair (kết luận) at the end of the dialogue."""

    scope_path_field = "dialogue__owner__path"
    scope_unit_field = "dialogue__owner_id"

    dialogue = models.ForeignKey(
        Dialogue,
        verbose_name=_("dialogue"),
        on_delete=models.CASCADE,
        related_name="conclusions",
    )
    position = models.PositiveSmallIntegerField(_("number"), default=1)
    text = models.TextField(_("conclusion"))

    objects = ConclusionQuerySet.as_manager()

    class Meta:
        verbose_name = _("conclusion")
        verbose_name_plural = _("conclusions")
        ordering = ["dialogue_id", "position", "id"]

    def __str__(self) -> str:
        return f"{self.position}. {self.text[:80]}"


def overdue_q(today: dt.date, prefix: str = "") -> Q:
    """Not done, and the due date has passed (``prefix`` reaches follow-ups from a dialogue)."""
    open_q = ~Q(**{f"{prefix}status": FollowUpStatus.DONE})
    return obligations.overdue_q(f"{prefix}due_on", open_q, today)


class FollowUpQuerySet(DueDateQuerySetMixin, ScopedQuerySet["FollowUpAction"]):
    # Follow-ups of the dialogues in the user's scope, and those its units must carry out: a
    # department or commune named responsible sees them and reports progress, while only the
    # dialogue's owner changes what was asked or moves the due date.
    assignee_rule = AssigneeRule(units=("responsible_unit",))

    def with_overdue(self, today: dt.date | None = None) -> FollowUpQuerySet:
        """Annotate ``overdue`` (bool), derived from the due date and the status."""
        today = today or timezone.localdate()
        return self.annotate(
            overdue=Case(
                When(overdue_q(today), then=Value(True)),
                default=Value(False),
                output_field=models.BooleanField(),
            )
        )

    def open(self) -> FollowUpQuerySet:
        return self.exclude(status=FollowUpStatus.DONE)


class FollowUpAction(models.Model):
    """A follow-up action decided at a dialogue, carried out by a responsible unit.

    ``version`` guards against lost updates: a form or API call sends the version it read and
    the service refuses a stale one.
    """

    scope_path_field = "dialogue__owner__path"
    scope_unit_field = "dialogue__owner_id"

    # Obligation predicates (core.obligations.DueDateQuerySetMixin: .overdue(), .due_soon()).
    due_date_field = "due_on"
    open_q = ~Q(status=FollowUpStatus.DONE)

    dialogue = models.ForeignKey(
        Dialogue,
        verbose_name=_("dialogue"),
        on_delete=models.CASCADE,
        related_name="follow_ups",
    )
    conclusion = models.ForeignKey(
        Conclusion,
        verbose_name=_("conclusion"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="follow_ups",
    )
    title = models.CharField(_("action"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    responsible_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("responsible unit"),
        on_delete=models.PROTECT,
        related_name="dialogue_follow_ups",
    )
    supporting_units = models.ManyToManyField(
        OrgUnit,
        verbose_name=_("supporting units"),
        blank=True,
        related_name="supported_dialogue_follow_ups",
    )
    due_on = models.DateField(_("due on"), db_index=True)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=FollowUpStatus.choices,
        default=FollowUpStatus.NOT_STARTED,
        db_index=True,
    )
    percent = models.PositiveSmallIntegerField(
        _("percent done"), default=0, validators=[MaxValueValidator(100)]
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")
        ordering = ["due_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(percent__lte=100), name="followup_percent_max")
        ]
        indexes = [
            models.Index(fields=["status", "due_on"], name="followup_status_due"),
        ]

    def __str__(self) -> str:
        return self.title

    def is_overdue(self, today: dt.date | None = None) -> bool:
        """Derived: the due date has passed and the action is not done."""
        today = today or timezone.localdate()
        return self.status != FollowUpStatus.DONE and self.due_on < today


class FollowUpUpdateQuerySet(ScopedQuerySet["FollowUpUpdate"]):
    def visible_to(self, user: AnyUser, action: str = Action.VIEW) -> FollowUpUpdateQuerySet:
        """Updates of the follow-ups the user can see (see :meth:`FollowUpQuerySet.visible_to`)."""
        actions = FollowUpAction.objects.visible_to(user, action).values("pk")
        return self.filter(action__in=actions)


class FollowUpUpdate(models.Model):
    """One entry of a follow-up's timeline: who reported what progress, when."""

    scope_path_field = "action__dialogue__owner__path"
    scope_unit_field = "action__dialogue__owner_id"

    action = models.ForeignKey(
        FollowUpAction,
        verbose_name=_("follow-up action"),
        on_delete=models.CASCADE,
        related_name="updates",
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(_("status"), max_length=12, choices=FollowUpStatus.choices)
    percent = models.PositiveSmallIntegerField(_("percent done"), default=0)
    note = models.TextField(_("note"), blank=True)

    objects = FollowUpUpdateQuerySet.as_manager()

    class Meta:
        verbose_name = _("follow-up update")
        verbose_name_plural = _("follow-up updates")
        ordering = ["action_id", "at", "id"]

    def __str__(self) -> str:
        return f"{self.action_id} · {self.get_status_display()} {self.percent}%"
