"""The people's boards (Luật 10/2022/QH15) and the coordination programmes.

- Ban Thanh tra nhân dân of a commune (Điều 36–40): as many members as the commune has villages
  and residential groups, at least 5; residents, not commune officials.
- Ban giám sát đầu tư của cộng đồng, one per project (Điều 41–45): at least 5 members.
- Ban Thanh tra nhân dân of an agency (Điều 60): 3 to 9 members for a 2-year term; none where the
  agency has fewer than 8 staff.
A board's findings and recommendations are answered by the unit within
``board.answer_days`` (15 days) — an obligation of the one reminder job.

Coordination programmes (chương trình phối hợp) between a People's Committee and the Front and
socio-political organisations: parties, period, signed document, yearly review; "every unit keeps
a signed programme" is read in :func:`danvan.participation.boards.coordination_gaps`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.core.models import ScopedModel, TimestampedModel, VersionedModel
from danvan.core.scoping import ScopedQuerySet
from danvan.orgs.models import OrgUnit

from .answers import AnswerDue, AnswerDueQuerySetMixin


class BoardKind(models.TextChoices):
    INSPECTION = "inspection", _("People's Inspection Board of the commune")
    INVESTMENT = "investment", _("Community investment supervision board")
    AGENCY = "agency", _("People's Inspection Board of an agency")


class PeopleBoardQuerySet(ScopedQuerySet["PeopleBoard"]):
    pass


class PeopleBoard(ScopedModel, TimestampedModel):
    """A people's board of a commune or agency, for one term (and one project)."""

    scope_path_field = "owner__path"
    scope_unit_field = "owner_id"

    owner = models.ForeignKey(
        OrgUnit,
        verbose_name=_("owner unit"),
        on_delete=models.PROTECT,
        related_name="people_boards",
    )
    kind = models.CharField(
        pgettext_lazy("board", "kind"), max_length=12, choices=BoardKind.choices
    )
    name = models.CharField(pgettext_lazy("board", "name"), max_length=300)
    project = models.CharField(
        _("project supervised"), max_length=300, blank=True, help_text=_("Investment boards only.")
    )
    term_starts = models.DateField(_("term starts on"))
    term_ends = models.DateField(_("term ends on"))
    staff_count = models.PositiveIntegerField(
        _("staff of the agency"), default=0, help_text=_("Agency boards only (Article 60).")
    )

    objects: ClassVar[Any] = PeopleBoardQuerySet.as_manager()

    class Meta:
        verbose_name = _("people's board")
        verbose_name_plural = _("people's boards")
        ordering = ["-term_starts", "id"]

    def __str__(self) -> str:
        return self.name


class BoardMemberQuerySet(ScopedQuerySet["BoardMember"]):
    pass


class BoardMember(ScopedModel):
    scope_path_field = "board__owner__path"
    scope_unit_field = "board__owner_id"

    board = models.ForeignKey(
        PeopleBoard,
        verbose_name=_("people's board"),
        on_delete=models.CASCADE,
        related_name="members",
    )
    name = models.CharField(pgettext_lazy("person", "name"), max_length=200)
    village = models.ForeignKey(
        OrgUnit,
        verbose_name=_("village or residential group"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    position = models.CharField(pgettext_lazy("job title", "position"), max_length=100, blank=True)
    term_ends = models.DateField(
        _("member's term ends on"),
        null=True,
        blank=True,
        help_text=_("Empty: the board's term. Never past the village head's term (Article 36)."),
    )

    objects: ClassVar[Any] = BoardMemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("board member")
        verbose_name_plural = _("board members")
        ordering = ["board_id", "id"]

    def __str__(self) -> str:
        return self.name


class VillageHeadTermQuerySet(ScopedQuerySet["VillageHeadTerm"]):
    def covering(self, village: OrgUnit, day: dt.date) -> VillageHeadTermQuerySet:
        return self.filter(village=village, starts_on__lte=day, ends_on__gte=day)


class VillageHeadTerm(ScopedModel, TimestampedModel):
    """The term of a village head (Trưởng thôn, Tổ trưởng tổ dân phố) as the commune recorded it.

    The People's Inspection Board of the commune serves the same term (Luật 10/2022/QH15, Điều
    36–40: its members are elected at the village meeting that elects the village head): a
    member from a village may not serve past the head's recorded term there.
    """

    scope_path_field = "owner__path"
    scope_unit_field = "owner_id"

    owner = models.ForeignKey(
        OrgUnit,
        verbose_name=_("commune"),
        on_delete=models.PROTECT,
        related_name="village_head_terms",
    )
    village = models.ForeignKey(
        OrgUnit,
        verbose_name=_("village or residential group"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    head_name = models.CharField(_("village head"), max_length=200)
    starts_on = models.DateField(_("term starts on"))
    ends_on = models.DateField(_("term ends on"))

    objects: ClassVar[Any] = VillageHeadTermQuerySet.as_manager()

    class Meta:
        verbose_name = _("village head's term")
        verbose_name_plural = _("village heads' terms")
        ordering = ["village_id", "-starts_on", "id"]

    def __str__(self) -> str:
        return f"{self.starts_on:%Y}–{self.ends_on:%Y}"


class InspectionPlanQuerySet(ScopedQuerySet["InspectionPlan"]):
    pass


class InspectionPlan(ScopedModel, TimestampedModel):
    """An inspection the People's Inspection Board plans (kế hoạch kiểm tra, giám sát), sent to
    the commune at least ``board.plan_notice_working_days`` (5) working days before it starts
    (Nghị định 59/2023/NĐ-CP, Điều 14 khoản 1 điểm b: sent to the Front's committee and the
    chairperson of the commune «chậm nhất 05 ngày làm việc trước khi tiến hành hoạt động kiểm tra,
    giám sát»; the plans themselves: Luật 10/2022/QH15, Điều 39 khoản 2), through the working
    calendar of :mod:`danvan.deadlines`."""

    scope_path_field = "board__owner__path"
    scope_unit_field = "board__owner_id"

    board = models.ForeignKey(
        PeopleBoard,
        verbose_name=_("people's board"),
        on_delete=models.CASCADE,
        related_name="inspection_plans",
    )
    subject = models.CharField(_("what is inspected"), max_length=300)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    sent_on = models.DateField(_("sent to the commune on"))

    objects: ClassVar[Any] = InspectionPlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("inspection plan")
        verbose_name_plural = _("inspection plans")
        ordering = ["-starts_on", "id"]

    def __str__(self) -> str:
        return self.subject[:80]


class BoardFindingQuerySet(AnswerDueQuerySetMixin, ScopedQuerySet["BoardFinding"]):
    pass


class BoardFinding(ScopedModel, TimestampedModel, VersionedModel, AnswerDue):
    """A finding or recommendation of a board, which the unit must answer in 15 days."""

    version_label = "Kiến nghị của Ban"
    scope_path_field = "board__owner__path"
    scope_unit_field = "board__owner_id"

    board = models.ForeignKey(
        PeopleBoard,
        verbose_name=_("people's board"),
        on_delete=models.CASCADE,
        related_name="findings",
    )
    text = models.TextField(_("finding or recommendation"))
    sent_on = models.DateField(_("sent on"))
    inspection_plan = models.ForeignKey(
        InspectionPlan,
        verbose_name=_("inspection plan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="findings",
    )

    objects: ClassVar[Any] = BoardFindingQuerySet.as_manager()

    class Meta:
        verbose_name = _("board finding")
        verbose_name_plural = _("board findings")
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class CoordinationProgrammeQuerySet(ScopedQuerySet["CoordinationProgramme"]):
    def signed_on(self, day: dt.date) -> CoordinationProgrammeQuerySet:
        """Programmes signed and in force on ``day``."""
        return self.filter(signed_on__isnull=False, starts_on__lte=day, ends_on__gte=day)


class CoordinationProgramme(ScopedModel, TimestampedModel):
    """A coordination programme of a People's Committee with the Front and mass organisations."""

    scope_path_field = "owner__path"
    scope_unit_field = "owner_id"

    owner = models.ForeignKey(
        OrgUnit,
        verbose_name=_("owner unit"),
        on_delete=models.PROTECT,
        related_name="coordination_programmes",
    )
    title = models.CharField(pgettext_lazy("programme", "title"), max_length=300)
    parties = models.CharField(
        _("parties"), max_length=500, help_text=_("e.g. Ủy ban MTTQ, Hội Nông dân, Đoàn Thanh niên")
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    document_reference = models.CharField(_("document number"), max_length=120, blank=True)
    last_reviewed_on = models.DateField(_("last yearly review on"), null=True, blank=True)

    objects: ClassVar[Any] = CoordinationProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = _("coordination programme")
        verbose_name_plural = _("coordination programmes")
        ordering = ["-starts_on", "id"]

    def __str__(self) -> str:
        return self.title
