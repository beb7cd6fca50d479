"""Training of officials in dân vận work (tập huấn, bồi dưỡng) and its coverage.

Who must be trained is data per province (:class:`CitizenFacingPosition`): the positions that
deal with citizens (tiếp công dân, một cửa, địa chính, tư pháp – hộ tịch …), matched against the
official's recorded position. Coverage «100% of officials in citizen-facing positions trained in
the year» is computed when read, never stored. Basis: each province's plan; the default list is
checked against the commune civil-servant titles of Nghị định 33/2023/NĐ-CP (10/6/2023; read in
published copies, not the gazette) and says per row what it rests on (training migration 0003).
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from danvan.core.models import ScopedModel, TimestampedModel, VersionedModel
from danvan.core.scoping import ScopedQuerySet
from danvan.orgs.models import OrgUnit


class CitizenFacingPosition(ScopedModel, TimestampedModel):
    """A position whose holders deal with citizens and must be trained every year."""

    scope_path_field = "province__path"
    scope_unit_field = "province_id"

    # Empty: the default list, applied by every province that has not set its own.
    province = models.ForeignKey(
        OrgUnit, verbose_name=_("province"), on_delete=models.PROTECT, related_name="+",
        null=True, blank=True,
    )  # fmt: skip
    name = models.CharField(
        _("position title"),
        max_length=150,
        help_text=_("As written in the officials' records, e.g. Công chức Tư pháp – Hộ tịch."),
    )
    basis = models.CharField(_("basis"), max_length=300)
    active = models.BooleanField(_("in force"), default=True)

    objects: ClassVar[Any] = ScopedQuerySet.as_manager()  # as ScopedModel declares

    class Meta:
        verbose_name = _("citizen-facing position")
        verbose_name_plural = _("citizen-facing positions")
        ordering = ["province_id", "name"]
        constraints = [
            models.UniqueConstraint(fields=["province", "name"], name="training_position_unique")
        ]

    def __str__(self) -> str:
        return str(self.name)


class TrainingClass(ScopedModel, TimestampedModel, VersionedModel):
    """A training class (lớp tập huấn, bồi dưỡng) organised by a unit."""

    version_label = "Lớp tập huấn"
    scope_path_field = "organiser__path"
    scope_unit_field = "organiser_id"

    organiser = models.ForeignKey(
        OrgUnit, verbose_name=_("organiser"), on_delete=models.PROTECT, related_name="trainings"
    )
    topic = models.CharField(_("training topic"), max_length=300)
    starts_on = models.DateField(_("from"), db_index=True)
    ends_on = models.DateField(_("to"))
    place = models.CharField(_("place"), max_length=255)
    trainers = models.TextField(_("trainers"), blank=True, help_text=_("One a line."))
    materials = models.TextField(_("materials"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects: ClassVar[Any] = ScopedQuerySet.as_manager()  # as ScopedModel declares

    class Meta:
        verbose_name = _("training class")
        verbose_name_plural = _("training classes")
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="training_dates_order"
            )
        ]

    def __str__(self) -> str:
        return f"{self.starts_on:%d/%m/%Y} · {self.topic}"


class Attendance(ScopedModel, TimestampedModel):
    """An official who attended a class, with the unit and position held at the time."""

    scope_path_field = "training__organiser__path"
    scope_unit_field = "training__organiser_id"

    training = models.ForeignKey(
        TrainingClass,
        verbose_name=_("training class"),
        on_delete=models.CASCADE,
        related_name="attendances",
    )
    official = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("official"),
        on_delete=models.PROTECT,
        related_name="training_attendances",
    )
    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    position = models.CharField(_("position held"), max_length=150, blank=True)
    completed = models.BooleanField(_("completed the class"), default=True)

    objects: ClassVar[Any] = ScopedQuerySet.as_manager()  # as ScopedModel declares

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        ordering = ["training_id", "unit_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["training", "official"], name="training_attendance_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.training_id} · {self.official_id}"
