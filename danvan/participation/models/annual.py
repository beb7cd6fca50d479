"""The commune's yearly duties to the people that are records of their own.

- The year-end meeting of the community (hội nghị nhân dân cuối năm; Luật 10/2022/QH15, Điều
  33), held in each village or for the commune: date, where, minutes. It meets the obligation
  ``participation.year_end_meeting`` of its year.
The dialogue of Điều 32 lives in ``dialogues``, the satisfaction channel of Điều 35 in
``surveys``; :mod:`danvan.participation.obligations` reads both.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.core.models import ScopedModel, TimestampedModel
from danvan.core.scoping import ScopedQuerySet
from danvan.orgs.models import OrgUnit


class YearEndMeetingQuerySet(ScopedQuerySet["YearEndMeeting"]):
    pass


class YearEndMeeting(ScopedModel, TimestampedModel):
    scope_path_field = "owner__path"
    scope_unit_field = "owner_id"

    owner = models.ForeignKey(
        OrgUnit,
        verbose_name=_("commune"),
        on_delete=models.PROTECT,
        related_name="year_end_meetings",
    )
    village = models.ForeignKey(
        OrgUnit,
        verbose_name=_("village or residential group"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Empty: a meeting of the whole commune."),
    )
    held_on = models.DateField(pgettext_lazy("year-end meeting", "held on"))
    minutes = models.TextField(_("minutes"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects: ClassVar[Any] = YearEndMeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("year-end community meeting")
        verbose_name_plural = _("year-end community meetings")
        ordering = ["-held_on", "id"]

    def __str__(self) -> str:
        return f"{self.held_on:%d/%m/%Y}"
