"""The yearly evaluation and classification of units (đánh giá, xếp loại) from the platform's data.

Each province sets its own criteria by decision (for example Hưng Yên QĐ 04/2025/QĐ-UBND, Bến Tre
QĐ 07/2023/QĐ-UBND — cited by the issue, not verified against the gazette here): a
:class:`Scheme` per province and year holds criteria groups and :class:`Criterion` rows, each with
its maximum points and either a **computed source** (a code of :mod:`danvan.reporting.sources`,
a unit's own figure over the year, optionally divided by a second source, mapped to points by
thresholds) or **manual entry with evidence**; bonus and penalty criteria; classification
:class:`Band` rows (Xuất sắc, Tốt, Khá, Trung bình, Yếu) by minimum total; and :class:`BandCap`
rules ("cannot be Tốt if …"). All of it is data: adding a criterion is adding a row.

A round is the scheme's year: every unit evaluated has an :class:`Assessment` with one
:class:`Score` per criterion keeping the computed figure, the unit's self-assessment and the
appraisal team's point with its reason side by side; the People's Committee's decision fixes the
totals and bands.
"""

from __future__ import annotations

from decimal import Decimal
from typing import ClassVar

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.core.models import ScopedModel, TimestampedModel, VersionedModel
from danvan.core.scoping import ScopedQuerySet
from danvan.orgs.models import OrgUnit


class SchemeStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SELF_ASSESSMENT = "self", _("Self-assessment")
    APPRAISAL = "appraisal", _("Appraisal")
    DECIDED = "decided", _("Decided")


class SchemeQuerySet(ScopedQuerySet["Scheme"]):
    pass


class Scheme(ScopedModel, TimestampedModel, VersionedModel):
    """A province's evaluation criteria for one year, and the round run on them."""

    scope_path_field: ClassVar[str] = "owner__path"
    scope_unit_field: ClassVar[str] = "owner_id"
    version_label: ClassVar[str] = "Bộ tiêu chí"

    owner = models.ForeignKey(
        OrgUnit, verbose_name=_("province"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=255)
    basis = models.CharField(_("legal basis"), max_length=255)
    total_points = models.DecimalField(
        _("total points"), default=Decimal(100), max_digits=7, decimal_places=2
    )
    unit_kinds = models.CharField(
        _("kinds of units evaluated"),
        max_length=60,
        default="commune,department",
        help_text=_("Comma-separated kinds of units, e.g. commune,department."),
    )
    status = models.CharField(
        pgettext_lazy("evaluation", "status"),
        max_length=10,
        choices=SchemeStatus.choices,
        default=SchemeStatus.DRAFT,
    )
    decision_number = models.CharField(_("decision number"), max_length=60, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)

    objects = SchemeQuerySet.as_manager()  # type: ignore[misc]  # a typed manager over ScopedModel's

    class Meta:
        verbose_name = _("evaluation scheme")
        verbose_name_plural = _("evaluation schemes")
        ordering = ["-year", "owner__path"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "year"], name="evaluation_scheme_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"

    def kinds(self) -> list[str]:
        return [k.strip() for k in self.unit_kinds.split(",") if k.strip()]


class CriterionGroupQuerySet(ScopedQuerySet["CriterionGroup"]):
    pass


class CriterionGroup(ScopedModel):
    scope_path_field: ClassVar[str] = "scheme__owner__path"
    scope_unit_field: ClassVar[str] = "scheme__owner_id"

    scheme = models.ForeignKey(
        Scheme, verbose_name=_("scheme"), on_delete=models.CASCADE, related_name="groups"
    )
    position = models.PositiveSmallIntegerField(_("number"), default=1)
    title = models.CharField(_("title"), max_length=255)

    objects = CriterionGroupQuerySet.as_manager()  # type: ignore[misc]  # a typed manager over ScopedModel's

    class Meta:
        verbose_name = _("criteria group")
        verbose_name_plural = _("criteria groups")
        ordering = ["scheme_id", "position", "id"]

    def __str__(self) -> str:
        return self.title


class CriterionKind(models.TextChoices):
    STANDARD = "standard", _("Standard criterion")
    BONUS = "bonus", _("Bonus points")
    PENALTY = "penalty", _("Penalty points")


class Method(models.TextChoices):
    #: points by thresholds over the source's figure (e.g. dialogues held: 0 → 0, 1 → 3, 2 → 5)
    VALUE = "value", _("Computed: figure mapped to points by thresholds")
    #: points by thresholds over source / denominator × 100 (e.g. tasks done on time, %)
    RATIO = "ratio", _("Computed: ratio of two figures (%) mapped to points by thresholds")
    MANUAL = "manual", _("Manual entry with evidence")


class CriterionQuerySet(ScopedQuerySet["Criterion"]):
    pass


class Criterion(ScopedModel):
    """One criterion (tiêu chí) with its points and how they are found."""

    scope_path_field: ClassVar[str] = "group__scheme__owner__path"
    scope_unit_field: ClassVar[str] = "group__scheme__owner_id"

    group = models.ForeignKey(
        CriterionGroup, verbose_name=_("group"), on_delete=models.CASCADE, related_name="criteria"
    )
    position = models.PositiveSmallIntegerField(_("number"), default=1)
    code = models.SlugField(_("code"), max_length=40)
    title = models.CharField(_("criterion"), max_length=500)
    kind = models.CharField(
        pgettext_lazy("criterion", "kind"),
        max_length=10,
        choices=CriterionKind.choices,
        default=CriterionKind.STANDARD,
    )
    max_points = models.DecimalField(
        _("maximum points"),
        validators=[MinValueValidator(Decimal(0))],
        max_digits=7,
        decimal_places=2,
    )
    method = models.CharField(
        pgettext_lazy("scoring", "method"), max_length=10, choices=Method.choices
    )
    source = models.CharField(_("data source"), max_length=60, blank=True)
    denominator = models.CharField(_("denominator source"), max_length=60, blank=True)
    #: [[from, points], …] ascending: the points of the highest "from" the figure reaches.
    thresholds = models.JSONField(_("thresholds"), default=list, blank=True)
    when_no_data = models.DecimalField(
        _("points when there is nothing to count"),
        null=True,
        blank=True,
        help_text=_("E.g. full points when no task was due; empty means zero."),
        max_digits=7,
        decimal_places=2,
    )
    unit_kinds = models.CharField(
        _("only for kinds of units"),
        max_length=60,
        blank=True,
        help_text=_("Empty: every unit evaluated."),
    )
    guidance = models.TextField(_("guidance and evidence expected"), blank=True)

    objects = CriterionQuerySet.as_manager()  # type: ignore[misc]  # a typed manager over ScopedModel's

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["group__position", "position", "id"]

    def __str__(self) -> str:
        return f"{self.code} {self.title[:60]}"

    def applies_to(self, unit: OrgUnit) -> bool:
        kinds = [k.strip() for k in self.unit_kinds.split(",") if k.strip()]
        return not kinds or unit.kind in kinds


class BandQuerySet(ScopedQuerySet["Band"]):
    pass


class Band(ScopedModel):
    """A classification level (mức xếp loại) reached from ``min_points`` of the total."""

    scope_path_field: ClassVar[str] = "scheme__owner__path"
    scope_unit_field: ClassVar[str] = "scheme__owner_id"

    scheme = models.ForeignKey(
        Scheme, verbose_name=_("scheme"), on_delete=models.CASCADE, related_name="bands"
    )
    rank = models.PositiveSmallIntegerField(_("rank"), help_text=_("1 is the highest."))
    name = models.CharField(_("name"), max_length=60)
    min_points = models.DecimalField(_("from points"), max_digits=7, decimal_places=2)

    objects = BandQuerySet.as_manager()  # type: ignore[misc]  # a typed manager over ScopedModel's

    class Meta:
        verbose_name = _("classification band")
        verbose_name_plural = _("classification bands")
        ordering = ["scheme_id", "rank"]

    def __str__(self) -> str:
        return self.name


class BandCapQuerySet(ScopedQuerySet["BandCap"]):
    pass


class BandCap(ScopedModel):
    """ "Cannot be ranked above ``cap`` if ``criterion`` scores below ``below_points``"."""

    scope_path_field: ClassVar[str] = "scheme__owner__path"
    scope_unit_field: ClassVar[str] = "scheme__owner_id"

    scheme = models.ForeignKey(
        Scheme, verbose_name=_("scheme"), on_delete=models.CASCADE, related_name="caps"
    )
    criterion = models.ForeignKey(
        Criterion, verbose_name=_("criterion"), on_delete=models.CASCADE, related_name="+"
    )
    below_points = models.DecimalField(
        _("when its points are below"), max_digits=7, decimal_places=2
    )
    cap = models.ForeignKey(
        Band, verbose_name=_("highest band allowed"), on_delete=models.CASCADE, related_name="+"
    )
    note = models.CharField(_("basis or note"), max_length=255, blank=True)

    objects = BandCapQuerySet.as_manager()  # type: ignore[misc]  # a typed manager over ScopedModel's

    class Meta:
        verbose_name = _("band cap rule")
        verbose_name_plural = _("band cap rules")

    def __str__(self) -> str:
        return f"{self.criterion.code} < {self.below_points} → ≤ {self.cap.name}"


class AssessmentStatus(models.TextChoices):
    OPEN = "open", _("Not yet self-assessed")
    SELF_ASSESSED = "self_assessed", _("Self-assessed")
    APPRAISED = "appraised", _("Appraised")
    DECIDED = "decided", _("Decided")


class AssessmentQuerySet(ScopedQuerySet["Assessment"]):
    pass


class Assessment(ScopedModel, TimestampedModel, VersionedModel):
    """One unit's evaluation in one scheme's year."""

    scope_path_field: ClassVar[str] = "unit__path"
    scope_unit_field: ClassVar[str] = "unit_id"
    version_label: ClassVar[str] = "Phiếu đánh giá"

    scheme = models.ForeignKey(
        Scheme, verbose_name=_("scheme"), on_delete=models.PROTECT, related_name="assessments"
    )
    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("unit evaluated"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        pgettext_lazy("evaluation", "status"),
        max_length=14,
        choices=AssessmentStatus.choices,
        default=AssessmentStatus.OPEN,
    )
    self_comment = models.TextField(_("unit's own comments"), blank=True)
    appraisal_comment = models.TextField(_("appraisal team's conclusion"), blank=True)
    total = models.DecimalField(
        _("total points"), null=True, blank=True, max_digits=7, decimal_places=2
    )
    band = models.ForeignKey(
        Band,
        verbose_name=_("classification"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    merged_units = models.CharField(
        _("units merged into it during the year"), max_length=500, blank=True
    )

    objects = AssessmentQuerySet.as_manager()  # type: ignore[misc]  # a typed manager over ScopedModel's

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["scheme_id", "unit__path"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "unit"], name="evaluation_one_per_unit")
        ]

    def __str__(self) -> str:
        return f"{self.scheme.year} · {self.unit.name}"


class ScoreQuerySet(ScopedQuerySet["Score"]):
    pass


class Score(ScopedModel):
    """One criterion's points for one unit: computed, self-assessed, appraised, side by side."""

    scope_path_field: ClassVar[str] = "assessment__unit__path"
    scope_unit_field: ClassVar[str] = "assessment__unit_id"

    assessment = models.ForeignKey(
        Assessment, verbose_name=_("assessment"), on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(
        Criterion, verbose_name=_("criterion"), on_delete=models.PROTECT, related_name="scores"
    )
    figure = models.DecimalField(
        _("figure"), null=True, blank=True, max_digits=14, decimal_places=2
    )
    figure_of = models.DecimalField(
        _("out of"), null=True, blank=True, max_digits=14, decimal_places=2
    )
    computed_points = models.DecimalField(
        _("computed points"), null=True, blank=True, max_digits=7, decimal_places=2
    )
    self_points = models.DecimalField(
        _("self-assessed points"), null=True, blank=True, max_digits=7, decimal_places=2
    )
    self_evidence = models.TextField(_("evidence"), blank=True)
    self_comment = models.TextField(_("unit's comment"), blank=True)
    appraised_points = models.DecimalField(
        _("appraised points"), null=True, blank=True, max_digits=7, decimal_places=2
    )
    appraisal_reason = models.TextField(_("reason of the appraisal"), blank=True)
    appraised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("appraised by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ScoreQuerySet.as_manager()  # type: ignore[misc]  # a typed manager over ScopedModel's

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["assessment_id", "criterion__group__position", "criterion__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "criterion"], name="evaluation_score_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.criterion.code}: {self.points}"

    @property
    def points(self) -> Decimal | None:
        """What counts: the appraisal's point, else the unit's own, else the computed one."""
        for value in (self.appraised_points, self.self_points, self.computed_points):
            if value is not None:
                return value
        return None
