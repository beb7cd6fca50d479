"""Public disclosure (công khai thông tin; Luật 10/2022/QH15 Điều 11–14, 46–48).

A unit records each disclosure: which item of the law, what was disclosed (a document number
or the text), the date of the decision it discloses, and each channel used with its own start
and end (posting at the office, the portal, the commune radio, through the village head …), with
an evidence photo or file. Whether it complied (on time, long enough, on the channels the item
requires) is derived when read (:mod:`danvan.participation.compliance`), never stored.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.core.models import ScopedModel, TimestampedModel
from danvan.core.scoping import ScopedQuerySet
from danvan.orgs.models import OrgUnit

from .rules import DisclosureItem


class Channel(models.TextChoices):
    """Methods of disclosure (Điều 12 k1; Điều 47 for agencies)."""

    POSTING = "posting", _("Posted at the office")
    PORTAL = "portal", _("Electronic portal or website")
    RADIO = "radio", _("Commune radio")
    VILLAGE_HEAD = "village_head", _("Through the village head")
    LETTER = "letter", _("Letter or household notice")
    DIALOGUE = "dialogue", _("Dialogue, meeting")
    RECEPTION = "reception", _("Citizen reception")
    MASS_ORG = "mass_org", _("Through the Front and mass organisations")
    SOCIAL = "social", _("Social network or messaging group")


def evidence_file_name(instance: DisclosureChannelUse, filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"participation/{timezone.now():%Y/%m}/cong-khai-{instance.disclosure_id}.{suffix}"


class DisclosureQuerySet(ScopedQuerySet["Disclosure"]):
    def of_year(self, year: int) -> DisclosureQuerySet:
        return self.filter(decided_on__year=year)

    def current(self, today: dt.date | None = None) -> DisclosureQuerySet:
        """Disclosures with a channel running today (for the public portal)."""
        day = today or timezone.localdate()
        running = DisclosureChannelUse.objects.filter(starts_on__lte=day).filter(
            models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=day)
        )
        return self.filter(pk__in=running.values("disclosure_id"))


class Disclosure(ScopedModel, TimestampedModel):
    """One disclosure of one item by one unit."""

    scope_path_field = "owner__path"
    scope_unit_field = "owner_id"

    owner = models.ForeignKey(
        OrgUnit, verbose_name=_("owner unit"), on_delete=models.PROTECT, related_name="disclosures"
    )
    item = models.ForeignKey(
        DisclosureItem,
        verbose_name=_("disclosure item"),
        on_delete=models.PROTECT,
        related_name="disclosures",
    )
    title = models.CharField(_("what is disclosed"), max_length=300)
    document_reference = models.CharField(
        _("document number"), max_length=120, blank=True, help_text=_("e.g. 12/QĐ-UBND")
    )
    text = models.TextField(_("text disclosed"), blank=True)
    decided_on = models.DateField(
        _("date of the decision"),
        help_text=_("The date the document was issued or the matter decided."),
        db_index=True,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects: ClassVar[Any] = DisclosureQuerySet.as_manager()

    class Meta:
        verbose_name = _("disclosure")
        verbose_name_plural = _("disclosures")
        ordering = ["-decided_on", "-id"]
        indexes = [models.Index(fields=["owner", "decided_on"], name="disclosure_owner_date")]

    def __str__(self) -> str:
        return self.title


class DisclosureChannelUseQuerySet(ScopedQuerySet["DisclosureChannelUse"]):
    pass


class DisclosureChannelUse(ScopedModel):
    """One channel of a disclosure with its own period; no end means it is still running."""

    scope_path_field = "disclosure__owner__path"
    scope_unit_field = "disclosure__owner_id"

    disclosure = models.ForeignKey(
        Disclosure, verbose_name=_("disclosure"), on_delete=models.CASCADE, related_name="channels"
    )
    channel = models.CharField(_("channel"), max_length=14, choices=Channel.choices)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)
    place = models.CharField(_("place or medium"), max_length=255, blank=True)
    evidence = models.FileField(_("evidence"), upload_to=evidence_file_name, blank=True)
    evidence_name = models.CharField(_("evidence file name"), max_length=255, blank=True)

    objects: ClassVar[Any] = DisclosureChannelUseQuerySet.as_manager()

    class Meta:
        verbose_name = _("disclosure channel")
        verbose_name_plural = _("disclosure channels")
        ordering = ["disclosure_id", "starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="disclosure_channel_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.get_channel_display()

    def days(self, today: dt.date) -> int:
        """Consecutive days the channel ran (or has run until today)."""
        end = self.ends_on or today
        return max(0, (end - self.starts_on).days + 1)
