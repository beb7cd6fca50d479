"""Models of the platform's plumbing (not domain data)."""

from __future__ import annotations

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
    machine count the same requests.
    """

    bucket = models.CharField(_("bucket"), max_length=120)
    at = models.DateTimeField(_("time"))

    class Meta:
        verbose_name = _("rate-limit hit")
        verbose_name_plural = _("rate-limit hits")
        indexes = [models.Index(fields=["bucket", "at"], name="core_ratehit_bucket_at")]

    def __str__(self) -> str:
        return f"{self.bucket} {self.at:%d/%m/%Y %H:%M:%S}"
