"""Petitions and their workflow (Thông tư 05/2021/TT-TTCP on handling petitions).

A :class:`Petition` is owned by its ``handling_unit`` (the scope owner). Its ``state`` moves
along the transitions of :mod:`danvan.petitions.casework.workflow`; every move is a
:class:`PetitionEvent`. The due date of the current step comes from the legal deadline engine;
"overdue" is derived at query time from that date, never stored.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Case, Q, Value, When
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.core.models import ScopedModel, TimestampedModel, VersionedModel
from danvan.core.obligations import DueDateQuerySetMixin
from danvan.core.scoping import ScopedQuerySet
from danvan.orgs.models import OrgUnit


class Topic(models.Model):
    """A subject area of petitions (lĩnh vực), e.g. land, site clearance compensation."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    open311_code = models.CharField(
        _("Open311 service code"),
        max_length=40,
        blank=True,
        help_text=_("Service code published by the Open311 GeoReport v2 API; empty: the code."),
    )
    is_public = models.BooleanField(
        _("offered on the public portal"), default=True, help_text=_("Citizens may choose it.")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def service_code(self) -> str:
        return self.open311_code or self.code


class PetitionKind(models.TextChoices):
    """The four kinds of petition of Thông tư 05/2021/TT-TTCP."""

    COMPLAINT = "complaint", _("Complaint (khiếu nại)")
    DENUNCIATION = "denunciation", _("Denunciation (tố cáo)")
    RECOMMENDATION = "recommendation", _("Recommendation (kiến nghị)")
    FEEDBACK = "feedback", _("Feedback (phản ánh)")


class PetitionSource(models.TextChoices):
    RECEPTION = "reception", _("Citizen reception")
    POST = "post", _("Post")
    ONLINE = "online", _("Online portal")
    TRANSFER = "transfer", _("Transferred by another body")
    DEPUTY = "deputy", _("Elected deputies")
    FRONT = "front", _("Fatherland Front")
    PRESS = "press", _("Press")


class PetitionState(models.TextChoices):
    RECEIVED = "received", _("Received")
    CLASSIFIED = "classified", _("Classified")
    ACCEPTED = "accepted", _("Accepted for resolution")
    TRANSFERRED = "transferred", _("Transferred")
    GUIDED = "guided", _("Petitioner guided")
    ARCHIVED = "archived", _("Archived")
    VERIFYING = "verifying", _("Verifying")
    CONCLUDED = "concluded", _("Concluded")
    ANSWERED = "answered", _("Answered")
    CLOSED = "closed", _("Closed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


#: States in which nothing is awaited from the handling unit any more. In a fixed order, so
#: that "not finished" is written the same way in every process and PostgreSQL matches it to
#: the partial index of open petitions (a set's order varies from one process to the next).
FINISHED_STATES: tuple[str, ...] = tuple(
    sorted(
        {
            PetitionState.TRANSFERRED,
            PetitionState.GUIDED,
            PetitionState.ARCHIVED,
            PetitionState.ANSWERED,
            PetitionState.CLOSED,
            PetitionState.WITHDRAWN,
        }
    )
)
#: Open311 "open"/"closed".
CLOSED_STATES = FINISHED_STATES
FINISHED_LIST = list(FINISHED_STATES)


class Competence(models.TextChoices):
    """Where a classified petition goes (Thông tư 05/2021/TT-TTCP)."""

    WITHIN = "within", _("Within our competence")
    TRANSFER = "transfer", _("To transfer to the competent body")
    GUIDE = "guide", _("To guide the petitioner")


#: How many days before a step's legal deadline it counts as due soon: the tile, the lists and the
#: handlers' reminder (``petitions.obligations``) use the same figure.
DUE_SOON_DAYS = 3


class PetitionQuerySet(DueDateQuerySetMixin, ScopedQuerySet["Petition"]):
    # .overdue(today) / .due_soon(days, today): the current step's legal deadline has passed /
    # is near, and the petition is not finished (core.obligations.DueDateQuerySetMixin).
    def open(self) -> PetitionQuerySet:
        return self.exclude(state__in=FINISHED_LIST)

    def with_timeliness(self, today: dt.date) -> PetitionQuerySet:
        """Annotate ``timeliness``: overdue, due_soon (≤ 3 days), on_time, or done."""
        return self.annotate(
            timeliness=Case(
                When(state__in=FINISHED_STATES, then=Value("done")),
                When(due_on__lt=today, then=Value("overdue")),
                When(due_on__lte=today + dt.timedelta(days=DUE_SOON_DAYS), then=Value("due_soon")),
                default=Value("on_time"),
                output_field=models.CharField(),
            )
        )


class Petition(ScopedModel, TimestampedModel, VersionedModel):
    """One petition (đơn) received by a unit, with its classification and workflow state.

    For a denunciation (tố cáo) the denouncer's identity (``petitioner_*`` fields) is
    confidential (Điều 47, 48 Luật Tố cáo 2018): read it only through
    :func:`danvan.petitions.casework.confidentiality.identity_for`, which checks the reader and
    records the access.
    """

    scope_path_field = "handling_unit__path"
    scope_unit_field = "handling_unit_id"
    version_label = "Đơn"

    # Obligation predicates (core.obligations.DueDateQuerySetMixin: .overdue(), .due_soon()).
    due_date_field = "due_on"
    open_q = ~Q(state__in=FINISHED_STATES)

    # The foreign keys below without their own index are served by the composite indexes of
    # Meta (unit and place lead two of them), or point at rows that are never deleted (officials
    # are deactivated, units are closed): every index costs each intake a write.
    handling_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("handling unit"),
        on_delete=models.PROTECT,
        related_name="petitions",
        db_index=False,
    )
    place = models.ForeignKey(
        OrgUnit,
        verbose_name=pgettext_lazy("petition", "place (commune)"),
        on_delete=models.PROTECT,
        related_name="petitions_arising",
        null=True,
        blank=True,
        help_text=_("The commune where the matter arises."),
        db_index=False,
    )
    tracking_code = models.CharField(_("tracking code"), max_length=16)
    kind = models.CharField(
        pgettext_lazy("petition", "kind"), max_length=16, choices=PetitionKind.choices, blank=True
    )
    source = models.CharField(
        _("source"), max_length=16, choices=PetitionSource.choices, default=PetitionSource.POST
    )
    topic = models.ForeignKey(
        Topic,
        verbose_name=_("topic"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="petitions",
    )
    # Indexed by ``petition_received_idx`` (below), which also covers the volume figures.
    received_on = models.DateField(_("received on"))
    state = models.CharField(
        _("state"),
        max_length=16,
        choices=PetitionState.choices,
        default=PetitionState.RECEIVED,
    )
    title = models.CharField(_("summary"), max_length=255)
    content = models.TextField(_("content"))
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        help_text=_("Where the matter is (WGS84), when the citizen's app sends it."),
    )
    location = models.CharField(
        _("location of the matter"),
        max_length=255,
        blank=True,
        help_text=_("Street, village or landmark where the matter arises, as the sender wrote it."),
    )

    # Petitioner (for a denunciation: the denouncer, confidential).
    is_anonymous = models.BooleanField(_("anonymous"), default=False)
    petitioner_name = models.CharField(_("petitioner's name"), max_length=150, blank=True)
    petitioner_id_number = models.CharField(
        _("identity document number"), max_length=20, blank=True
    )
    petitioner_address = models.CharField(_("petitioner's address"), max_length=255, blank=True)
    petitioner_phone = models.CharField(_("phone"), max_length=30, blank=True)
    petitioner_email = models.EmailField(_("e-mail"), blank=True)
    is_crowded = models.BooleanField(_("crowded (5 or more people)"), default=False)
    crowd_size = models.PositiveSmallIntegerField(_("number of people"), default=1)
    escalated = models.BooleanField(_("escalated (sent to a higher level)"), default=False)
    case = models.ForeignKey(
        "self",
        verbose_name=_("earlier petition of the same matter"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="repeats",
    )

    # Classification (Thông tư 05/2021/TT-TTCP).
    eligible = models.BooleanField(_("eligible for handling"), null=True, blank=True)
    ineligible_reason = models.TextField(_("why not eligible"), blank=True)
    competence = models.CharField(
        _("competence"), max_length=10, choices=Competence.choices, blank=True
    )
    transfer_to = models.ForeignKey(
        OrgUnit,
        verbose_name=_("transferred to"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="petitions_transferred_in",
        db_index=False,
    )
    transfer_to_name = models.CharField(_("competent body"), max_length=255, blank=True)
    instance = models.PositiveSmallIntegerField(
        _("instance"), default=1, help_text=_("First or second instance of a complaint.")
    )
    is_complex = models.BooleanField(_("complex case"), default=False)
    is_especially_complex = models.BooleanField(
        _("especially complex case"),
        default=False,
        help_text=_("Vụ việc đặc biệt phức tạp: a denunciation may then be extended twice."),
    )
    is_remote = models.BooleanField(_("remote area"), default=False)

    # The current step and its legal due date (from the deadline engine).
    step_rule = models.CharField(_("current step rule"), max_length=60, blank=True)
    step_started_on = models.DateField(_("step started on"), null=True, blank=True)
    due_on = models.DateField(
        pgettext_lazy("petition", "due on"), null=True, blank=True, db_index=True
    )
    extensions = models.PositiveSmallIntegerField(_("extensions"), default=0)

    answer = models.TextField(_("answer"), blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    answer_published = models.BooleanField(_("answer published"), default=False)
    rating = models.PositiveSmallIntegerField(_("citizen's rating (1–5)"), null=True, blank=True)
    rating_comment = models.TextField(_("citizen's comment"), blank=True)

    assigned_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handling officer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="petitions_handled",
    )
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("received by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="petitions_received",
        db_index=False,
    )
    # Accent-folded keys for duplicate search.
    name_key = models.CharField(max_length=150, blank=True, editable=False)
    address_key = models.CharField(max_length=255, blank=True, editable=False)
    search_text = models.TextField(blank=True, editable=False)
    # SHA-256 of the client's Idempotency-Key within its caller: a retried POST finds the
    # petition its first try stored instead of storing a second one.
    intake_key = models.CharField(max_length=64, null=True, blank=True, editable=False)

    objects = PetitionQuerySet.as_manager()

    class Meta:
        verbose_name = _("petition")
        verbose_name_plural = _("petitions")
        ordering = ["-received_on", "-id"]
        permissions = [
            ("classify_petition", _("Can classify petitions")),
            ("extend_petition", _("Can extend the deadline of a petition")),
        ]
        # Plain B-trees (no LIKE operator class): every lookup here is by equality or range.
        indexes = [
            models.Index(fields=["name_key", "address_key"], name="petition_person_idx"),
            models.Index(fields=["handling_unit", "state"], name="petition_unit_state_idx"),
            models.Index(fields=["petitioner_id_number"], name="petition_id_number_idx"),
            # The duplicate lookup reads a commune's (or unit's) recent petitions from these
            # without visiting the table on PostgreSQL (INCLUDE is dropped on SQLite).
            models.Index(
                fields=["place", "received_on"],
                include=["id", "handling_unit", "search_text"],
                name="petition_dup_place_idx",
            ),
            models.Index(
                fields=["handling_unit", "received_on"],
                include=["id", "search_text"],
                name="petition_dup_unit_idx",
            ),
            # Open petitions are a few per cent of a register that keeps every year: the
            # dashboards count them (by unit, deadline, crowd) from this index alone (an
            # index-only scan: 27 ms for the country's 124,000 open of 2.5 million, where
            # reading the table took 0.36–0.7 s).
            models.Index(
                fields=["handling_unit", "due_on"],
                include=["id", "state", "is_crowded", "received_on"],
                condition=~Q(state__in=FINISHED_LIST),
                name="petition_open_idx",
            ),
            # Petitions received in a period, counted by commune, topic, month and handling unit
            # (the hotspot dashboard, statistics) from the index alone: three grouped counts
            # of the country's last twelve months read 0.7 s from the table.
            models.Index(
                fields=["received_on"],
                include=["id", "place", "topic", "handling_unit"],
                name="petition_received_idx",
            ),
            # Crowded and escalated cases are few: partial indexes hold only them.
            models.Index(
                fields=["received_on"], condition=Q(is_crowded=True), name="petition_crowded_idx"
            ),
            models.Index(
                fields=["received_on"], condition=Q(escalated=True), name="petition_escalated_idx"
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["tracking_code"], name="petition_tracking_code_unique"),
            # Partial: intakes without a key pay no index write.
            models.UniqueConstraint(
                fields=["intake_key"],
                condition=Q(intake_key__isnull=False),
                name="petition_intake_key_unique",
            ),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                name="petition_rating_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tracking_code}: {self.title}"

    @property
    def is_confidential(self) -> bool:
        """A denouncer's identity is protected (Luật Tố cáo 2018)."""
        return self.kind == PetitionKind.DENUNCIATION

    @property
    def is_finished(self) -> bool:
        return self.state in FINISHED_STATES

    def is_overdue(self, today: dt.date) -> bool:
        return not self.is_finished and self.due_on is not None and self.due_on < today

    def public_status(self) -> dict[str, Any]:
        """What the portal shows to anyone holding the tracking code (no identity).

        A repeat petition linked to the case of its matter shows that case's progress — the
        citizen's matter is being handled there — but never the other petition's code.
        """
        follows = self.case if self.case_id and self.case_id != self.pk else None
        source = follows or self
        return {
            "tracking_code": self.tracking_code,
            "title": self.title,
            "state": source.state,
            "state_label": source.get_state_display(),
            "received_on": self.received_on,
            "due_on": None if source.is_finished else source.due_on,
            "answer": source.answer if source.answer_published else "",
            "handled_with_earlier": follows is not None,
        }


class PetitionEvent(ScopedModel):
    """One step of a petition's workflow: who moved it from which state to which, when, why."""

    scope_path_field = "petition__handling_unit__path"
    scope_unit_field = "petition__handling_unit_id"

    objects = ScopedQuerySet.as_manager()

    petition = models.ForeignKey(
        Petition, verbose_name=_("petition"), on_delete=models.CASCADE, related_name="events"
    )
    from_state = models.CharField(
        _("from state"), max_length=16, choices=PetitionState.choices, blank=True
    )
    to_state = models.CharField(_("to state"), max_length=16, choices=PetitionState.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    on = models.DateField(_("effective on"))
    note = models.TextField(_("note"), blank=True)
    due_on = models.DateField(pgettext_lazy("petition", "due on"), null=True, blank=True)

    class Meta:
        verbose_name = _("petition event")
        verbose_name_plural = _("petition events")
        ordering = ["petition_id", "at", "id"]

    def __str__(self) -> str:
        return f"{self.petition_id}: {self.from_state} → {self.to_state}"


class PetitionExtension(ScopedModel, TimestampedModel):
    """An extension (gia hạn) of a resolution period, with the decision that granted it."""

    scope_path_field = "petition__handling_unit__path"
    scope_unit_field = "petition__handling_unit_id"

    objects = ScopedQuerySet.as_manager()

    petition = models.ForeignKey(
        Petition, verbose_name=_("petition"), on_delete=models.CASCADE, related_name="extension_set"
    )
    number = models.PositiveSmallIntegerField(_("extension number"))
    decision_number = models.CharField(_("decision number"), max_length=60)
    decision_date = models.DateField(_("decision date"))
    reason = models.TextField(_("reason"), blank=True)
    due_on = models.DateField(_("new due date"))

    class Meta:
        verbose_name = _("deadline extension")
        verbose_name_plural = _("deadline extensions")
        ordering = ["petition_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["petition", "number"], name="extension_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.decision_number} ({self.decision_date:%d/%m/%Y})"


def attachment_name(instance: PetitionAttachment, filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"petitions/{instance.sha256[:2]}/{instance.sha256}.{suffix}"


class PetitionAttachment(ScopedModel):
    """A file sent with a petition (checked for type and size on intake)."""

    scope_path_field = "petition__handling_unit__path"
    scope_unit_field = "petition__handling_unit_id"

    objects = ScopedQuerySet.as_manager()

    petition = models.ForeignKey(
        Petition, verbose_name=_("petition"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("file"), upload_to=attachment_name)
    original_name = models.CharField(_("original file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["petition_id", "id"]

    def __str__(self) -> str:
        # Not the file name: it may carry a denouncer's name, and this text goes to the audit log.
        return f"Tệp đính kèm số {self.pk} của đơn số {self.petition_id}"


class IdentityAccess(ScopedModel):
    """A record of someone reading a denouncer's identity (every read is logged)."""

    scope_path_field = "petition__handling_unit__path"
    scope_unit_field = "petition__handling_unit_id"

    objects = ScopedQuerySet.as_manager()

    petition = models.ForeignKey(
        Petition,
        verbose_name=_("petition"),
        on_delete=models.CASCADE,
        related_name="identity_accesses",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    channel = models.CharField(_("channel"), max_length=40)
    request_id = models.CharField(_("request id"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("identity access")
        verbose_name_plural = _("identity accesses")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.petition_id} ({self.channel})"


class Open311Key(TimestampedModel):
    """An API key for Open311 GeoReport v2 clients; only its SHA-256 is stored."""

    name = models.CharField(_("name"), max_length=120)
    prefix = models.CharField(_("key prefix"), max_length=8, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    handling_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("unit receiving the requests"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    is_active = models.BooleanField(_("active"), default=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("Open311 API key")
        verbose_name_plural = _("Open311 API keys")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
