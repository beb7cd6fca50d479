"""Citizen satisfaction surveys (khảo sát sự hài lòng của người dân).

Basis (checked 12/2026 in the texts provinces cite): Luật Thực hiện dân chủ ở cơ sở 2022
(Luật 10/2022/QH15) Điều 35 — the commune keeps a standing channel for people to give their
opinion and rate its service; Quyết định 1001/QĐ-BNV ngày 11/12/2023 của Bộ Nội vụ ban hành
phương pháp đo lường sự hài lòng của người dân đối với sự phục vụ của cơ quan hành chính nhà nước
giai đoạn 2023–2026 (SIPAS); the older five-factor form of Quyết định 2640/QĐ-BNV ngày 10/10/2017
(Đề án đo lường sự hài lòng giai đoạn 2017–2020: tiếp cận dịch vụ, thủ tục hành chính, công chức,
kết quả, tiếp nhận và xử lý phản ánh, kiến nghị).

A questionnaire belongs to the unit whose service is rated (a commune's People's Committee, a
department's one-stop desk); citizens answer it without an account from its public link or QR
poster. Raw answers (1–5) are kept; the index is computed when read with a formula that is data
(:class:`IndexFormula`), so the basis is shown next to each figure. Once a questionnaire has
answers its questions are frozen: a change is a new version (``previous``).
"""

from __future__ import annotations

import secrets
from typing import ClassVar

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.core.models import ScopedModel, TimestampedModel, VersionedModel
from danvan.core.scoping import ScopedQuerySet
from danvan.orgs.models import OrgUnit


class Aspect(models.TextChoices):
    """The aspects an index is reported by (SIPAS 2023 and the 2017 five-factor form)."""

    # SIPAS, Quyết định 1001/QĐ-BNV (2023)
    PERCEPTION = "perception", _("Perceptions of service delivery")
    POLICY = "policy", _("Satisfaction with policy")
    SERVICE = "service", _("Satisfaction with service delivery")
    NEEDS = "needs", _("Needs and expectations")
    # Five factors, Quyết định 2640/QĐ-BNV (2017)
    ACCESS = "access", _("Access to the service")
    PROCEDURE = "procedure", _("Administrative procedure")
    OFFICIALS = "officials", _("Officials serving")
    RESULT = "result", _("Result of the service")
    FEEDBACK = "feedback", _("Handling of feedback")
    OTHER = "other", pgettext_lazy("survey aspect", "Other")


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    SCALE = "scale", _("Scale 1–5")
    TEXT = "text", _("Free text")


class FormulaKind(models.TextChoices):
    SHARE = "share", _("Share of respondents at the satisfied levels")
    MEAN = "mean", _("Mean score")


class SurveyTemplate(models.Model):
    """A national questionnaire model with the decision that sets it (national data)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=255)
    basis = models.CharField(
        _("legal basis"), max_length=255, help_text=_("The decision, with its number and date.")
    )
    #: {"groups": [{"title", "aspect", "questions": [{"code", "text", "kind", "choices",
    #: "scale_labels", "required", "show_if": {"code", "values"}}]}]}
    definition = models.JSONField(_("questions"), default=dict)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("survey template")
        verbose_name_plural = _("survey templates")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class IndexFormula(models.Model):
    """How a satisfaction figure is computed from raw 1–5 answers, with its basis (data)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=10, choices=FormulaKind.choices)
    satisfied_levels = models.CharField(
        _("satisfied levels"),
        max_length=20,
        blank=True,
        help_text=_("Comma-separated levels counted as satisfied, e.g. 4,5."),
    )
    description = models.TextField(_("formula"), help_text=_("Shown next to each figure."))
    basis = models.CharField(_("legal basis"), max_length=255)
    is_primary = models.BooleanField(_("primary view"), default=False)

    class Meta:
        verbose_name = _("index formula")
        verbose_name_plural = _("index formulas")
        ordering = ["-is_primary", "code"]

    def __str__(self) -> str:
        return self.name

    def levels(self) -> set[int]:
        return {int(x) for x in self.satisfied_levels.split(",") if x.strip().isdigit()}


class QuestionnaireStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open for answers")
    CLOSED = "closed", _("Closed")


class QuestionnaireQuerySet(ScopedQuerySet["Questionnaire"]):
    pass


def _public_key() -> str:
    return secrets.token_urlsafe(9)


class Questionnaire(ScopedModel, TimestampedModel, VersionedModel):
    """One unit's questionnaire: the questions citizens answer about that unit's service."""

    scope_path_field: ClassVar[str] = "owner__path"
    scope_unit_field: ClassVar[str] = "owner_id"
    version_label: ClassVar[str] = "Phiếu khảo sát"

    owner = models.ForeignKey(
        OrgUnit,
        verbose_name=_("unit rated"),
        on_delete=models.PROTECT,
        related_name="questionnaires",
    )
    title = models.CharField(_("title"), max_length=255)
    intro = models.TextField(_("introduction"), blank=True)
    template = models.ForeignKey(
        SurveyTemplate,
        verbose_name=_("template"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    basis = models.CharField(_("legal basis"), max_length=255, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    edition = models.PositiveSmallIntegerField(_("edition"), default=1)
    previous = models.ForeignKey(
        "self",
        verbose_name=_("previous edition"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="next_editions",
    )
    status = models.CharField(
        pgettext_lazy("survey", "status"),
        max_length=10,
        choices=QuestionnaireStatus.choices,
        default=QuestionnaireStatus.DRAFT,
    )
    for_petitions = models.BooleanField(
        _("rates answered petitions"),
        default=False,
        help_text=_("Offered as «rate this service» on every answered petition of the unit."),
    )
    phone_verification = models.BooleanField(
        _("requires a verified phone"),
        default=False,
        help_text=_(
            "Each respondent enters a code sent to their phone before answering: one answer per "
            "phone. Without it, the device is what allows one answer."
        ),
    )
    public_key = models.CharField(_("public key"), max_length=20, unique=True, default=_public_key)

    objects = QuestionnaireQuerySet.as_manager()  # type: ignore[misc]  # a typed manager over ScopedModel's

    class Meta:
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        ordering = ["-year", "owner__path", "-edition"]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"


class QuestionGroupQuerySet(ScopedQuerySet["QuestionGroup"]):
    pass


class QuestionGroup(ScopedModel):
    scope_path_field: ClassVar[str] = "questionnaire__owner__path"
    scope_unit_field: ClassVar[str] = "questionnaire__owner_id"

    questionnaire = models.ForeignKey(
        Questionnaire,
        verbose_name=_("questionnaire"),
        on_delete=models.CASCADE,
        related_name="groups",
    )
    position = models.PositiveSmallIntegerField(_("number"), default=1)
    title = models.CharField(_("title"), max_length=255)
    aspect = models.CharField(
        _("aspect"), max_length=12, choices=Aspect.choices, default=Aspect.OTHER
    )

    objects = QuestionGroupQuerySet.as_manager()  # type: ignore[misc]  # a typed manager over ScopedModel's

    class Meta:
        verbose_name = _("question group")
        verbose_name_plural = _("question groups")
        ordering = ["questionnaire_id", "position", "id"]

    def __str__(self) -> str:
        return self.title


class QuestionQuerySet(ScopedQuerySet["Question"]):
    pass


#: The words of each level of a 1–5 scale when a question gives none (SIPAS's wording).
DEFAULT_SCALE = (
    "Rất không hài lòng",
    "Không hài lòng",
    "Bình thường",
    "Hài lòng",
    "Rất hài lòng",
)


class Question(ScopedModel):
    scope_path_field: ClassVar[str] = "group__questionnaire__owner__path"
    scope_unit_field: ClassVar[str] = "group__questionnaire__owner_id"

    group = models.ForeignKey(
        QuestionGroup, verbose_name=_("group"), on_delete=models.CASCADE, related_name="questions"
    )
    position = models.PositiveSmallIntegerField(_("number"), default=1)
    code = models.SlugField(_("code"), max_length=30)
    text = models.CharField(_("question"), max_length=500)
    kind = models.CharField(
        pgettext_lazy("question", "kind"), max_length=10, choices=QuestionKind.choices
    )
    required = models.BooleanField(_("required"), default=True)
    choices = models.JSONField(_("choices"), default=list, blank=True)
    scale_labels = models.JSONField(_("words of each level"), default=list, blank=True)
    show_if = models.ForeignKey(
        "self",
        verbose_name=_("shown when question"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="dependents",
    )
    show_if_values = models.JSONField(_("has one of the answers"), default=list, blank=True)

    objects = QuestionQuerySet.as_manager()  # type: ignore[misc]  # a typed manager over ScopedModel's

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["group__position", "position", "id"]

    def __str__(self) -> str:
        return self.text

    def levels(self) -> list[tuple[int, str]]:
        labels = list(self.scale_labels or []) or list(DEFAULT_SCALE)
        return [(i + 1, labels[i] if i < len(labels) else str(i + 1)) for i in range(5)]


class ResponseQuerySet(ScopedQuerySet["Response"]):
    pass


class ResponseSource(models.TextChoices):
    LINK = "link", _("Survey link or QR code")
    PETITION = "petition", _("Answered petition")


class Response(ScopedModel):
    """One citizen's answers (phiếu trả lời). Anonymous: only salted hashes of the device token
    and of the phone number are kept, to refuse a second answer from the same person."""

    scope_path_field: ClassVar[str] = "questionnaire__owner__path"
    scope_unit_field: ClassVar[str] = "questionnaire__owner_id"

    questionnaire = models.ForeignKey(
        Questionnaire,
        verbose_name=_("questionnaire"),
        on_delete=models.PROTECT,
        related_name="responses",
    )
    submitted_at = models.DateTimeField(_("submitted at"), db_index=True)
    source = models.CharField(
        _("source"), max_length=10, choices=ResponseSource.choices, default=ResponseSource.LINK
    )
    device_hash = models.CharField(_("device token (hashed)"), max_length=64, blank=True)
    phone_hash = models.CharField(_("phone number (hashed)"), max_length=64, blank=True)
    petition_hash = models.CharField(_("petition (hashed)"), max_length=64, blank=True)

    objects = ResponseQuerySet.as_manager()  # type: ignore[misc]  # a typed manager over ScopedModel's

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        ordering = ["-submitted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "device_hash"],
                condition=~Q(device_hash=""),
                name="survey_one_answer_per_device",
            ),
            models.UniqueConstraint(
                fields=["questionnaire", "phone_hash"],
                condition=~Q(phone_hash=""),
                name="survey_one_answer_per_phone",
            ),
            models.UniqueConstraint(
                fields=["questionnaire", "petition_hash"],
                condition=~Q(petition_hash=""),
                name="survey_one_answer_per_petition",
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.submitted_at:%d/%m/%Y}"


class AnswerQuerySet(ScopedQuerySet["Answer"]):
    pass


class Answer(ScopedModel):
    scope_path_field: ClassVar[str] = "response__questionnaire__owner__path"
    scope_unit_field: ClassVar[str] = "response__questionnaire__owner_id"

    response = models.ForeignKey(
        Response, verbose_name=_("response"), on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.PROTECT, related_name="answers"
    )
    scale = models.PositiveSmallIntegerField(_("level (1–5)"), null=True, blank=True)
    choices = models.JSONField(_("choices"), default=list, blank=True)
    text = models.TextField(_("text"), blank=True)

    objects = AnswerQuerySet.as_manager()  # type: ignore[misc]  # a typed manager over ScopedModel's

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="survey_answer_once"),
            models.CheckConstraint(
                condition=Q(scale__isnull=True) | Q(scale__gte=1, scale__lte=5),
                name="survey_answer_scale_range",
            ),
        ]
        indexes = [models.Index(fields=["question", "scale"], name="survey_answer_q_scale")]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.scale or self.text[:40]}"
