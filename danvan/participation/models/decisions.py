"""What the people decide (Nhân dân bàn và quyết định; Luật 10/2022/QH15 Điều 15–24).

A village decides one of the six matters of Điều 15 by a meeting, a household ballot or, for
matter 6 only (Điều 17), an online vote once more than half of its households opted in
(Nghị định 59/2023/NĐ-CP Điều 5). The threshold (Điều 21) is counted on ALL households of the
village, not on those present: the tally is derived (:meth:`PeopleDecision.tally`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.core.models import ScopedModel, TimestampedModel, VersionedModel
from danvan.core.scoping import ScopedQuerySet
from danvan.orgs.models import OrgUnit

from .rules import DecisionMatter, Threshold


class DecisionMethod(models.TextChoices):
    MEETING = "meeting", _("Village meeting")
    BALLOT = "ballot", _("Household ballot")
    ONLINE = "online", _("Online vote")


@dataclass(frozen=True)
class Tally:
    passed: bool
    needed: int  # households voting for that the threshold requires
    rule: str  # the rule applied, in Vietnamese, with its article


def needed_votes(threshold: str, households: int) -> int:
    """The smallest number of households for that passes (integers only, no rounding error)."""
    if threshold == Threshold.TWO_THIRDS:
        return -(-2 * households // 3)  # ceil(2n/3): "ít nhất hai phần ba"
    return households // 2 + 1  # "trên một nửa"


class PeopleDecisionQuerySet(ScopedQuerySet["PeopleDecision"]):
    pass


class PeopleDecision(ScopedModel, TimestampedModel, VersionedModel):
    """A decision of a village's households on one matter, with its record and tally."""

    version_label = "Kết quả biểu quyết"
    scope_path_field = "village__path"
    scope_unit_field = "village_id"

    village = models.ForeignKey(
        OrgUnit,
        verbose_name=_("village or residential group"),
        on_delete=models.PROTECT,
        related_name="people_decisions",
    )
    matter = models.ForeignKey(
        DecisionMatter, verbose_name=_("matter"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(pgettext_lazy("decision", "title"), max_length=300)
    method = models.CharField(_("method"), max_length=10, choices=DecisionMethod.choices)
    noticed_on = models.DateField(_("notice given on"))
    held_on = models.DateField(_("held on"))
    households_total = models.PositiveIntegerField(_("households in the village"))
    households_opted_in = models.PositiveIntegerField(
        _("households registered for online voting"), default=0
    )
    ballots = models.PositiveIntegerField(_("households voting"))
    votes_for = models.PositiveIntegerField(_("households in favour"))
    votes_against = models.PositiveIntegerField(_("households against"), default=0)
    chaired_by = models.CharField(_("chaired by"), max_length=200, blank=True)
    record = models.TextField(_("record of the proceedings"), blank=True)
    initiative = models.BooleanField(
        _("citizen initiative"),
        default=False,
        help_text=_("Proposed by households (at least 10% of them, Article 16)."),
    )
    initiative_households = models.PositiveIntegerField(_("households proposing"), default=0)
    recognised_on = models.DateField(_("recognised by the commune on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects: ClassVar[Any] = PeopleDecisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("people's decision")
        verbose_name_plural = _("people's decisions")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return self.title

    def tally(self) -> Tally:
        threshold = self.matter.threshold
        needed = needed_votes(threshold, self.households_total)
        share = "ít nhất hai phần ba" if threshold == Threshold.TWO_THIRDS else "trên một nửa"
        rule = (
            f"Cần {share} tổng số hộ gia đình của thôn, tổ dân phố tán thành "
            f"({needed}/{self.households_total} hộ) – Điều 21 Luật Thực hiện dân chủ ở cơ sở"
        )
        return Tally(self.votes_for >= needed, needed, rule)

    def recognition_due(self) -> dt.date:
        from danvan.deadlines.calendar import add_working_days

        from .rules import rule_value

        return add_working_days(self.held_on, rule_value("decision.recognise_working_days"))
