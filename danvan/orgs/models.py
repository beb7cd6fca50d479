"""The Vietnamese system of state and political bodies, as it is and as it was."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from danvan.core.models import ScopedModel
from danvan.core.scoping import ScopedQuerySet, subtree_upper_bound
from danvan.core.text import fold


class OrgUnitKind(models.TextChoices):
    """Kinds of unit; the 2025 reform (Nghị quyết 202/2025/QH15) ended the district level."""

    PROVINCE = "province", _("Province People's Committee")
    DEPARTMENT = "department", _("Provincial department or agency")
    DISTRICT = "district", _("District People's Committee (until 30/6/2025)")
    COMMUNE = "commune", _("Commune-level People's Committee")
    VILLAGE = "village", _("Village or residential group")
    PARTY = "party", _("Party committee or board")
    FRONT = "front", _("Fatherland Front or socio-political organisation")
    PUBLIC_SERVICE = "public_service", _("Public service unit")
    PRESS = "press", _("Press and broadcaster")


def exists_on(on: dt.date | None = None) -> Q:
    """Units whose validity covers ``on`` (today, in Vietnam's time zone, by default)."""
    day = on or timezone.localdate()
    return (Q(valid_from__isnull=True) | Q(valid_from__lte=day)) & (
        Q(valid_to__isnull=True) | Q(valid_to__gte=day)
    )


class OrgUnitQuerySet(ScopedQuerySet["OrgUnit"]):
    def subtree(self, unit: OrgUnit, include_self: bool = True) -> OrgUnitQuerySet:
        """The unit and everything under it: one range scan on the path index."""
        qs = self.filter(path__gte=unit.path, path__lt=subtree_upper_bound(unit.path))
        return qs if include_self else qs.exclude(pk=unit.pk)

    def current(self, on: dt.date | None = None) -> OrgUnitQuerySet:
        """Units that exist on ``on`` (today by default)."""
        return self.filter(exists_on(on))

    def search(self, text: str) -> OrgUnitQuerySet:
        """Accent-insensitive search over names, short names and codes."""
        qs = self
        for word in fold(text).split():
            qs = qs.filter(search_text__contains=word)
        return qs


class OrgUnit(ScopedModel):
    """An org unit (đơn vị): a People's Committee, a department, a Front committee, …"""

    scope_path_field = "path"
    scope_unit_field = "id"

    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=120, blank=True)
    code = models.CharField(
        _("statistics code"),
        max_length=16,
        blank=True,
        db_index=True,
        help_text=_("Code of the General Statistics Office (mã đơn vị hành chính), if any."),
    )
    key = models.CharField(
        _("key"),
        max_length=120,
        unique=True,
        help_text=_("Stable identifier used by imports, e.g. p04 or w01273.mttq."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=OrgUnitKind.choices, db_index=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(_("path"), max_length=255, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(_("depth"), default=0, editable=False)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    search_text = models.TextField(editable=False, default="")

    objects = OrgUnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("org unit")
        verbose_name_plural = _("org units")
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="orgunit_valid_range",
            )
        ]

    def __str__(self) -> str:
        return self.short_name or self.name

    @property
    def display_name(self) -> str:
        return self.short_name or self.name

    def is_current(self, on: dt.date | None = None) -> bool:
        day = on or timezone.localdate()
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or self.valid_to >= day
        )

    def refresh_search_text(self) -> None:
        self.search_text = fold(" ".join(filter(None, [self.name, self.short_name, self.code])))

    def ancestors(self) -> OrgUnitQuerySet:
        """The units above this one, root first (one query)."""
        from .paths import SEGMENT_WIDTH

        ancestor_paths = [
            self.path[:i] for i in range(SEGMENT_WIDTH, len(self.path), SEGMENT_WIDTH)
        ]
        return OrgUnit.objects.filter(path__in=ancestor_paths).order_by("path")

    def predecessor_paths(self) -> list[tuple[int, str]]:
        """Units outside this subtree whose data rolls up into it through merges and splits.

        Follows events backwards from every unit of the subtree until no new predecessor is
        found; a handful of queries however long the history.
        """
        cached: list[tuple[int, str]] | None = self.__dict__.get("_predecessor_paths")
        if cached is not None:
            return cached
        upper = subtree_upper_bound(self.path)
        found: dict[int, str] = {}
        frontier = Q(
            events_as_predecessor__successors__path__gte=self.path,
            events_as_predecessor__successors__path__lt=upper,
        )
        while True:
            rows = (
                OrgUnit.objects.filter(frontier)
                .exclude(path__gte=self.path, path__lt=upper)
                .exclude(pk__in=found.keys())
                .values_list("pk", "path")
                .distinct()
            )
            new = dict(rows)
            if not new:
                break
            found.update(new)
            frontier = Q(events_as_predecessor__successors__in=list(new))
        result = sorted(found.items())
        self.__dict__["_predecessor_paths"] = result
        return result


class OrgUnitEventKind(models.TextChoices):
    ESTABLISH = "establish", _("Establishment")
    RENAME = "rename", _("Rename")
    MERGE = "merge", _("Merge")
    SPLIT = "split", _("Split")
    TRANSFER = "transfer", _("Transfer to another parent")
    DISSOLVE = "dissolve", _("Dissolution")


class OrgUnitEventQuerySet(ScopedQuerySet["OrgUnitEvent"]):
    pass


class OrgUnitEvent(ScopedModel):
    """A change in the system (sáp nhập, chia tách, đổi tên) linking predecessors to successors.

    Data entered under a predecessor rolls up to its successors; a rename has the same unit on
    both sides and keeps the old name.
    """

    scope_path_field = "subject__path"
    scope_unit_field = "subject_id"

    kind = models.CharField(_("kind"), max_length=20, choices=OrgUnitEventKind.choices)
    effective_on = models.DateField(_("effective on"))
    legal_basis = models.CharField(
        _("legal basis"),
        max_length=255,
        blank=True,
        help_text=_("E.g. Nghị quyết số 1657/NQ-UBTVQH15 ngày 16/6/2025."),
    )
    description = models.TextField(_("description"), blank=True)
    old_name = models.CharField(_("old name"), max_length=255, blank=True)
    new_name = models.CharField(_("new name"), max_length=255, blank=True)
    subject = models.ForeignKey(
        OrgUnit,
        verbose_name=_("main unit"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The successor that owns the event, for permissions."),
    )
    predecessors = models.ManyToManyField(
        OrgUnit, verbose_name=_("predecessors"), related_name="events_as_predecessor"
    )
    successors = models.ManyToManyField(
        OrgUnit, verbose_name=_("successors"), related_name="events_as_successor"
    )

    objects = OrgUnitEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("org unit event")
        verbose_name_plural = _("org unit events")
        ordering = ["-effective_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.effective_on:%d/%m/%Y}"


class MandateFunction(models.TextChoices):
    """Functions in which one body acts for another that is not above it in the tree.

    Each names the permissions it carries (:data:`MANDATE_PERMISSIONS`): an official of the
    acting body holds, at the principal unit itself (never its subtree), only those of their
    role's permissions that fall within the function.
    """

    COMPLAINTS = "complaints", _("Citizen reception, petitions, complaints and denunciations")
    REPORTING = "reporting", _("Consolidating periodic reports")


#: Permission prefixes each function carries (``app_label.``). A denouncer's identity
#: (``identity.read_denouncer``) is deliberately absent: acting for the province on its cases
#: reveals a denouncer only to the officials handling that case (Luật Tố cáo 2018 Điều 47).
MANDATE_PERMISSIONS: dict[str, tuple[str, ...]] = {
    MandateFunction.COMPLAINTS: ("petitions.",),
    MandateFunction.REPORTING: ("reporting.",),
}


class MandateQuerySet(ScopedQuerySet["Mandate"]):
    def current(self, on: dt.date | None = None) -> MandateQuerySet:
        day = on or timezone.localdate()
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_until__isnull=True) | Q(valid_until__gte=day),
        )


class Mandate(ScopedModel):
    """A body acting for another in one function (giao tham mưu, giúp việc theo lĩnh vực).

    The provincial inspectorate (Thanh tra tỉnh) receives citizens and settles the complaints
    and denunciations that fall to the Chairman of the province's People's Committee (Luật
    Thanh tra 11/2022/QH15 Điều 5; Luật Khiếu nại 2011 Điều 21; each province's decision on the
    inspectorate's functions), although it is a department beside the others, not above the
    committee. A mandate lets the agent's officials act on the principal's own records in that
    function, as their role allows, and nothing else of the principal. Owned by the principal:
    its administrators grant and end it.
    """

    scope_path_field = "principal__path"
    scope_unit_field = "principal_id"

    principal = models.ForeignKey(
        OrgUnit,
        verbose_name=_("on behalf of"),
        on_delete=models.PROTECT,
        related_name="mandates_given",
    )
    agent = models.ForeignKey(
        OrgUnit,
        verbose_name=_("acting body"),
        on_delete=models.PROTECT,
        related_name="mandates_held",
    )
    function = models.CharField(
        pgettext_lazy("mandate", "function"), max_length=20, choices=MandateFunction.choices
    )
    legal_basis = models.CharField(_("legal basis"), max_length=500)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    objects = MandateQuerySet.as_manager()

    class Meta:
        verbose_name = _("mandate to act for another body")
        verbose_name_plural = _("mandates to act for another body")
        ordering = ["principal__path", "function"]
        constraints = [
            models.UniqueConstraint(
                fields=["principal", "agent", "function"], name="mandate_unique_function"
            ),
            models.CheckConstraint(
                condition=~Q(principal=models.F("agent")), name="mandate_not_to_itself"
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_until__gte=models.F("valid_from")),
                name="mandate_valid_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agent} — {self.get_function_display()} — {self.principal}"
