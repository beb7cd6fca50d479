"""Legal deadlines as data: the rules (thời hạn), the working calendar (lịch làm việc) and
legal thresholds (ngưỡng, e.g. how many people make a crowd).

All are public legal facts, the same for every org unit, so they carry no scope fields: any
authenticated official may read them, only administrators edit them (Django admin).

The rule and calendar tables were created by the petitions app and keep their names
(``db_table``) and rows; migration ``deadlines.0001`` only moved them in Django's state.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

RULE_ID_PATTERN = r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$"


class TimeUnit(models.TextChoices):
    """How a period is counted: bare "ngày" in a law means calendar days."""

    CALENDAR_DAY = "calendar_day", _("calendar day")
    WORKING_DAY = "working_day", _("working day")


class DeadlineRuleQuerySet(models.QuerySet["DeadlineRule"]):
    def in_force(self, on: dt.date) -> DeadlineRuleQuerySet:
        """Versions in force on ``on`` (effective_to is the last day of force, inclusive)."""
        return self.filter(effective_from__lte=on).filter(
            Q(effective_to__isnull=True) | Q(effective_to__gte=on)
        )


class DeadlineRule(models.Model):
    """One version of a legal deadline (thời hạn, thời hiệu) and the text it comes from.

    A law that changes a period (e.g. Luật 136/2025/QH15, in force from 1/7/2026, amending the
    Luật Khiếu nại and the Luật Tố cáo) is entered as a new version with the same ``rule_id``; the
    previous version gets ``effective_to``. The engine uses the version in force on the start day.
    """

    rule_id = models.CharField(
        _("rule id"),
        max_length=60,
        db_index=True,
        validators=[
            RegexValidator(
                RULE_ID_PATTERN, _("Lower-case words joined by dots, e.g. complaint.first.")
            )
        ],
        help_text=_("Stable identifier used by the code, e.g. complaint.first."),
    )
    name = models.CharField(_("name"), max_length=255)
    start_event = models.CharField(
        _("start event"),
        max_length=255,
        help_text=_("The event the period counts from, e.g. the day the complaint is accepted."),
    )
    duration = models.PositiveSmallIntegerField(_("duration"))
    unit = models.CharField(_("unit"), max_length=20, choices=TimeUnit.choices)
    complex_duration = models.PositiveSmallIntegerField(
        _("duration for a complex case"),
        null=True,
        blank=True,
        help_text=_("Replaces the duration for a complex case (vụ việc phức tạp); empty if none."),
    )
    remote_duration = models.PositiveSmallIntegerField(
        _("duration in a remote area"),
        null=True,
        blank=True,
        help_text=_("Replaces the duration in a remote, hard-to-reach area (vùng sâu, vùng xa)."),
    )
    remote_complex_duration = models.PositiveSmallIntegerField(
        _("duration for a complex case in a remote area"), null=True, blank=True
    )
    extension_days = models.PositiveSmallIntegerField(
        _("days per extension"),
        null=True,
        blank=True,
        help_text=_(
            "Days added by each extension (gia hạn); empty if the period cannot be extended."
        ),
    )
    max_extensions = models.PositiveSmallIntegerField(
        _("maximum number of extensions"),
        default=0,
        help_text=_("E.g. 2 for a denunciation: once if complex, twice if especially complex."),
    )
    complex_max_extensions = models.PositiveSmallIntegerField(
        _("extensions for a complex case"),
        null=True,
        blank=True,
        help_text=_(
            "Where the law allows extensions only for complex cases: how many a complex (not "
            "especially complex) case gets, e.g. 1 for a denunciation; a case that is not complex "
            "then gets none. Empty: any case gets up to the maximum."
        ),
    )
    legal_basis = models.CharField(_("legal basis"), max_length=500)
    effective_from = models.DateField(_("in force from"))
    effective_to = models.DateField(
        _("in force until"),
        null=True,
        blank=True,
        help_text=_("Last day in force; empty: still in force."),
    )
    note = models.TextField(_("note"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = DeadlineRuleQuerySet.as_manager()

    class Meta:
        db_table = "petitions_deadlinerule"  # created by petitions; rows kept as they are
        verbose_name = _("deadline rule")
        verbose_name_plural = _("deadline rules")
        ordering = ["rule_id", "effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["rule_id", "effective_from"], name="deadline_rule_version_unique"
            ),
            models.CheckConstraint(
                condition=Q(effective_to__isnull=True)
                | Q(effective_to__gte=models.F("effective_from")),
                name="deadline_rule_period_ordered",
            ),
            models.CheckConstraint(
                condition=Q(max_extensions=0) | Q(extension_days__isnull=False),
                name="deadline_rule_extension_has_days",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rule_id} — {self.name} (từ {self.effective_from:%d/%m/%Y})"

    def clean(self) -> None:
        if self.effective_to and self.effective_from and self.effective_to < self.effective_from:
            raise ValidationError({"effective_to": _("Must not be before the start of force.")})
        if self.max_extensions and not self.extension_days:
            raise ValidationError({"extension_days": _("Required when extensions are allowed.")})
        if (self.complex_max_extensions or 0) > self.max_extensions:
            raise ValidationError(
                {"complex_max_extensions": _("Must not be more than the maximum number.")}
            )
        if self.rule_id and self.effective_from:
            overlapping = DeadlineRule.objects.filter(rule_id=self.rule_id).exclude(pk=self.pk)
            end = self.effective_to or dt.date.max
            overlapping = overlapping.filter(effective_from__lte=end).filter(
                Q(effective_to__isnull=True) | Q(effective_to__gte=self.effective_from)
            )
            if overlapping.exists():
                raise ValidationError(
                    _("Another version of this rule is in force during this period; end it first.")
                )


class CalendarDayKind(models.TextChoices):
    DAY_OFF = "day_off", _("day off")
    WORKING_DAY = "working_day", _("working day")


class CalendarEntry(models.Model):
    """A day the government made a day off or a working day for civil servants.

    Holidays (ngày nghỉ lễ, Tết) come from the ``holidays`` package; these entries record the
    official schedule announced each year (lịch nghỉ, hoán đổi ngày làm việc, làm bù) with its
    legal basis, and override the package where they disagree.
    """

    day = models.DateField(_("day"), unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=CalendarDayKind.choices)
    name = models.CharField(_("name"), max_length=255)
    legal_basis = models.CharField(_("legal basis"), max_length=500)
    note = models.TextField(_("note"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects: models.Manager[CalendarEntry] = models.Manager()

    class Meta:
        db_table = "petitions_calendarentry"  # created by petitions; rows kept as they are
        verbose_name = _("working calendar entry")
        verbose_name_plural = _("working calendar entries")
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} — {self.name}"


class Threshold(models.Model):
    """A number the law fixes, with the text it comes from, e.g. 5 people make a crowd (đoàn
    đông người, Điều 30 Luật Tiếp công dân 2013). Read with :func:`danvan.deadlines.threshold`;
    editable in the admin when the law changes.
    """

    code = models.CharField(
        _("code"),
        max_length=60,
        unique=True,
        validators=[
            RegexValidator(
                RULE_ID_PATTERN, _("Lower-case words joined by dots, e.g. complaint.first.")
            )
        ],
        help_text=_("Stable identifier used by the code, e.g. petitions.crowd_size."),
    )
    name = models.CharField(_("name"), max_length=255)
    value = models.PositiveIntegerField(_("value"))
    legal_basis = models.CharField(_("legal basis"), max_length=500)
    note = models.TextField(_("note"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects: models.Manager[Threshold] = models.Manager()

    class Meta:
        verbose_name = _("legal threshold")
        verbose_name_plural = _("legal thresholds")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.name}: {self.value}"
