"""Reception of citizens (tiếp công dân, Luật Tiếp công dân 2013; Thông tư 04/2021/TT-TTCP).

A unit has reception places and schedules, including its leaders' own reception days; the
legal minimum frequency for each kind of host is data (:class:`ReceptionRequirement`). Each
reception is written in the register (:class:`ReceptionEntry`, sổ tiếp công dân).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from danvan.core.models import ScopedModel, TimestampedModel, VersionedModel
from danvan.core.scoping import ScopedQuerySet
from danvan.orgs.models import OrgUnit

from ..casework.models import PetitionKind


class HostRole(models.TextChoices):
    """Who receives citizens under a schedule."""

    COMMUNE_CHAIRMAN = "commune_chairman", _("Commune People's Committee chairman")
    PROVINCE_CHAIRMAN = "province_chairman", _("Province People's Committee chairman")
    AGENCY_HEAD = "agency_head", _("Head of an agency")
    OFFICERS = "officers", _("Reception officers (regular reception)")


class Frequency(models.TextChoices):
    WEEKLY = "weekly", _("Every week")
    MONTHLY = "monthly", _("Every month")


class ReceptionRequirement(models.Model):
    """The legal minimum of a leader's own reception days (data, with its basis)."""

    host_role = models.CharField(_("host"), max_length=20, choices=HostRole.choices, unique=True)
    min_days = models.PositiveSmallIntegerField(_("minimum days"))
    period = models.CharField(_("per"), max_length=10, choices=Frequency.choices)
    legal_basis = models.CharField(_("legal basis"), max_length=255)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("reception requirement")
        verbose_name_plural = _("reception requirements")
        ordering = ["host_role"]

    def __str__(self) -> str:
        return f"{self.get_host_role_display()}: ≥ {self.min_days} / {self.get_period_display()}"


class ReceptionPlace(ScopedModel):
    """A reception office (trụ sở, địa điểm tiếp công dân) of a unit."""

    scope_path_field = "unit__path"
    scope_unit_field = "unit_id"

    objects = ScopedQuerySet.as_manager()

    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="reception_places"
    )
    name = models.CharField(_("name"), max_length=200)
    address = models.CharField(_("address"), max_length=255)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("reception place")
        verbose_name_plural = _("reception places")
        ordering = ["unit_id", "name"]

    def __str__(self) -> str:
        return self.name


class ReceptionSchedule(ScopedModel, VersionedModel):
    """A recurring reception: weekly on a weekday, or monthly on the n-th weekday (or a day)."""

    scope_path_field = "unit__path"
    scope_unit_field = "unit_id"

    objects = ScopedQuerySet.as_manager()
    version_label = "Lịch tiếp công dân"

    unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="reception_schedules",
    )
    place = models.ForeignKey(
        ReceptionPlace,
        verbose_name=_("place"),
        on_delete=models.PROTECT,
        related_name="schedules",
    )
    host_role = models.CharField(_("host"), max_length=20, choices=HostRole.choices)
    host_name = models.CharField(_("host's name and title"), max_length=200)
    frequency = models.CharField(_("frequency"), max_length=10, choices=Frequency.choices)
    weekday = models.PositiveSmallIntegerField(
        _("weekday"), help_text=_("0 = Monday … 6 = Sunday.")
    )
    week_of_month = models.SmallIntegerField(
        _("week of the month"),
        null=True,
        blank=True,
        help_text=_("For a monthly schedule: 1–4, or -1 for the last such weekday."),
    )
    days_per_occurrence = models.PositiveSmallIntegerField(_("days each time"), default=1)
    start_time = models.TimeField(_("start time"), default=dt.time(7, 30))
    end_time = models.TimeField(_("end time"), default=dt.time(17, 0))
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    is_published = models.BooleanField(_("published on the portal"), default=True)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("reception schedule")
        verbose_name_plural = _("reception schedules")
        ordering = ["unit_id", "host_role", "weekday"]
        constraints = [
            models.CheckConstraint(
                condition=Q(weekday__gte=0, weekday__lte=6), name="schedule_weekday_range"
            )
        ]

    def __str__(self) -> str:
        return f"{self.host_name} ({self.get_frequency_display()})"


class RefusalGround(models.TextChoices):
    """Grounds to refuse a reception (Điều 9 Luật Tiếp công dân 2013)."""

    INCAPACITATED = (
        "incapacitated",
        _("Intoxicated, mentally ill or otherwise unable to control their acts (art. 9.1)"),
    )
    THREATENING = "threatening", _("Threatening or insulting behaviour, disorder (art. 9.2)")
    SETTLED_CASE = (
        "settled_case",
        _(
            "Matter already settled lawfully, reviewed and explained, yet pursued on purpose "
            "(art. 9.3)"
        ),
    )
    OTHER_LAW = "other_law", _("Other cases provided by law (art. 9.4)")


class ReceptionHandling(models.TextChoices):
    """How a reception was handled (Thông tư 04/2021/TT-TTCP)."""

    PETITION_RECEIVED = "petition_received", _("Petition received for handling")
    GUIDED = "guided", _("Guided to the competent body")
    ANSWERED = "answered", _("Explained and answered on the spot")
    TRANSFERRED = "transferred", _("Transferred to the competent body")
    REFUSED = "refused", _("Reception refused")


class ReceptionEntry(ScopedModel, TimestampedModel):
    """One line of the reception register (sổ tiếp công dân, Thông tư 04/2021/TT-TTCP)."""

    scope_path_field = "unit__path"
    scope_unit_field = "unit_id"

    objects = ScopedQuerySet.as_manager()

    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="receptions"
    )
    place = models.ForeignKey(
        ReceptionPlace,
        verbose_name=_("place"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="receptions",
    )
    schedule = models.ForeignKey(
        ReceptionSchedule,
        verbose_name=_("schedule"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="receptions",
    )
    received_on = models.DateField(_("date"), db_index=True)
    person_name = models.CharField(_("person(s) received"), max_length=255)
    id_document = models.CharField(_("identity document"), max_length=60, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    content = models.TextField(_("content"))
    documents_received = models.TextField(_("documents received"), blank=True)
    receipt_number = models.CharField(_("receipt number"), max_length=40, blank=True)
    group_size = models.PositiveSmallIntegerField(_("number of people"), default=1)
    representatives = models.TextField(
        _("representatives"), blank=True, help_text=_("For a group of 5 or more people.")
    )
    handling = models.CharField(_("handling"), max_length=20, choices=ReceptionHandling.choices)
    # What the person came about, as the register classifies it (Thông tư 04/2021 "phân loại").
    # A denunciation makes the line confidential from the moment it is written (Luật Tố cáo 2018,
    # Điều 47), before any petition is classified.
    subject_kind = models.CharField(
        _("kind of matter"),
        max_length=20,
        choices=PetitionKind.choices,
        blank=True,
    )
    handling_note = models.TextField(_("handling details"), blank=True)
    refusal_ground = models.CharField(
        _("refusal ground"), max_length=20, choices=RefusalGround.choices, blank=True
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("receiving officer"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    petition = models.ForeignKey(
        "petitions.Petition",
        verbose_name=_("petition"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="receptions",
    )

    class Meta:
        verbose_name = _("reception register entry")
        verbose_name_plural = _("reception register entries")
        ordering = ["-received_on", "-id"]

    def __str__(self) -> str:
        # Never the person's name: this text is the audit log's object description, which
        # every administrator reads (Luật Tố cáo 2018, Điều 47).
        return f"Lượt tiếp công dân số {self.pk} ngày {self.received_on:%d/%m/%Y}"

    @property
    def is_confidential(self) -> bool:
        """The person came to denounce: the line is protected like the denunciation itself."""
        if self.subject_kind == PetitionKind.DENUNCIATION:
            return True
        return self.petition_id is not None and self.petition.is_confidential  # type: ignore[union-attr]

    @property
    def is_group(self) -> bool:
        return self.group_size >= 5
