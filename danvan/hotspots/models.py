"""Public-opinion signals (tình hình dư luận) and hotspots (điểm nóng).

Officers log what they hear outside the petition register — at meetings, in the press, on social
networks, from the Fatherland Front — with its commune and topic. Rules that administrators edit
(data with their basis) flag a commune × topic as a *candidate* hotspot when enough petitions or
signals gather there within a window, or when a crowded or escalated case arises. Candidates are
computed at query time (:mod:`danvan.hotspots.detection`); an officer who confirms one records a
:class:`HotspotCase`.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from danvan.core.models import ScopedModel, TimestampedModel, VersionedModel
from danvan.core.scoping import ScopedQuerySet
from danvan.orgs.models import OrgUnit
from danvan.petitions.models import Topic


class SignalSource(models.TextChoices):
    MEETING = "meeting", _("Meeting or voter contact")
    PRESS = "press", _("Press")
    SOCIAL = "social", _("Social network")
    FRONT = "front", _("Fatherland Front")
    OTHER = "other", _("Other")


class OpinionSignalQuerySet(ScopedQuerySet["OpinionSignal"]):
    pass


class OpinionSignal(ScopedModel, TimestampedModel):
    """One public-opinion signal about a matter in a commune."""

    scope_path_field = "owner__path"
    scope_unit_field = "owner_id"

    owner = models.ForeignKey(
        OrgUnit,
        verbose_name=_("owner unit"),
        on_delete=models.PROTECT,
        related_name="opinion_signals",
    )
    place = models.ForeignKey(
        OrgUnit,
        verbose_name=_("place (commune)"),
        on_delete=models.PROTECT,
        related_name="opinion_signals_arising",
        help_text=_("The commune where the matter arises."),
    )
    topic = models.ForeignKey(
        Topic, verbose_name=_("topic"), on_delete=models.PROTECT, related_name="opinion_signals"
    )
    source = models.CharField(_("source"), max_length=10, choices=SignalSource.choices)
    observed_on = models.DateField(_("observed on"), db_index=True)
    summary = models.TextField(_("summary"))
    people_involved = models.PositiveIntegerField(
        _("people involved (estimate)"), null=True, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = OpinionSignalQuerySet.as_manager()

    class Meta:
        verbose_name = _("opinion signal")
        verbose_name_plural = _("opinion signals")
        ordering = ["-observed_on", "-id"]
        indexes = [
            models.Index(fields=["place", "topic", "observed_on"], name="signal_place_topic_day"),
        ]

    def __str__(self) -> str:
        return f"{self.observed_on:%d/%m/%Y} · {self.summary[:60]}"


class RuleKind(models.TextChoices):
    VOLUME = "volume", _("Many petitions or signals in one commune and topic")
    CROWDED = "crowded", _("Crowded (group) petition")
    ESCALATED = "escalated", _("Case escalated to a higher level")


class HotspotRule(models.Model):
    """When a commune × topic becomes a candidate hotspot; national data with its basis.

    A rule counts, per commune and topic, the matching items received in the last
    ``window_days`` days and flags the pair when the count reaches ``threshold``: all petitions
    (and signals, if counted) for a volume rule, crowded petitions for a crowded rule, escalated
    petitions for an escalation rule.
    """

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=RuleKind.choices)
    threshold = models.PositiveIntegerField(
        _("threshold"),
        validators=[MinValueValidator(1)],
        help_text=_("Flag when at least this many matching items are counted."),
    )
    window_days = models.PositiveIntegerField(
        _("window (days)"),
        validators=[MinValueValidator(1)],
        help_text=_("Count the items of the last this many days (today included)."),
    )
    count_petitions = models.BooleanField(_("count petitions"), default=True)
    count_signals = models.BooleanField(
        _("count opinion signals"),
        default=True,
        help_text=_("Only for volume rules: signals count alongside petitions."),
    )
    description = models.TextField(_("description"), blank=True)
    basis = models.TextField(_("basis"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("hotspot rule")
        verbose_name_plural = _("hotspot rules")
        ordering = ["position", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(threshold__gte=1) & Q(window_days__gte=1), name="hotspotrule_positive"
            )
        ]

    def __str__(self) -> str:
        return self.name


class HotspotStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed hotspot")
    RESOLVED = "resolved", _("Resolved")


class HotspotCaseQuerySet(ScopedQuerySet["HotspotCase"]):
    def open(self) -> HotspotCaseQuerySet:
        return self.filter(status=HotspotStatus.CONFIRMED)


class HotspotCase(ScopedModel, VersionedModel):
    """A candidate an officer confirmed as a hotspot (điểm nóng), with the figures at the time."""

    scope_path_field = "owner__path"
    scope_unit_field = "owner_id"
    version_label = "Điểm nóng"

    owner = models.ForeignKey(
        OrgUnit,
        verbose_name=_("owner unit"),
        on_delete=models.PROTECT,
        related_name="hotspot_cases",
    )
    place = models.ForeignKey(
        OrgUnit,
        verbose_name=_("place (commune)"),
        on_delete=models.PROTECT,
        related_name="hotspot_cases_arising",
    )
    topic = models.ForeignKey(
        Topic, verbose_name=_("topic"), on_delete=models.PROTECT, related_name="hotspot_cases"
    )
    rule = models.ForeignKey(
        HotspotRule,
        verbose_name=_("rule that flagged it"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cases",
    )
    window_start = models.DateField(_("window start"))
    window_end = models.DateField(_("window end"))
    petitions_count = models.PositiveIntegerField(_("petitions counted"), default=0)
    signals_count = models.PositiveIntegerField(_("signals counted"), default=0)
    note = models.TextField(_("note"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=HotspotStatus.choices,
        default=HotspotStatus.CONFIRMED,
        db_index=True,
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), auto_now_add=True)
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)

    objects = HotspotCaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("hotspot")
        verbose_name_plural = _("hotspots")
        ordering = ["-confirmed_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["place", "topic"],
                condition=Q(status="confirmed"),
                name="hotspot_one_open_per_place_topic",
            )
        ]

    def __str__(self) -> str:
        return f"{self.place} · {self.topic}"
