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
