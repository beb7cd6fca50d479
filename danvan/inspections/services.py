"""Domain operations of inspections: plan, round (units, team, notice), findings with a
responsible unit and a deadline, the unit's reports, closing. One transaction per write as the
acting official; bad input is a Vietnamese :class:`UserError` and nothing is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from danvan.core import scoping
from danvan.core.audit import acting_as
from danvan.core.errors import UserError
from danvan.core.scoping import Action, check_assignees, holds_at, permission_name, user_can
from danvan.orgs.models import OrgUnit

from .models import (
    Finding,
    FindingReport,
    FindingStatus,
    InspectionPlan,
    InspectionRound,
    TeamMember,
)


def units_where(
    user: Any, model: type[Any] = InspectionPlan, action: str = Action.ADD
) -> QuerySet[OrgUnit]:
    return scoping.units_where(user, permission_name(model, action))


def _required(value: Any, label: str) -> None:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise UserError(_("Missing: %(what)s.") % {"what": label})


def create_plan(
    owner: OrgUnit, *, year: int | None, title: str, basis: str = "", actor: Any
) -> InspectionPlan:
    if not holds_at(actor, permission_name(InspectionPlan, Action.ADD), owner):
        raise PermissionDenied
    _required(title, _("the title of the inspection plan"))
    if year is None or not 2000 <= year <= 2100:
        raise UserError(_("The year of the inspection plan is not valid."))
    with transaction.atomic(), acting_as(actor):
        return InspectionPlan.objects.create(
            owner=owner, year=year, title=title.strip(), basis=(basis or "").strip()
        )


def update_plan(
    plan: InspectionPlan,
    *,
    version: int | None,
    year: int | None,
    title: str,
    basis: str = "",
    actor: Any,
) -> InspectionPlan:
    """Correct a plan's year, title or basis (its owner stays); refuses a stale ``version`` and
    a year its rounds do not fall in."""
    if not user_can(actor, InspectionPlan, Action.CHANGE, plan):
        raise PermissionDenied
    _required(title, _("the title of the inspection plan"))
    if year is None or not 2000 <= year <= 2100:
        raise UserError(_("The year of the inspection plan is not valid."))
    with transaction.atomic(), acting_as(actor):
        current = InspectionPlan.objects.select_for_update().get(pk=plan.pk)
        current.check_version(version)
        outside = current.rounds.exclude(starts_on__year=year).exclude(ends_on__year=year)
        if outside.exists():
            raise UserError(
                _(
                    "The plan has inspection rounds outside %(year)s; move them or keep the "
                    "plan's year."
                )
                % {"year": year}
            )
        current.year = year
        current.title = title.strip()
        current.basis = (basis or "").strip()
        current.bump_version()
        current.save()
    return current


def _require_change(actor: Any, round_: InspectionRound) -> None:
    if not user_can(actor, InspectionRound, Action.CHANGE, round_):
        raise PermissionDenied


def create_round(
    plan: InspectionPlan,
    *,
    title: str,
    units: Sequence[OrgUnit],
    starts_on: dt.date | None,
    ends_on: dt.date | None,
    team: Sequence[dict[str, str]] = (),
    notice_sent_on: dt.date | None = None,
    actor: Any,
) -> InspectionRound:
    """Open an inspection round of ``plan``: the units inspected, the team, the dates."""
    if not user_can(actor, InspectionPlan, Action.CHANGE, plan):
        raise PermissionDenied
    _required(title, _("the title of the inspection round"))
    if not units:
        raise UserError(_("No unit to be inspected is chosen."))
    if starts_on is None or ends_on is None:
        raise UserError(_("The dates of the inspection are missing (from, to)."))
    if ends_on < starts_on:
        raise UserError(_("The last day of the inspection cannot be before its first day."))
    if starts_on.year != plan.year and ends_on.year != plan.year:
        raise UserError(
            _("The inspection round must take place in the plan's year %(year)s.")
            % {"year": plan.year}
        )
    if notice_sent_on is not None and notice_sent_on > starts_on:
        raise UserError(_("The notice must be sent to the units before the inspection starts."))
    check_assignees(plan.owner, units, noun=pgettext("assignment", "inspection round"))
    members = [{k: (m.get(k) or "").strip() for k in ("name", "body", "role")} for m in team]
    for m in members:
        if not m["name"] or not m["body"]:
            raise UserError(_("Each member of the inspection team needs a name and a body."))
    if members and len({m["body"] for m in members}) < 2:
        raise UserError(_("The inspection team must have members from at least two bodies."))
    with transaction.atomic(), acting_as(actor):
        round_ = InspectionRound.objects.create(
            plan=plan, title=title.strip(), starts_on=starts_on, ends_on=ends_on,
            notice_sent_on=notice_sent_on,
        )  # fmt: skip
        round_.units.set(units)
        for m in members:
            TeamMember.objects.create(round=round_, **m)
        if notice_sent_on is not None:
            _notice(round_, units)
    return round_


def _notice(round_: InspectionRound, units: Sequence[OrgUnit]) -> None:
    """The inspected units hear of the round (thông báo kiểm tra) when the notice is sent."""
    from django.urls import reverse

    from danvan.notifications.services import notify, officials_holding

    for unit in units:
        notify(
            f"inspections.round:{round_.pk}:notice:{unit.pk}",
            officials_holding("inspections.view_inspectionround", unit),
            (_("Inspection notice: %(title)s") % {"title": round_.title})[:300],
            _("%(owner)s inspects %(unit)s from %(starts)s to %(ends)s.")
            % {
                "owner": round_.plan.owner.name,
                "unit": unit.name,
                "starts": f"{round_.starts_on:%d/%m/%Y}",
                "ends": f"{round_.ends_on:%d/%m/%Y}",
            },
            url=reverse("inspections:findings"),
        )


def conclude_round(
    round_: InspectionRound,
    *,
    version: int | None,
    conclusion: str,
    concluded_on: dt.date | None,
    today: dt.date | None = None,
    actor: Any,
) -> InspectionRound:
    _require_change(actor, round_)
    _required(conclusion, _("the text of the inspection conclusion"))
    today = today or timezone.localdate()
    if concluded_on is None:
        raise UserError(_("The date of the conclusion is missing."))
    if concluded_on < round_.starts_on or concluded_on > today:
        raise UserError(
            _("The conclusion must be dated from the start of the inspection, not in the future.")
        )
    with transaction.atomic(), acting_as(actor):
        current = InspectionRound.objects.select_for_update().get(pk=round_.pk)
        current.check_version(version)
        current.conclusion = conclusion.strip()
        current.concluded_on = concluded_on
        current.bump_version()
        current.save()
    return current


def add_finding(
    round_: InspectionRound,
    *,
    finding: str,
    recommendation: str,
    responsible_unit: OrgUnit | None,
    due_on: dt.date | None,
    actor: Any,
) -> Finding:
    """A finding with its recommendation, given to a responsible unit with a deadline."""
    _require_change(actor, round_)
    _required(finding, _("what the inspection found"))
    _required(recommendation, _("the recommendation"))
    if responsible_unit is None:
        raise UserError(_("The unit responsible for the fix is missing."))
    if due_on is None:
        raise UserError(_("The deadline for the fix is missing."))
    if due_on < round_.starts_on:
        raise UserError(
            _("The deadline for the fix (%(due)s) cannot be before the inspection (%(start)s).")
            % {"due": f"{due_on:%d/%m/%Y}", "start": f"{round_.starts_on:%d/%m/%Y}"}
        )
    check_assignees(
        round_.plan.owner,
        [responsible_unit],
        addressees=round_.units.all(),
        noun=pgettext("assignment", "recommendation"),
    )
    with transaction.atomic(), acting_as(actor):
        created = Finding.objects.create(
            round=round_, finding=finding.strip(), recommendation=recommendation.strip(),
            responsible_unit=responsible_unit, due_on=due_on,
        )  # fmt: skip
        _tell(
            f"inspections.finding:{created.pk}:assigned", "inspections.change_finding",
            responsible_unit,
            _("Recommendation after inspection: %(text)s") % {"text": created.recommendation},
            _("%(owner)s recommends to %(unit)s: %(text)s Deadline for the fix: %(due)s.") % {
                "owner": round_.plan.owner.name, "unit": responsible_unit.name,
                "text": created.recommendation, "due": f"{due_on:%d/%m/%Y}",
            },
            created,
        )  # fmt: skip
    return created


def _tell(
    key: str, permission: str, unit: OrgUnit, subject: str, body: str, finding: Finding
) -> None:
    """Notify the officials holding ``permission`` at ``unit`` (nearest level), once per key."""
    from django.urls import reverse

    from danvan.notifications.services import notify, officials_holding

    notify(key, officials_holding(permission, unit), subject[:300], body,
           url=reverse("inspections:finding", args=[finding.pk]))  # fmt: skip


def finding_for(user: Any, pk: int, action: str = Action.VIEW) -> Finding:
    try:
        return (
            Finding.objects.visible_to(user, action)
            .select_related("round__plan__owner", "responsible_unit")
            .get(pk=pk)
        )
    except (Finding.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def can_report(user: Any, finding: Finding) -> bool:
    return user_can(user, Finding, Action.REPORT, finding)


def can_close(user: Any, finding: Finding) -> bool:
    """Only the inspecting unit closes a finding (not the unit that was inspected)."""
    return user_can(user, Finding, Action.CHANGE, finding)


def report_on_finding(
    finding: Finding, *, version: int | None, text: str, actor: Any
) -> FindingReport:
    """The responsible unit reports what it fixed; the finding becomes «answered»."""
    if not can_report(actor, finding):
        raise PermissionDenied
    _required(text, _("the report on what was fixed"))
    with transaction.atomic(), acting_as(actor):
        current = Finding.objects.select_for_update().get(pk=finding.pk)
        current.check_version(version)
        if current.status == FindingStatus.CLOSED:
            raise UserError(_("The follow-up of this recommendation has already ended."))
        current.status = FindingStatus.ANSWERED
        current.bump_version()
        current.save()
        report = FindingReport.objects.create(finding=current, by=actor, text=text.strip())
        _tell(
            f"inspections.finding:{current.pk}:answered:{report.pk}", "inspections.change_finding",
            current.round.plan.owner,
            _("Report on fixing the recommendation: %(text)s") % {"text": current.recommendation},
            _("%(unit)s has reported the result of the fix: %(text)s")
            % {"unit": current.responsible_unit.name, "text": report.text},
            current,
        )  # fmt: skip
    finding.status, finding.version = current.status, current.version
    return report


def close_finding(
    finding: Finding,
    *,
    version: int | None,
    note: str,
    closed_on: dt.date | None = None,
    today: dt.date | None = None,
    actor: Any,
) -> Finding:
    """The inspecting unit accepts the fixes and ends the follow-up (closed)."""
    if not can_close(actor, finding):
        raise PermissionDenied
    _required(note, _("the remark on ending the follow-up"))
    today = today or timezone.localdate()
    closed_on = closed_on or today
    if closed_on > today or closed_on < finding.round.starts_on:
        raise UserError(_("The date the follow-up ends is not valid."))
    with transaction.atomic(), acting_as(actor):
        current = Finding.objects.select_for_update().get(pk=finding.pk)
        current.check_version(version)
        if current.status == FindingStatus.CLOSED:
            raise UserError(_("The follow-up of this recommendation has already ended."))
        if not current.reports.filter(closes=False).exists():
            raise UserError(
                _("The unit has not reported what it fixed; the follow-up cannot end yet.")
            )
        current.status = FindingStatus.CLOSED
        current.closed_on = closed_on
        current.bump_version()
        current.save()
        FindingReport.objects.create(finding=current, by=actor, text=note.strip(), closes=True)
    for f in ("status", "closed_on", "version"):
        setattr(finding, f, getattr(current, f))
    return finding


def reopen_finding(finding: Finding, *, version: int | None, note: str, actor: Any) -> Finding:
    """Not fixed after all: the follow-up goes on (back to open, the deadline unchanged)."""
    if not can_close(actor, finding):
        raise PermissionDenied
    _required(note, _("why the follow-up goes on"))
    with transaction.atomic(), acting_as(actor):
        current = Finding.objects.select_for_update().get(pk=finding.pk)
        current.check_version(version)
        current.status = FindingStatus.OPEN
        current.closed_on = None
        current.bump_version()
        current.save()
        FindingReport.objects.create(finding=current, by=actor, text=note.strip())
    return current
