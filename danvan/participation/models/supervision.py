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
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.core.models import ScopedModel, TimestampedModel, VersionedModel
from danvan.core.obligations import DueDateQuerySetMixin
from danvan.core.scoping import AssigneeRule, ScopedQuerySet
from danvan.orgs.models import OrgUnit


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


class RecommendationQuerySet(DueDateQuerySetMixin, ScopedQuerySet["SupervisionRecommendation"]):
    # The unit that must answer sees the recommendation and answers it (report); only the Front
    # that made it changes its text or due date.
    assignee_rule = AssigneeRule(units=("answering_unit",))

    def answered_on_time(self) -> SupervisionRecommendationQuerySet:
        return self.filter(answered_on__isnull=False, answered_on__lte=models.F("due_on"))


SupervisionRecommendationQuerySet = RecommendationQuerySet


class SupervisionRecommendation(ScopedModel, TimestampedModel, VersionedModel):
    """A recommendation (kiến nghị) after supervision, which a unit must answer by a date."""

    version_label = "Kiến nghị"
    scope_path_field = "supervision_round__owner__path"
    scope_unit_field = "supervision_round__owner_id"
    due_date_field = "due_on"

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
    due_on = models.DateField(_("answer due on"), db_index=True)
    state = models.CharField(
        _("state"),
        max_length=14,
        choices=RecommendationState.choices,
        default=RecommendationState.NOT_ANSWERED,
    )
    answer = models.TextField(_("answer"), blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects: ClassVar[Any] = RecommendationQuerySet.as_manager()

    class Meta:
        verbose_name = _("supervision recommendation")
        verbose_name_plural = _("supervision recommendations")
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.text[:80]

    #: What "still owed" means for the obligation predicates (core.obligations).
    open_q = Q(answered_on__isnull=True)

    def is_overdue(self, today: dt.date | None = None) -> bool:
        return self.answered_on is None and self.due_on < (today or timezone.localdate())
