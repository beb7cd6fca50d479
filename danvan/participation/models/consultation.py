"""Consultation of the people on drafts (Nhân dân bàn, tham gia ý kiến; Luật 10/2022/QH15
Điều 25–29).

A commune publishes a draft split into paragraphs for at least the period the law sets
(``consultation.min_days``, Điều 28 k2: 20 days) from publication. Citizens without an account
comment on one paragraph or on the whole draft and say whether they agree, once per verified
phone number or e-mail address (a one-time code of :mod:`danvan.core.verification`); officers
moderate (hidden and rejected comments never reach the public), answer each comment (accepted,
explained, not accepted) and, at the end, issue the synthesis report (bản tổng hợp, tiếp thu,
giải trình).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.core.models import ScopedModel, TimestampedModel, VersionedModel
from danvan.core.scoping import ScopedQuerySet
from danvan.orgs.models import OrgUnit


class ConsultationMatter(models.TextChoices):
    """The nine matters put to the people for comment (Điều 25)."""

    SOCIO_ECONOMIC = "socio_economic", _("Socio-economic development plans")
    ECONOMIC_RESTRUCTURING = "restructuring", _("Economic restructuring plans")
    LAND_USE = "land_use", _("Land use plans and detailed construction plans")
    CONSTRUCTION = "construction", _("Investment projects in the commune")
    COMPENSATION = "compensation", _("Compensation and resettlement plans")
    ADMINISTRATIVE_BOUNDARY = "boundary", _("Establishing, merging or changing boundaries")
    POLICIES = "policies", _("Draft policies and resolutions of the commune council")
    NEW_RURAL = "new_rural", _("New rural area and civilised urban area programmes")
    OTHER = "other", _("Other matters the commune puts to the people")


class ConsultationQuerySet(ScopedQuerySet["Consultation"]):
    def published(self) -> ConsultationQuerySet:
        return self.filter(opens_on__isnull=False)

    def open_on(self, day: dt.date) -> ConsultationQuerySet:
        return self.published().filter(opens_on__lte=day, closes_on__gte=day)

    def closed_on(self, day: dt.date) -> ConsultationQuerySet:
        return self.published().filter(closes_on__lt=day)


class Consultation(ScopedModel, TimestampedModel, VersionedModel):
    """A draft put to the people for comment, with its consultation plan."""

    version_label = "Dự thảo lấy ý kiến"
    scope_path_field = "owner__path"
    scope_unit_field = "owner_id"

    owner = models.ForeignKey(
        OrgUnit,
        verbose_name=_("owner unit"),
        on_delete=models.PROTECT,
        related_name="consultations",
    )
    matter = models.CharField(
        _("matter (Article 25)"), max_length=16, choices=ConsultationMatter.choices
    )
    title = models.CharField(pgettext_lazy("consultation", "title"), max_length=300)
    plan = models.TextField(
        _("consultation plan"), blank=True, help_text=_("Who is consulted, how, and the timeline.")
    )
    opens_on = models.DateField(_("published on"), null=True, blank=True)
    closes_on = models.DateField(_("comments close on"), null=True, blank=True)
    decision_note = models.TextField(
        _("why the decision differs from the majority"),
        blank=True,
        help_text=_("Required when the deciding body goes against the majority (Article 28)."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects: ClassVar[Any] = ConsultationQuerySet.as_manager()

    class Meta:
        verbose_name = _("consultation on a draft")
        verbose_name_plural = _("consultations on drafts")
        ordering = ["-opens_on", "-id"]

    def __str__(self) -> str:
        return self.title

    def is_open(self, day: dt.date | None = None) -> bool:
        day = day or timezone.localdate()
        return bool(self.opens_on and self.closes_on and self.opens_on <= day <= self.closes_on)

    def is_closed(self, day: dt.date | None = None) -> bool:
        day = day or timezone.localdate()
        return bool(self.closes_on and self.closes_on < day)


class ParagraphQuerySet(ScopedQuerySet["Paragraph"]):
    pass


class Paragraph(ScopedModel):
    """A section heading or paragraph of the draft, in order; comments point at one."""

    scope_path_field = "consultation__owner__path"
    scope_unit_field = "consultation__owner_id"

    consultation = models.ForeignKey(
        Consultation,
        verbose_name=_("consultation on a draft"),
        on_delete=models.CASCADE,
        related_name="paragraphs",
    )
    position = models.PositiveIntegerField(_("number"))
    is_heading = models.BooleanField(_("heading"), default=False)
    text = models.TextField(_("text"))

    objects: ClassVar[Any] = ParagraphQuerySet.as_manager()

    class Meta:
        verbose_name = _("paragraph of a draft")
        verbose_name_plural = _("paragraphs of a draft")
        ordering = ["consultation_id", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "position"], name="paragraph_position_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.text[:60]}"


class Moderation(models.TextChoices):
    PENDING = "pending", _("Awaiting moderation")
    PUBLISHED = "published", pgettext_lazy("comment", "Published")
    HIDDEN = "hidden", _("Hidden")
    REJECTED = "rejected", pgettext_lazy("comment", "Rejected")


class AnswerKind(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    EXPLAINED = "explained", _("Explained")
    NOT_ACCEPTED = "not_accepted", _("Not accepted")


class StanceKind(models.TextChoices):
    AGREE = "agree", _("Agree")
    DISAGREE = "disagree", _("Disagree")


class CommentQuerySet(ScopedQuerySet["Comment"]):
    def public(self) -> CommentQuerySet:
        """What the public may read: published comments only, never hidden or rejected ones."""
        return self.filter(status=Moderation.PUBLISHED)


class Comment(ScopedModel, TimestampedModel, VersionedModel):
    """A citizen's comment on a paragraph (or on the whole draft when ``paragraph`` is empty)."""

    version_label = "Ý kiến"
    scope_path_field = "consultation__owner__path"
    scope_unit_field = "consultation__owner_id"

    consultation = models.ForeignKey(
        Consultation,
        verbose_name=_("consultation on a draft"),
        on_delete=models.CASCADE,
        related_name="comments",
    )
    paragraph = models.ForeignKey(
        Paragraph,
        verbose_name=_("paragraph of a draft"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="comments",
    )
    author_name = models.CharField(_("name shown"), max_length=120, blank=True)
    #: SHA-256 of the verified contact with the secret key: the same person is recognised
    #: without storing the phone number or address in the comment.
    contact_hash = models.CharField(_("verified contact (hashed)"), max_length=64, editable=False)
    contact_email = models.EmailField(
        _("e-mail for the answer"), blank=True, help_text=_("Only when the commenter gave one.")
    )
    text = models.TextField(_("comment"))
    status = models.CharField(
        _("moderation"), max_length=10, choices=Moderation.choices, default=Moderation.PENDING
    )
    moderation_reason = models.CharField(_("moderation reason"), max_length=300, blank=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merged",
    )
    answer_kind = models.CharField(
        _("answer"), max_length=12, choices=AnswerKind.choices, blank=True
    )
    answer_text = models.TextField(_("answer text"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects: ClassVar[Any] = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("comment on a draft")
        verbose_name_plural = _("comments on drafts")
        ordering = ["consultation_id", "created_at", "id"]
        indexes = [models.Index(fields=["consultation", "status"], name="comment_consult_status")]

    def __str__(self) -> str:
        return f"#{self.pk} {self.text[:60]}"


class StanceQuerySet(ScopedQuerySet["Stance"]):
    pass


class Stance(ScopedModel, TimestampedModel):
    """Agree or disagree, once per verified contact and target (a paragraph or the whole)."""

    scope_path_field = "consultation__owner__path"
    scope_unit_field = "consultation__owner_id"

    consultation = models.ForeignKey(
        Consultation,
        verbose_name=_("consultation on a draft"),
        on_delete=models.CASCADE,
        related_name="stances",
    )
    paragraph = models.ForeignKey(
        Paragraph,
        verbose_name=_("paragraph of a draft"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="stances",
    )
    #: "all" or "p<paragraph id>": one key so the unique constraint also holds for the whole
    #: draft (a NULL paragraph would not be unique on every database).
    target = models.CharField(_("target"), max_length=20, editable=False)
    contact_hash = models.CharField(_("verified contact (hashed)"), max_length=64, editable=False)
    stance = models.CharField(_("stance"), max_length=10, choices=StanceKind.choices)

    objects: ClassVar[Any] = StanceQuerySet.as_manager()

    class Meta:
        verbose_name = _("stance on a draft")
        verbose_name_plural = _("stances on drafts")
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "target", "contact_hash"], name="stance_once_per_contact"
            )
        ]

    def __str__(self) -> str:
        return f"{self.target} {self.stance}"
