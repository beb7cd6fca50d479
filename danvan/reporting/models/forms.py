"""Report forms (biểu mẫu báo cáo): periods, sections, data elements, validation rules, indicators.

What a standing agency defines once and every assigned unit then reports against; see
:mod:`danvan.reporting.models` for the whole picture.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.core.models import ScopedModel, TimestampedModel
from danvan.core.scoping import Action, AddressedTo, ScopedQuerySet, scope_filter, scope_roots
from danvan.orgs.models import OrgUnit, OrgUnitKind

from ..sources import validate_source_code

if TYPE_CHECKING:
    from danvan.core.scoping import AnyUser

CODE_VALIDATOR = RegexValidator(
    r"^[a-z][a-z0-9_]*$", _("Lower-case letters, digits and underscores, e.g. trained.")
)


class PeriodType(models.TextChoices):
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    SEMIANNUAL = "semiannual", _("Six-monthly")
    NINE_MONTHS = "nine_months", _("Nine-monthly")
    ANNUAL = "annual", _("Annual")
    AD_HOC = "ad_hoc", _("Ad hoc")


class PeriodRule(models.Model):
    """The default data cut-off window (thời gian chốt số liệu) of one period type.

    With a cut-off day *c*, a period covering calendar months *first…last* collects data from day
    *c* of the month before *first* to day *c − 1* of *last* (Nghị định 09/2019/NĐ-CP, Điều 12:
    c = 15). Without a cut-off day the window is the calendar months themselves. The report is due
    ``due_days`` days after the window ends. Forms may override both.
    """

    period_type = models.CharField(
        _("period type"), max_length=20, choices=PeriodType.choices, unique=True
    )
    cutoff_day = models.PositiveSmallIntegerField(
        _("cut-off day"),
        null=True,
        blank=True,
        validators=[MinValueValidator(2), MaxValueValidator(28)],
        help_text=_(
            "Data run from this day of the month before the period; empty: calendar months."
        ),
    )
    due_days = models.PositiveSmallIntegerField(
        _("days to report after the cut-off"),
        default=0,
        help_text=_("The report is due this many days after the last day of data."),
    )
    legal_basis = models.CharField(_("legal basis"), max_length=500)
    source = models.CharField(_("source checked"), max_length=500, blank=True)
    note = models.TextField(_("note"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("period rule")
        verbose_name_plural = _("period rules")
        ordering = ["id"]

    def __str__(self) -> str:
        return str(self.get_period_type_display())


class ValueType(models.TextChoices):
    INTEGER = "integer", _("Whole number")
    DECIMAL = "decimal", _("Decimal number")
    PERCENTAGE = "percentage", _("Percentage")
    YES_NO = "yes_no", _("Yes / no")


class Aggregation(models.TextChoices):
    SUM = "sum", _("Sum")
    AVG = "avg", _("Average")
    MIN = "min", _("Minimum")
    MAX = "max", _("Maximum")


class Operator(models.TextChoices):
    LE = "<=", "≤"
    LT = "<", "<"
    GE = ">=", "≥"
    GT = ">", ">"
    EQ = "==", "="
    NE = "!=", "≠"


class ReportFormQuerySet(ScopedQuerySet["ReportForm"]):
    def visible_to(self, user: AnyUser, action: str = Action.VIEW) -> ReportFormQuerySet:
        """Forms owned in the user's scope, and (to read) forms the user's units must fill in.

        A commune's officer reads the form of Sở Nội vụ that assigns the commune: the form's
        subtree root is an ancestor of (or inside) one of the user's scope roots.
        """
        own = scope_filter(self.model, user, action)
        if action != Action.VIEW:
            return self.filter(own)
        roots = scope_roots(user, "reporting.add_submission")
        if roots is None:
            return self.filter(own)
        from danvan.orgs.paths import SEGMENT_WIDTH

        prefixes: set[str] = set()
        for root in roots:
            prefixes.update(
                root.path[:i] for i in range(SEGMENT_WIDTH, len(root.path) + 1, SEGMENT_WIDTH)
            )
        national = Q(assigned_root__isnull=True) if roots else Q(pk__in=[])
        return self.filter(own | Q(assigned_root__path__in=prefixes) | national)


class ReportForm(ScopedModel, TimestampedModel):
    """A report form (biểu mẫu báo cáo): what to report, who reports, how often, to whom."""

    scope_path_field = "owner__path"
    scope_unit_field = "owner_id"
    # The recipient reads the forms addressed to it, whoever defined them.
    scope_addressed_to = (AddressedTo("recipient__path", "recipient_id", frozenset({Action.VIEW})),)

    code = models.CharField(
        _("code"), max_length=60, unique=True, validators=[CODE_VALIDATOR],
        help_text=_("Stable identifier used by imports and the API."),
    )  # fmt: skip
    name = models.CharField(_("name"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    owner = models.ForeignKey(
        OrgUnit, verbose_name=_("standing agency"), on_delete=models.PROTECT, related_name="+",
        help_text=_("The agency that defines the form and consolidates it, e.g. Sở Nội vụ."),
    )  # fmt: skip
    recipient = models.ForeignKey(
        OrgUnit, verbose_name=pgettext_lazy("report form", "recipient"),
        on_delete=models.PROTECT, related_name="+",
        help_text=_("The unit that reviews and approves the submissions."),
    )  # fmt: skip
    period_type = models.CharField(_("period type"), max_length=20, choices=PeriodType.choices)
    cutoff_day = models.PositiveSmallIntegerField(
        _("cut-off day (override)"), null=True, blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(28)],
        help_text=_("Empty: the legal default; 1: calendar months."),
    )  # fmt: skip
    due_days = models.PositiveSmallIntegerField(
        _("days to report (override)"), null=True, blank=True,
        help_text=_("Empty: the legal default; 0: due on the last day of data."),
    )  # fmt: skip
    adhoc_start = models.DateField(_("ad hoc period start"), null=True, blank=True)
    adhoc_end = models.DateField(_("ad hoc period end"), null=True, blank=True)
    assigned_kinds = models.JSONField(
        _("unit kinds that report"), default=list, blank=True,
        help_text=_("E.g. [\"commune\", \"department\"]."),
    )  # fmt: skip
    assigned_root = models.ForeignKey(
        OrgUnit, verbose_name=_("reporting area"), on_delete=models.PROTECT, related_name="+",
        null=True, blank=True,
        help_text=_("Units of these kinds under this unit must report; empty: the whole country."),
    )  # fmt: skip
    legal_basis = models.CharField(_("legal basis"), max_length=500, blank=True)
    active = models.BooleanField(_("active"), default=True)
    reminder_days = models.PositiveSmallIntegerField(
        _("remind days before the deadline"), default=3
    )

    objects = ReportFormQuerySet.as_manager()

    class Meta:
        verbose_name = _("report form")
        verbose_name_plural = _("report forms")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def assigned_units(self, on: dt.date) -> models.QuerySet[OrgUnit]:
        """Units that must report for a period whose data end on ``on``."""
        from danvan.orgs.models import exists_on

        kinds = [k for k in self.assigned_kinds if k in OrgUnitKind.values]
        units = OrgUnit.objects.all()
        if self.assigned_root is not None:
            units = units.subtree(self.assigned_root)
        return units.filter(exists_on(on), kind__in=kinds)


class FormSectionQuerySet(ScopedQuerySet["FormSection"]):
    pass


class FormSection(ScopedModel):
    """A narrative section of the form (e.g. "Kết quả thực hiện", "Khó khăn, vướng mắc")."""

    scope_path_field = "form__owner__path"
    scope_unit_field = "form__owner_id"

    form = models.ForeignKey(
        ReportForm, verbose_name=_("form"), on_delete=models.CASCADE, related_name="sections"
    )
    code = models.CharField(_("code"), max_length=60, validators=[CODE_VALIDATOR])
    title = models.CharField(_("title"), max_length=255)
    guidance = models.TextField(_("guidance"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = FormSectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("form section")
        verbose_name_plural = _("form sections")
        ordering = ["form_id", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["form", "code"], name="reporting_section_code")
        ]

    def __str__(self) -> str:
        return self.title


class DataElementQuerySet(ScopedQuerySet["DataElement"]):
    pass


class DataElement(ScopedModel):
    """A figure the units report (chỉ tiêu), with its type and how it rolls up."""

    scope_path_field = "form__owner__path"
    scope_unit_field = "form__owner_id"

    form = models.ForeignKey(
        ReportForm, verbose_name=_("form"), on_delete=models.CASCADE, related_name="elements"
    )
    code = models.CharField(_("code"), max_length=60, validators=[CODE_VALIDATOR])
    name = models.CharField(_("name"), max_length=255)
    group = models.CharField(_("group"), max_length=255, blank=True)
    value_type = models.CharField(
        _("value type"), max_length=12, choices=ValueType.choices, default=ValueType.INTEGER
    )
    aggregation = models.CharField(
        _("aggregation"), max_length=8, choices=Aggregation.choices, default=Aggregation.SUM
    )
    unit_label = models.CharField(_("unit of measure"), max_length=40, blank=True)
    comment_when_missing = models.BooleanField(_("a missing value needs a comment"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    # Choices come from the registry other apps fill at start-up, so they are checked by a
    # validator rather than frozen into the migration.
    source = models.CharField(
        _("data source"), max_length=60, blank=True, validators=[validate_source_code],
        help_text=_(
            "Figure computed from system data, e.g. petitions.received; it is filled in when a "
            "unit opens its report and the officer may correct it."
        ),
    )  # fmt: skip

    objects = DataElementQuerySet.as_manager()

    class Meta:
        verbose_name = _("data element")
        verbose_name_plural = _("data elements")
        ordering = ["form_id", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["form", "code"], name="reporting_element_code")
        ]

    def __str__(self) -> str:
        return self.name


class ValidationRuleQuerySet(ScopedQuerySet["ValidationRule"]):
    pass


class ValidationRule(ScopedModel):
    """A check over the element codes of one submission, e.g. ``trained <= officials_total``."""

    scope_path_field = "form__owner__path"
    scope_unit_field = "form__owner_id"

    form = models.ForeignKey(
        ReportForm, verbose_name=_("form"), on_delete=models.CASCADE, related_name="rules"
    )
    left = models.CharField(_("left side"), max_length=255, help_text=_("E.g. trained."))
    operator = models.CharField(_("operator"), max_length=2, choices=Operator.choices)
    right = models.CharField(
        _("right side"), max_length=255, help_text=_("E.g. officials_total or 100.")
    )
    message = models.CharField(_("message"), max_length=500)

    objects = ValidationRuleQuerySet.as_manager()

    class Meta:
        verbose_name = _("validation rule")
        verbose_name_plural = _("validation rules")
        ordering = ["form_id", "id"]

    def __str__(self) -> str:
        return f"{self.left} {self.operator} {self.right}"


class IndicatorQuerySet(ScopedQuerySet["Indicator"]):
    pass


class Indicator(ScopedModel):
    """A formula over consolidated elements: numerator / denominator × factor."""

    scope_path_field = "form__owner__path"
    scope_unit_field = "form__owner_id"

    form = models.ForeignKey(
        ReportForm, verbose_name=_("form"), on_delete=models.CASCADE, related_name="indicators"
    )
    code = models.CharField(_("code"), max_length=60, validators=[CODE_VALIDATOR])
    name = models.CharField(_("name"), max_length=255)
    numerator = models.CharField(_("numerator"), max_length=255)
    denominator = models.CharField(_("denominator"), max_length=255, default="1")
    factor = models.DecimalField(_("factor"), max_digits=12, decimal_places=2, default=100)
    unit_label = models.CharField(_("unit of measure"), max_length=40, blank=True, default="%")

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["form_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["form", "code"], name="reporting_indicator_code")
        ]

    def __str__(self) -> str:
        return self.name
