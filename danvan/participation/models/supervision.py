"""Supervision by the Fatherland Front (giám sát của Mặt trận Tổ quốc Việt Nam; Luật MTTQ 2015 as
amended by Luật 97/2025/QH15, Nghị quyết liên tịch 403/2017/NQLT-UBTVQH14-CP-ĐCTUBTWMTTQVN).

A supervision round (topic, unit supervised, dates; the supervised body reports at least 7 days
before) ends with recommendations, each to a unit that must answer by a due date. The law sets
no period: ``recommendation.answer_days`` (15 days by default, like the people's boards, per
province in :class:`LegalRule`). States come from what was recorded; overdue is derived.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.core.models import ScopedModel, TimestampedModel, VersionedModel
from danvan.core.scoping import AssigneeRule, ScopedQuerySet
from danvan.orgs.models import OrgUnit

from .answers import AnswerDue, AnswerDueQuerySetMixin


class SupervisionRoundQuerySet(ScopedQuerySet["SupervisionRound"]):
    pass


class SupervisionRound(ScopedModel, TimestampedModel):
    """A supervision round (đợt giám sát) of the Front on one topic at one unit."""

    scope_path_field = "owner__path"
    scope_unit_field = "owner_id"

    owner = models.ForeignKey(
        OrgUnit,
        verbose_name=_("supervising unit"),
        on_delete=models.PROTECT,
        related_name="supervision_rounds",
    )
    supervised_unit = models.ForeignKey(
        OrgUnit, verbose_name=_("unit supervised"), on_delete=models.PROTECT, related_name="+"
    )
    topic = models.CharField(pgettext_lazy("supervision", "topic"), max_length=300)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    report_received_on = models.DateField(
        _("report of the supervised unit received on"), null=True, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects: ClassVar[Any] = SupervisionRoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("supervision round")
        verbose_name_plural = _("supervision rounds")
        ordering = ["-starts_on", "-id"]

    def __str__(self) -> str:
        return self.topic

    def report_due(self) -> dt.date:
        """The supervised body sends its report at least 7 days before the round."""
        return self.starts_on - dt.timedelta(days=7)


class RecommendationState(models.TextChoices):
    NOT_ANSWERED = "not_answered", _("Not answered")
    ANSWERED = "answered", pgettext_lazy("recommendation", "Answered")
    IN_PROGRESS = "in_progress", _("Being implemented")
    DONE = "done", pgettext_lazy("recommendation", "Done")


class RecommendationQuerySet(AnswerDueQuerySetMixin, ScopedQuerySet["SupervisionRecommendation"]):
    # The unit that must answer sees the recommendation and answers it (report); only the Front
    # that made it changes its text or due date.
    assignee_rule = AssigneeRule(units=("answering_unit",))


SupervisionRecommendationQuerySet = RecommendationQuerySet


class SupervisionRecommendation(ScopedModel, TimestampedModel, VersionedModel, AnswerDue):
    """A recommendation (kiến nghị) after supervision, which a unit must answer by a date."""

    version_label = "Kiến nghị"
    scope_path_field = "supervision_round__owner__path"
    scope_unit_field = "supervision_round__owner_id"

    supervision_round = models.ForeignKey(
        SupervisionRound,
        verbose_name=_("supervision round"),
        on_delete=models.CASCADE,
        related_name="recommendations",
    )
    text = models.TextField(_("recommendation"))
    answering_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("unit that must answer"),
        on_delete=models.PROTECT,
        related_name="front_recommendations",
    )
    made_on = models.DateField(_("made on"))
    state = models.CharField(
        _("state"),
        max_length=14,
        choices=RecommendationState.choices,
        default=RecommendationState.NOT_ANSWERED,
    )

    objects: ClassVar[Any] = RecommendationQuerySet.as_manager()

    class Meta:
        verbose_name = _("supervision recommendation")
        verbose_name_plural = _("supervision recommendations")
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class CritiqueAcceptance(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted in full")
    PARTLY = "partly", _("Accepted in part")
    NOT_ACCEPTED = "not_accepted", pgettext_lazy("critique", "Not accepted")


class SocialCritiqueQuerySet(AnswerDueQuerySetMixin, ScopedQuerySet["SocialCritique"]):
    # The unit whose draft was critiqued sees the critique and answers it (report); only the
    # Front that wrote it changes its text or dates.
    assignee_rule = AssigneeRule(units=("drafting_unit",))


class SocialCritique(ScopedModel, TimestampedModel, VersionedModel, AnswerDue):
    """The Front's social critique (phản biện xã hội) of a draft of a unit.

    Luật Mặt trận Tổ quốc Việt Nam 2015 as amended by Luật 97/2025/QH15 (Điều 32–34 define it):
    the drafting body sends the draft at least ``critique.min_days_before_submission`` (15) days
    before it submits it for decision (Điều 36 khoản 1), and answers the critique in writing,
    explaining what it does not accept (Điều 36 khoản 3; Điều 35 khoản 5) — by
    ``critique.answer_days`` after the critique was sent (the law fixes no period; 15 by
    default, per province in :class:`LegalRule`). A draft received later than the 15 days is
    recorded (the Front critiques what it was given) and flagged; see :meth:`received_in_time`.
    """

    version_label = "Phản biện xã hội"
    scope_path_field = "owner__path"
    scope_unit_field = "owner_id"

    owner = models.ForeignKey(
        OrgUnit,
        verbose_name=_("Front committee that critiques"),
        on_delete=models.PROTECT,
        related_name="social_critiques",
    )
    drafting_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("unit whose draft is critiqued"),
        on_delete=models.PROTECT,
        related_name="critiqued_drafts",
    )
    draft_title = models.CharField(_("draft"), max_length=300)
    draft_received_on = models.DateField(_("draft received on"))
    submission_on = models.DateField(
        _("to be submitted on"), help_text=_("When the drafting unit submits it for decision.")
    )
    min_days_before = models.PositiveSmallIntegerField(
        _("days the draft must be received before submission")
    )
    text = models.TextField(_("critique"))
    sent_on = models.DateField(_("critique sent on"))
    acceptance = models.CharField(
        _("acceptance"), max_length=14, choices=CritiqueAcceptance.choices, blank=True
    )
    reasons_not_accepted = models.TextField(_("reasons for what is not accepted"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects: ClassVar[Any] = SocialCritiqueQuerySet.as_manager()

    class Meta:
        verbose_name = _("social critique")
        verbose_name_plural = _("social critiques")
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.draft_title[:80]

    def days_before_submission(self) -> int:
        return (self.submission_on - self.draft_received_on).days

    def received_in_time(self) -> bool:
        """The draft reached the Front at least the rule's days before submission."""
        return self.days_before_submission() >= self.min_days_before
