"""«Dân vận khéo» models (mô hình, điển hình "Dân vận khéo") and what is recorded about them.

Basis: the emulation movement «Dân vận khéo» (Văn kiện Đại hội XIII: "thực hiện tốt phong trào
thi đua Dân vận khéo … nhân rộng các mô hình, điển hình"), the four fields (kinh tế; văn hóa – xã
hội; quốc phòng – an ninh; xây dựng hệ thống chính trị) and the criteria provinces publish (a
clear name and place, one field, led by the Party committee and registered with the launching
body, mobilising several forces, supported by the people, solving a pressing local task,
lasting and replicable) — checked in provincial guidance pages (Quảng Ngãi, Lâm Đồng), not in
the Ban Dân vận Trung ương's own text (NOT verified). Commendations under Luật Thi đua, khen
thưởng 2022 (Luật 06/2022/QH15) and Nghị định 152/2025/NĐ-CP (phân cấp, phân quyền và quy định
chi tiết Luật Thi đua, khen thưởng; checked in a press report, articles not verified). The
criteria each province applies are data (:class:`Criterion`), editable in the admin.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.core.models import ScopedModel, TimestampedModel, VersionedModel
from danvan.core.scoping import ScopedQuerySet
from danvan.orgs.models import OrgUnit


class ExemplarField(models.TextChoices):
    """The four fields of «Dân vận khéo» (lĩnh vực)."""

    ECONOMY = "economy", _("Economy")
    CULTURE_SOCIETY = "culture_society", _("Culture and society")
    DEFENCE_SECURITY = "defence_security", _("National defence and security")
    POLITICAL_SYSTEM = "political_system", _("Building the political system")


class ExemplarKind(models.TextChoices):
    COLLECTIVE = "collective", _("Collective model")
    INDIVIDUAL = "individual", _("Individual exemplar")


class ExemplarLevel(models.TextChoices):
    COMMUNE = "commune", _("Commune level")
    PROVINCE = "province", _("Provincial level")
    NATIONAL = "national", _("National level")


class Criterion(ScopedModel, TimestampedModel):
    """One criterion a province applies to recognise a model (tiêu chí), with its guidance."""

    scope_path_field = "province__path"
    scope_unit_field = "province_id"

    # Empty: the national guidance, applied by every province that has not set its own.
    province = models.ForeignKey(
        OrgUnit, verbose_name=_("province"), on_delete=models.PROTECT, related_name="+",
        null=True, blank=True,
    )  # fmt: skip
    position = models.PositiveSmallIntegerField(_("number"), default=1)
    text = models.CharField(_("criterion"), max_length=300)
    basis = models.CharField(
        _("basis"), max_length=300, help_text=_("The guidance the province applies.")
    )
    active = models.BooleanField(_("in force"), default=True)

    objects: ClassVar[Any] = ScopedQuerySet.as_manager()  # as ScopedModel declares

    class Meta:
        verbose_name = _("model criterion")
        verbose_name_plural = _("model criteria")
        ordering = ["province_id", "position", "id"]

    def __str__(self) -> str:
        return f"{self.position}. {self.text}"


class ReviewCycle(models.Model):
    """How often a model is reviewed (national data): yearly review, sơ kết, tổng kết."""

    code = models.SlugField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=120)
    years = models.PositiveSmallIntegerField(_("every how many years"))
    basis = models.CharField(_("basis"), max_length=300)
    note = models.CharField(_("note"), max_length=300, blank=True)
    # A model owes this review ``years`` after its start or its last review of this cycle or a
    # longer one (core.obligations kind ``exemplars.review``): reminded before, overdue after.
    reminded = models.BooleanField(
        _("remind and track as overdue"),
        default=False,
        help_text=_("A model owes this review «every how many years» after its last one."),
    )

    class Meta:
        verbose_name = _("review cycle")
        verbose_name_plural = _("review cycles")
        ordering = ["years", "code"]

    def __str__(self) -> str:
        return str(self.name)


class ExemplarQuerySet(ScopedQuerySet["Exemplar"]):
    def commended(self) -> ExemplarQuerySet:
        return self.filter(commendations__isnull=False).distinct()


class Exemplar(ScopedModel, TimestampedModel, VersionedModel):
    """A «Dân vận khéo» model of a unit (collective) or an exemplary person (individual)."""

    version_label = "Mô hình"
    scope_path_field = "unit__path"
    scope_unit_field = "unit_id"

    unit = models.ForeignKey(
        OrgUnit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="exemplars"
    )
    title = models.CharField(_("name of the model"), max_length=300)
    kind = models.CharField(
        pgettext_lazy("exemplar", "kind"),
        max_length=12,
        choices=ExemplarKind.choices,
        default=ExemplarKind.COLLECTIVE,
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("exemplary official"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    person_name = models.CharField(_("exemplary person"), max_length=200, blank=True)
    field = models.CharField(
        _("field"), max_length=20, choices=ExemplarField.choices, db_index=True
    )
    level = models.CharField(
        pgettext_lazy("exemplar", "level"),
        max_length=10,
        choices=ExemplarLevel.choices,
        default=ExemplarLevel.COMMUNE,
    )
    plan = models.ForeignKey(
        "plans.Plan",
        verbose_name=_("plan it serves"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    task = models.ForeignKey(
        "plans.Task",
        verbose_name=_("task it serves"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Free text kept beside the link: what the plan does not say, or a plan not on the platform.
    serves = models.CharField(_("note on the plan or task it serves"), max_length=300, blank=True)
    started_on = models.DateField(_("started on"), db_index=True)
    description = models.TextField(_("description"), blank=True)
    evidence = models.TextField(_("evidence"), blank=True)
    registered_with = models.CharField(_("registered with"), max_length=200, blank=True)
    registered_on = models.DateField(_("registered on"), null=True, blank=True)
    replicates = models.ForeignKey(
        "self",
        verbose_name=_("replicates the model"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replications",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects: ClassVar[Any] = ExemplarQuerySet.as_manager()  # as ScopedModel declares

    class Meta:
        verbose_name = _("«Dân vận khéo» model")
        verbose_name_plural = _("«Dân vận khéo» models")
        ordering = ["-started_on", "-id"]
        indexes = [models.Index(fields=["unit", "started_on"], name="exemplar_unit_start")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(replicates=models.F("pk")) | Q(replicates__isnull=True),
                name="exemplar_not_self_replica",
            )
        ]

    def __str__(self) -> str:
        return str(self.title)


def evidence_file_name(instance: EvidenceFile, filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"exemplars/{instance.exemplar_id}/{instance.sha256[:16]}.{suffix}"


class EvidenceFile(ScopedModel, TimestampedModel):
    """A photo or document proving a model's results (ảnh, tài liệu minh chứng)."""

    scope_path_field = "exemplar__unit__path"
    scope_unit_field = "exemplar__unit_id"

    exemplar = models.ForeignKey(
        Exemplar, verbose_name=_("model"), on_delete=models.CASCADE, related_name="files"
    )
    is_photo = models.BooleanField(_("photo"), default=False)
    file = models.FileField(_("file"), upload_to=evidence_file_name)
    name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    sha256 = models.CharField(_("checksum"), max_length=64)
    caption = models.CharField(_("caption"), max_length=300, blank=True)

    objects: ClassVar[Any] = ScopedQuerySet.as_manager()  # as ScopedModel declares

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        ordering = ["exemplar_id", "id"]

    def __str__(self) -> str:
        return str(self.name)


class Effectiveness(models.TextChoices):
    EXCELLENT = "excellent", _("Highly effective")
    GOOD = "good", _("Effective")
    FAIR = "fair", _("Partly effective")
    POOR = "poor", _("Not effective")


class Review(ScopedModel, TimestampedModel):
    """A review of a model on its cycle (đánh giá hằng năm, sơ kết, tổng kết)."""

    scope_path_field = "exemplar__unit__path"
    scope_unit_field = "exemplar__unit_id"

    exemplar = models.ForeignKey(
        Exemplar, verbose_name=_("model"), on_delete=models.CASCADE, related_name="reviews"
    )
    cycle = models.ForeignKey(ReviewCycle, verbose_name=_("review cycle"), on_delete=models.PROTECT)
    reviewed_on = models.DateField(_("reviewed on"))
    effectiveness = models.CharField(
        _("effectiveness"), max_length=10, choices=Effectiveness.choices
    )
    assessment = models.TextField(pgettext_lazy("review", "assessment"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects: ClassVar[Any] = ScopedQuerySet.as_manager()  # as ScopedModel declares

    class Meta:
        verbose_name = _("model review")
        verbose_name_plural = _("model reviews")
        ordering = ["exemplar_id", "-reviewed_on", "-id"]

    def __str__(self) -> str:
        return f"{self.cycle} {self.reviewed_on:%d/%m/%Y}"


class Commendation(ScopedModel, TimestampedModel):
    """A commendation of a model (khen thưởng), under Luật Thi đua, khen thưởng 2022."""

    scope_path_field = "exemplar__unit__path"
    scope_unit_field = "exemplar__unit_id"

    exemplar = models.ForeignKey(
        Exemplar, verbose_name=_("model"), on_delete=models.CASCADE, related_name="commendations"
    )
    awarded_by = models.CharField(_("awarded by"), max_length=200)
    form = models.CharField(
        _("form of commendation"),
        max_length=200,
        help_text=_("e.g. Bằng khen của Chủ tịch UBND tỉnh, Giấy khen."),
    )
    decision_number = models.CharField(_("decision number"), max_length=60)
    decided_on = models.DateField(_("decision date"))

    objects: ClassVar[Any] = ScopedQuerySet.as_manager()  # as ScopedModel declares

    class Meta:
        verbose_name = _("commendation")
        verbose_name_plural = _("commendations")
        ordering = ["exemplar_id", "-decided_on", "-id"]

    def __str__(self) -> str:
        return f"{self.form} ({self.decision_number})"


class ContestEntry(ScopedModel, TimestampedModel):
    """A model entered in a contest (hội thi «Dân vận khéo»)."""

    scope_path_field = "exemplar__unit__path"
    scope_unit_field = "exemplar__unit_id"

    exemplar = models.ForeignKey(
        Exemplar, verbose_name=_("model"), on_delete=models.CASCADE, related_name="contests"
    )
    contest = models.CharField(_("contest"), max_length=300)
    held_on = models.DateField(_("held on"))
    result = models.CharField(_("result"), max_length=200, blank=True)

    objects: ClassVar[Any] = ScopedQuerySet.as_manager()  # as ScopedModel declares

    class Meta:
        verbose_name = _("contest entry")
        verbose_name_plural = _("contest entries")
        ordering = ["exemplar_id", "-held_on", "-id"]

    def __str__(self) -> str:
        return str(self.contest)
