"""The cascade: a plan requires the units below to issue their own implementing plans.

``cascade_plan`` creates one :class:`ImplementationObligation` per addressed unit (chosen by
kind within a subtree); a unit's plan naming the parent fulfils it. ``compliance`` counts, for
every unit of a level, its units on time / late / missing with one grouped query over the
materialised path (a range scan and a ``GROUP BY`` on a path prefix), so the 3,321 communes of
the country are counted in one round trip. A unit merged away hands its obligations to its
successor (``succession.hand_over_plan_obligations``, run by the one hook of
``danvan.orgs.succession``), so the counts stay right across the 2025 reform.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, F, Q
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.audit import acting_as, log_bulk_created
from danvan.core.errors import UserError
from danvan.core.scoping import subtree_upper_bound
from danvan.orgs.models import OrgUnit, OrgUnitKind
from danvan.orgs.paths import SEGMENT_WIDTH
from danvan.orgs.succession import carrier_of

from .models import (
    ComplianceState,
    ImplementationObligation,
    ObligationQuerySet,
    Plan,
    PlanStatus,
)
from .services import can_change_plan

log = logging.getLogger(__name__)

CASCADE_KINDS = (OrgUnitKind.DEPARTMENT, OrgUnitKind.COMMUNE, OrgUnitKind.PROVINCE)


@dataclass
class CascadeResult:
    created: int
    existing: int

    @property
    def message(self) -> str:
        text = _("%(created)s units were asked to draw up an implementing plan.") % {
            "created": self.created
        }
        if self.existing:
            text += " " + _("%(existing)s units had been asked before.") % {
                "existing": self.existing
            }
        return text


def cascade_plan(
    plan: Plan,
    *,
    kinds: Sequence[str],
    due_on: dt.date,
    root: OrgUnit | None = None,
    actor: Any,
) -> CascadeResult:
    """Require every current unit of ``kinds`` under ``root`` to issue a plan by ``due_on``.

    Idempotent: units already addressed keep their obligation (and its due date).
    """
    if not can_change_plan(actor, plan):
        raise PermissionDenied
    root = root or plan.owner
    if not (root.path >= plan.owner.path and root.path < subtree_upper_bound(plan.owner.path)):
        raise UserError(_("Only units under the unit issuing the plan can be assigned."))
    kinds = [k for k in kinds if k in OrgUnitKind.values]
    if not kinds:
        raise UserError(
            _("Choose at least one kind of unit that must draw up an implementing plan.")
        )
    if due_on < plan.starts_on:
        raise UserError(
            _(
                "The deadline for issuing implementing plans (%(due_on)s) is before the"
                " plan starts (%(starts_on)s)."
            )
            % {
                "due_on": format(due_on, "%d/%m/%Y"),
                "starts_on": format(plan.starts_on, "%d/%m/%Y"),
            }
        )
    units = list(
        OrgUnit.objects.current()
        .subtree(root, include_self=False)
        .filter(kind__in=kinds)
        .values_list("pk", flat=True)
    )
    with transaction.atomic(), acting_as(actor):
        existing = set(
            ImplementationObligation.objects.filter(plan=plan, unit_id__in=units).values_list(
                "unit_id", flat=True
            )
        )
        new = [
            ImplementationObligation(plan=plan, unit_id=pk, holder_id=pk, due_on=due_on)
            for pk in units
            if pk not in existing
        ]
        ImplementationObligation.objects.bulk_create(new, batch_size=1000)
        created = list(
            ImplementationObligation.objects.filter(plan=plan, unit_id__in=[o.unit_id for o in new])
        )
        log_bulk_created(created, actor=actor)  # type: ignore[arg-type]
        if created:
            # Thousands of units may be addressed at once: tell them from the task consumer,
            # once the obligations are committed.
            ids = [o.pk for o in created]
            transaction.on_commit(lambda: _announce(ids))
        # Plans the addressed units had already issued count at once.
        for child in Plan.objects.filter(
            parent=plan, status=PlanStatus.ISSUED, owner_id__in=[o.unit_id for o in new]
        ):
            fulfil_obligation(child)
    return CascadeResult(len(new), len(existing))


def _announce(ids: list[int]) -> None:
    from .tasks import announce_obligations

    try:
        announce_obligations(ids)
    except Exception:  # noqa: BLE001  (the queue is unreachable: Redis down)
        # The obligations are committed; the request must not fail after the fact, and the
        # units must still be told: tell them now (notify() keeps one notice per unit and key).
        log.warning(
            "task queue unreachable; announcing %s new obligations in the request", len(ids),
            exc_info=True,
        )  # fmt: skip
        from .notices import announce_new_obligations

        announce_new_obligations(ids)


def fulfil_obligation(child: Plan) -> ImplementationObligation | None:
    """Record that ``child`` (issued, with a parent) fulfils its owner's obligation.

    Called inside the caller's transaction. The first issued plan counts; its issue date
    decides on time or late.
    """
    if not child.parent_id or not child.issued_on:
        return None
    obligation = (
        ImplementationObligation.objects.filter(
            plan_id=child.parent_id, holder_id=child.owner_id, absorbed_into__isnull=True
        )
        .order_by("id")
        .first()
    )
    if obligation is None or obligation.fulfilled_by_id:
        return obligation
    obligation.fulfilled_by = child
    obligation.submitted_on = child.issued_on
    obligation.save(update_fields=["fulfilled_by", "submitted_on"])
    return obligation


def hand_over_obligations(
    predecessors: Sequence[OrgUnit],
    *,
    actor: Any,
) -> int:
    """Give the obligations of units merged away to the units that carry them on (what the
    merge hook of :mod:`danvan.orgs.succession` runs); the number moved or absorbed."""
    from .succession import hand_over_plan_obligations

    moved = 0
    with transaction.atomic(), acting_as(actor):
        for unit in predecessors:
            successor = carrier_of(unit)
            if successor.pk != unit.pk:
                moved += hand_over_plan_obligations(unit, successor)
    return moved


# --- compliance -----------------------------------------------------------------------------


@dataclass
class Counts:
    total: int = 0
    on_time: int = 0
    late: int = 0
    missing: int = 0
    pending: int = 0

    @property
    def submitted(self) -> int:
        return self.on_time + self.late

    def pct(self, n: int) -> float:
        return round(100 * n / self.total, 1) if self.total else 0.0

    @property
    def on_time_pct(self) -> float:
        return self.pct(self.on_time)

    @property
    def late_pct(self) -> float:
        return self.pct(self.late)

    @property
    def missing_pct(self) -> float:
        return self.pct(self.missing)

    @property
    def pending_pct(self) -> float:
        return self.pct(self.pending)

    @property
    def submitted_pct(self) -> float:
        return self.pct(self.submitted)

    def add(self, other: Counts) -> None:
        self.total += other.total
        self.on_time += other.on_time
        self.late += other.late
        self.missing += other.missing
        self.pending += other.pending


@dataclass
class LevelRow:
    unit: OrgUnit
    counts: Counts
    obligation: ImplementationObligation | None = None


@dataclass
class Compliance:
    plan: Plan
    root: OrgUnit | None
    total: Counts
    rows: list[LevelRow] = field(default_factory=list)
    ancestors: list[OrgUnit] = field(default_factory=list)


def _state_counts(today: dt.date) -> dict[str, Any]:
    """Counts by state as of ``today`` (a plan issued after ``today`` is not yet submitted)."""
    submitted = Q(submitted_on__isnull=False, submitted_on__lte=today)
    return {
        "total": Count("id"),
        "on_time": Count("id", filter=submitted & Q(submitted_on__lte=F("due_on"))),
        "late": Count("id", filter=submitted & Q(submitted_on__gt=F("due_on"))),
        "missing": Count("id", filter=~submitted & Q(due_on__lt=today)),
        "pending": Count("id", filter=~submitted & Q(due_on__gte=today)),
    }


def counts_of(row: Any) -> Counts:
    """A :class:`Counts` from a row of :func:`_state_counts` aggregates (other keys ignored)."""
    return Counts(
        **{k: int(row[k] or 0) for k in ("total", "on_time", "late", "missing", "pending")}
    )


def obligations_under(plan: Plan, root: OrgUnit | None) -> ObligationQuerySet:
    """The counted obligations of ``plan`` held by units in ``root``'s subtree (a range scan);
    every counted obligation of the plan when ``root`` is None (the whole country)."""
    qs = cast(ObligationQuerySet, ImplementationObligation.objects.all())
    qs = qs.counted().filter(plan=plan)
    if root is None:
        return qs
    return qs.filter(
        holder__path__gte=root.path,
        holder__path__lt=subtree_upper_bound(root.path),
    )


def compliance(
    plan: Plan, root: OrgUnit | None = None, today: dt.date | None = None, national: bool = False
) -> Compliance:
    """Counts for ``root`` and each of its children (rolled up over their subtrees).

    Two grouped queries whatever the number of units: one for the total, one grouped by the
    path prefix of the level below ``root``; plus one to name the units of that level. With
    ``national`` the root is the whole country and the level below it the provinces.
    """
    day = today or timezone.localdate()
    top = None if national else (root or plan.owner)
    base = obligations_under(plan, top)
    aggregates = _state_counts(day)
    total = counts_of(base.aggregate(**aggregates))
    prefix_len = (len(top.path) if top else 0) + SEGMENT_WIDTH
    below = base.exclude(holder_id=top.pk) if top else base
    grouped = (
        below.annotate(prefix=Substr("holder__path", 1, prefix_len))
        .values("prefix")
        .annotate(**aggregates)
        .order_by()
    )
    by_prefix = {row["prefix"]: counts_of(row) for row in grouped}
    units = {u.path: u for u in OrgUnit.objects.filter(path__in=list(by_prefix))}
    rows = [LevelRow(units[p], counts) for p, counts in by_prefix.items() if p in units]
    leaf_obligations = {
        o.holder_id: o
        for o in ImplementationObligation.objects.counted()
        .filter(plan=plan, holder_id__in=[r.unit.pk for r in rows])
        .select_related("fulfilled_by")
    }
    for row in rows:
        row.obligation = leaf_obligations.get(row.unit.pk)
    rows.sort(key=lambda r: (r.unit.kind, r.unit.name))
    return Compliance(plan, top, total, rows, list(top.ancestors()) if top else [])


def compliance_by_kind(
    plan: Plan, root: OrgUnit | None, today: dt.date | None = None
) -> list[tuple[str, Counts]]:
    """Counts per kind of unit (departments, communes) under ``root``."""
    day = today or timezone.localdate()
    base = obligations_under(plan, root)
    rows = base.values("holder__kind").annotate(**_state_counts(day)).order_by()
    labels = dict(OrgUnitKind.choices)
    return [(str(labels.get(r["holder__kind"], "")), counts_of(r)) for r in rows]


@dataclass(frozen=True)
class UnitRow:
    """One addressed unit of the compliance list (plain values, no model instances)."""

    obligation_id: int
    holder_id: int
    holder_name: str
    due_on: dt.date
    submitted_on: dt.date | None
    fulfilled_by_id: int | None
    fulfilled_by_number: str
    state: str

    @property
    def state_label(self) -> str:
        return str(ComplianceState(self.state).label)


def unit_rows(
    plan: Plan,
    root: OrgUnit | None,
    state: str = "",
    today: dt.date | None = None,
    limit: int | None = 200,
) -> list[UnitRow]:
    """The addressed units under ``root`` with their state (filtered by ``state``).

    Read as plain values in one query: the list of all 3,321 communes stays cheap.
    """
    day = today or timezone.localdate()
    qs = obligations_under(plan, root).with_state(day)
    if state in ComplianceState.values:
        qs = qs.filter(derived_state=state)  # type: ignore[misc]
    rows = qs.order_by("holder__path").values_list(  # type: ignore[misc]
        "pk",
        "holder_id",
        "holder__name",
        "due_on",
        "submitted_on",
        "fulfilled_by_id",
        "fulfilled_by__number",
        "derived_state",
    )
    return [
        UnitRow(pk, holder, name, due, submitted, fulfilled, number or "", state)
        for pk, holder, name, due, submitted, fulfilled, number, state in (
            rows[:limit] if limit else rows
        )
    ]


def submit_implementing_plan(
    obligation: ImplementationObligation,
    *,
    source: Any,
    filename: str,
    issued_on: dt.date | None = None,
    actor: Any,
) -> Plan:
    """The addressed unit uploads its issued plan: it is registered, becomes a plan that
    implements the parent, and fulfils the obligation (on time or late by its issue date)."""
    from danvan.documents.services import import_document

    from .services import can_add_plan, create_plan

    unit = obligation.holder
    if not can_add_plan(actor, unit):
        raise PermissionDenied
    parent = obligation.plan
    with transaction.atomic():
        result = import_document(source, filename=filename, owner=unit, actor=actor, confirm=True)
        document = result.document
        existing = Plan.objects.filter(issued_document=document).first()
        if existing is not None:
            raise UserError(
                _("The document %(document)s is already used for the plan «%(existing)s».")
                % {"document": document, "existing": existing}
            )
        day = issued_on or document.issued_on or timezone.localdate()
        plan = create_plan(
            owner=unit,
            title=document.title or f"Thực hiện {parent}",
            number=document.number,
            year_from=parent.year_from,
            year_to=parent.year_to,
            parent=parent,
            purpose=parent.purpose,
            requirements=parent.requirements,
            issued_on=day,
            issued_document=document,
            actor=actor,
        )
    return plan
