"""Legal facts of grassroots democracy as data rows, each with its basis (law, article).

Loaded by the data migration ``0002_legal_rules`` and editable by superusers in the admin, so a
changed decree is a new row value, not a new release.

Basis: Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15 (in force 01/7/2023) and Nghị định
59/2023/NĐ-CP. The wording of Điều 11 items 1–3 was checked against a mirror of the legal code
(hethongphapluat.vn, 12/2026); the other items are short titles to be checked against the gazette.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.orgs.models import OrgUnit


class DisclosureScope(models.TextChoices):
    COMMUNE = "commune", _("Commune (Article 11)")
    AGENCY = "agency", _("Agency, internally (Article 46)")


class DisclosureItem(models.Model):
    """One content that must be disclosed (nội dung phải công khai) and how long it stays up.

    ``posting_days`` is the minimum of consecutive days posted at the office (Điều 13 k2: 30 days
    for a commune, Điều 48: 20 for an agency); ``permanent`` items stay posted and are updated
    (Điều 13: items 4 and 13); ``radio_days`` the minimum consecutive days on the commune radio
    (Điều 13: items 7–12, 3 days); ``deadline_working_days`` the time from the decision to the
    disclosure (Điều 12 k3; Điều 47).
    """

    code = models.CharField(_("code"), max_length=20, unique=True)
    scope = models.CharField(_("applies to"), max_length=10, choices=DisclosureScope.choices)
    number = models.PositiveSmallIntegerField(_("item number"))
    title = models.CharField(pgettext_lazy("disclosure item", "title"), max_length=300)
    posting_days = models.PositiveSmallIntegerField(_("minimum days posted"), default=30)
    permanent = models.BooleanField(_("posted permanently and updated"), default=False)
    radio_days = models.PositiveSmallIntegerField(_("minimum days on the radio"), default=0)
    deadline_working_days = models.PositiveSmallIntegerField(
        _("working days from decision to disclosure"), default=5
    )
    basis = models.CharField(_("legal basis"), max_length=255)
    # The title is a short label for lists; the article's own words are kept beside it so the
    # unit reads exactly what the law asks it to disclose.
    wording = models.TextField(_("wording of the law"), blank=True)

    class Meta:
        verbose_name = _("disclosure item")
        verbose_name_plural = _("disclosure items")
        ordering = ["scope", "number"]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Threshold(models.TextChoices):
    TWO_THIRDS = "two_thirds", _("at least two thirds of households")
    MAJORITY = "majority", _("more than half of households")


class DecisionMatter(models.Model):
    """One of the six matters the people decide (Điều 15) and the threshold that passes it
    (Điều 21: counted on all households of the village, not on those present)."""

    number = models.PositiveSmallIntegerField(_("matter number"), unique=True)
    title = models.CharField(pgettext_lazy("decision matter", "title"), max_length=300)
    threshold = models.CharField(_("threshold"), max_length=12, choices=Threshold.choices)
    online_allowed = models.BooleanField(_("online vote allowed"), default=False)
    basis = models.CharField(_("legal basis"), max_length=255)

    class Meta:
        verbose_name = _("matter decided by the people")
        verbose_name_plural = _("matters decided by the people")
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class LegalRule(models.Model):
    """A number the law fixes (a period, a share), optionally overridden for one province.

    ``recommendation.answer_days`` has no figure in the law for the Front's recommendations:
    15 days like the people's boards (Luật 10/2022 Điều 40 khoản 1 điểm c) by default, a province
    may set its own.
    """

    code = models.CharField(_("code"), max_length=60)
    province = models.ForeignKey(
        OrgUnit,
        verbose_name=_("province"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Empty: the national rule."),
    )
    value = models.PositiveIntegerField(_("value"))
    label = models.CharField(_("meaning"), max_length=255)
    basis = models.CharField(_("legal basis"), max_length=255)

    class Meta:
        verbose_name = _("legal rule of grassroots democracy")
        verbose_name_plural = _("legal rules of grassroots democracy")
        ordering = ["code", "province_id"]
        constraints = [
            models.UniqueConstraint(fields=["code", "province"], name="participation_rule_once")
        ]

    def __str__(self) -> str:
        return f"{self.code} = {self.value}"


def rule_value(code: str, unit: OrgUnit | None = None) -> int:
    """The rule's value for ``unit``'s province (its own row if any), else the national one."""
    rows = {r.province_id: r.value for r in LegalRule.objects.filter(code=code)}
    if unit is not None:
        from danvan.orgs.models import OrgUnitKind

        province: OrgUnit | None = unit
        while province is not None and province.kind != OrgUnitKind.PROVINCE:
            province = province.parent
        if province is not None and province.pk in rows:
            return rows[province.pk]
    if None not in rows:
        raise LookupError(f"legal rule {code} is not loaded")
    return rows[None]
