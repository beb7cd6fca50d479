"""Models of the platform's plumbing, and the base models every domain model composes."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _


class ChangeStamp(models.Model):
    """The token of a data set's current version; see :mod:`danvan.core.stamps`."""

    key = models.CharField(_("data set"), max_length=40, primary_key=True)
    token = models.CharField(_("token"), max_length=32)

    class Meta:
        verbose_name = _("change stamp")
        verbose_name_plural = _("change stamps")

    def __str__(self) -> str:
        return self.key


class RateHit(models.Model):
    """One counted request of a rate limit (see :mod:`danvan.core.ratelimit`).

    Kept in the database, not in a process's memory, so that every web worker and every
    machine count the same requests; used when no Redis is configured or it does not answer.
    """

    bucket = models.CharField(_("bucket"), max_length=120)
    at = models.DateTimeField(_("time"))

    class Meta:
        verbose_name = _("rate-limit hit")
        verbose_name_plural = _("rate-limit hits")
        indexes = [models.Index(fields=["bucket", "at"], name="core_ratehit_bucket_at")]

    def __str__(self) -> str:
        return f"{self.bucket} {self.at:%d/%m/%Y %H:%M:%S}"


class ContactCode(models.Model):
    """A one-time code sent to a phone or e-mail address (see :mod:`danvan.core.verification`).

    Neither the code nor the contact is stored in clear: both are keyed hashes. ``purpose``
    names what the code unlocks («participation.consultation:12», «surveys.questionnaire:5»).
    """

    purpose = models.CharField(_("purpose"), max_length=80)
    contact_hash = models.CharField(_("contact (hashed)"), max_length=64)
    code_hash = models.CharField(_("code (hashed)"), max_length=64)
    created_at = models.DateTimeField(_("created at"))
    expires_at = models.DateTimeField(_("expires at"))
    attempts = models.PositiveSmallIntegerField(_("wrong attempts"), default=0)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)

    class Meta:
        verbose_name = _("one-time code")
        verbose_name_plural = _("one-time codes")
        indexes = [
            models.Index(fields=["purpose", "contact_hash", "created_at"], name="core_code_lookup")
        ]

    def __str__(self) -> str:
        return f"{self.purpose} {self.created_at:%d/%m/%Y %H:%M}"


# --- Base models for domain data ---------------------------------------------------------------
#
# Every domain model composes these (as NetBox composes ``ChangeLoggingMixin`` and friends), so
# that "which unit owns this row", "when was it made" and "which version did the writer read"
# are declared once and checked once (``core.checks``), not re-typed per app.


class ScopedModel(models.Model):
    """A row owned by an org unit and read only through :mod:`danvan.core.scoping`.

    A subclass names the owning unit with two class attributes: ``scope_path_field`` (a lookup
    reaching the owner's materialised path, e.g. ``"owner__path"``) and ``scope_unit_field``
    (the lookup of the owner's id, e.g. ``"owner_id"``). Its default manager must be built from
    a :class:`~danvan.core.scoping.ScopedQuerySet` (subclass), so that ``Model.objects
    .visible_to(user)`` is always there; the system check ``danvan.E001``–``E003`` enforces it.
    """

    scope_path_field: ClassVar[str]
    scope_unit_field: ClassVar[str]

    # No default manager here: each subclass declares ``objects = XQuerySet.as_manager()``
    # with its own ScopedQuerySet (E003 refuses one that does not); one declared on the
    # abstract base clashes with those in the type checker's Django plugin.

    class Meta:
        abstract = True


class TimestampedModel(models.Model):
    """When a row was created and last changed (ngày tạo, ngày cập nhật)."""

    created_at = models.DateTimeField(_("created at"), auto_now_add=True, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, editable=False)

    class Meta:
        abstract = True


class VersionedModel(models.Model):
    """A row several people edit: writers send the version they read (optimistic concurrency).

    Services call :meth:`check_version` with what the form or API client sent, change the row,
    then :meth:`bump_version` before saving; a stale or missing version is refused with
    :class:`~danvan.core.errors.StaleVersion` (409) or :class:`~danvan.core.errors.UserError`.
    """

    #: How the record is named in the Vietnamese conflict message («Nhiệm vụ», «Báo cáo» …).
    version_label: ClassVar[str] = "Bản ghi"

    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        abstract = True

    def check_version(self, given: int | str | None) -> None:
        from .errors import check_version

        check_version(self.version, given, str(self.version_label))

    def bump_version(self) -> None:
        self.version = (self.version or 0) + 1
