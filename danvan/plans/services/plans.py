"""Plans: permissions, create, edit (no cycles of parents), issue, supersede."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from danvan.core.audit import acting_as
from danvan.core.errors import UserError
from danvan.core.scoping import Action, holds_at, permission_name, units_where, user_can
from danvan.core.text import fold
from danvan.core.uploads import UploadPurpose
from danvan.documents.models import Document
from danvan.documents.services import DOCUMENT_UPLOAD
from danvan.orgs.models import OrgUnit

from ..models import (
    Plan,
    PlanKind,
    PlanStatus,
    Task,
)

# Evidence of a task: the registry's document types, spreadsheets and photos.
TASK_EVIDENCE = UploadPurpose(
    "plans.task_evidence",
    exts=(*DOCUMENT_UPLOAD.exts, ".xlsx", ".xls", ".ods", ".jpg", ".jpeg", ".png"),
    size_setting="PLANS_MAX_ATTACHMENT_BYTES",
    noun=pgettext_lazy("upload", "evidence file"),
)


def _fmt(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


# --- permissions ----------------------------------------------------------------------------


def units_with(user: Any, model: type, action: str = Action.ADD) -> QuerySet[OrgUnit]:
    """Current units at which ``user`` holds ``action`` on ``model``."""
    return units_where(user, permission_name(model, action))


def can_add_plan(user: Any, unit: OrgUnit) -> bool:
    return holds_at(user, permission_name(Plan, Action.ADD), unit)


def can_change_plan(user: Any, plan: Plan) -> bool:
    return user_can(user, Plan, Action.CHANGE, plan)


def can_update_task(user: Any, task: Task) -> bool:
    """The plan's owners, and the officials of the lead and supporting units, report progress on
    a task (the assignee rule of ``TaskQuerySet``); only the owners change the task itself."""
    return user_can(user, Task, Action.REPORT, task)


# --- plans ----------------------------------------------------------------------------------


def check_nulls(model: Any, fields: dict[str, Any], skip: set[str]) -> None:
    """A null sent for a column that holds no null (PATCH ``{"year_from": null}``): a text that
    may be blank is cleared, anything else is refused with its name — never left to fail in a
    later check or in the database."""
    for name, value in list(fields.items()):
        if value is not None or name in skip:
            continue
        field = model._meta.get_field(name)
        if field.null:
            continue
        if field.blank and field.get_internal_type() in ("CharField", "TextField"):
            fields[name] = ""
            continue
        raise UserError(_("«%(field)s» must not be empty.") % {"field": field.verbose_name})


def _check_years(year_from: int, year_to: int) -> None:
    if not (2000 <= int(year_from) <= 2100) or not (2000 <= int(year_to) <= 2100):
        raise UserError(_("The plan's year must be between 2000 and 2100."))
    if int(year_to) < int(year_from):
        raise UserError(
            _(
                "The end year (%(year_to)s) cannot be before the start year "
                "(%(year_from)s) of the plan."
            )
            % {"year_to": year_to, "year_from": year_from}
        )


def _check_parent(plan: Plan | None, parent: Plan | None) -> None:
    """Refuse a parent that is the plan itself or one of its descendants (a cycle)."""
    if parent is None or plan is None or plan.pk is None:
        return
    seen: set[int] = set()
    current: Plan | None = parent
    while current is not None:
        if current.pk == plan.pk:
            raise UserError(
                _(
                    "«%(parent)s» cannot be chosen as parent plan: «%(plan)s» is already "
                    "its parent (directly or indirectly), which would make a loop."
                )
                % {"parent": parent, "plan": plan}
            )
        if current.pk in seen:
            break
        seen.add(current.pk)
        current = current.parent


def _check_reminder_days(text: str) -> str:
    # Officials write «7,0», «7; 0» or «7 ngày và 0 ngày»: the numbers are what counts, and
    # anything else than numbers, separators and the word «ngày» is refused.
    folded = fold(text or "")
    parts = re.findall(r"\d+", folded)
    rest = re.sub(r"\d+|ngay|va|[,;.\s]", "", folded)
    if not parts or rest or not all(int(p) <= 365 for p in parts):
        raise UserError(
            _("Reminder days are numbers from 0 to 365, e.g. «7 days and 0 days» or 7,0.")
        )
    return ",".join(str(d) for d in sorted({int(p) for p in parts}, reverse=True))


def create_plan(
    *,
    owner: OrgUnit,
    title: str,
    year_from: int,
    year_to: int | None = None,
    kind: str = PlanKind.PLAN,
    number: str = "",
    parent: Plan | None = None,
    purpose: str = "",
    requirements: str = "",
    organisation: str = "",
    reminder_days: str = "7,0",
    legal_basis: Sequence[Document] = (),
    issued_on: dt.date | None = None,
    issued_document: Document | None = None,
    actor: Any,
) -> Plan:
    """Create a plan of ``owner``; issued at once when ``issued_on`` is given.

    A plan with a parent fulfils the owner's obligation to implement the parent, if any.
    """
    if not can_add_plan(actor, owner):
        raise PermissionDenied
    year_to = year_to or year_from
    _check_years(year_from, year_to)
    if not (title or "").strip():
        raise UserError(_("A plan needs a title (abstract)."))
    days = _check_reminder_days(reminder_days)
    with transaction.atomic(), acting_as(actor):
        plan = Plan.objects.create(
            owner=owner,
            title=title.strip(),
            year_from=year_from,
            year_to=year_to,
            kind=kind,
            number=number.strip(),
            parent=parent,
            purpose=purpose,
            requirements=requirements,
            organisation=organisation,
            reminder_days=days,
            created_by=actor if getattr(actor, "pk", None) else None,
        )
        if legal_basis:
            plan.legal_basis.set(legal_basis)
        if issued_on is not None:
            _issue(plan, issued_on, issued_document)
    return plan


def update_plan(plan: Plan, *, version: int, actor: Any, **fields: Any) -> Plan:
    """Change a plan's fields; refuses a stale ``version`` and a parent that makes a cycle."""
    if not can_change_plan(actor, plan):
        raise PermissionDenied
    allowed = {
        "title", "number", "kind", "year_from", "year_to", "parent", "purpose",
        "requirements", "organisation", "reminder_days",
    }  # fmt: skip
    unknown = set(fields) - allowed
    if unknown:
        raise UserError(
            _("These fields cannot be edited: %(fields)s") % {"fields": ", ".join(sorted(unknown))}
        )
    check_nulls(Plan, fields, skip={"parent"})
    if "parent" in fields:
        _check_parent(plan, fields["parent"])
    if "reminder_days" in fields:
        fields["reminder_days"] = _check_reminder_days(fields["reminder_days"])
    _check_years(fields.get("year_from", plan.year_from), fields.get("year_to", plan.year_to))
    with transaction.atomic(), acting_as(actor):
        current = Plan.objects.select_for_update().get(pk=plan.pk)
        current.check_version(version)
        for name, value in fields.items():
            setattr(current, name, value)
        current.bump_version()
        current.save()
        if "parent" in fields and current.status == PlanStatus.ISSUED and current.issued_on:
            from ..cascade import fulfil_obligation

            fulfil_obligation(current)
    return current


def _issue(plan: Plan, issued_on: dt.date, document: Document | None) -> None:
    plan.status = PlanStatus.ISSUED
    plan.issued_on = issued_on
    if document is not None:
        plan.issued_document = document
    plan.save()
    if plan.parent_id:
        from ..cascade import fulfil_obligation

        fulfil_obligation(plan)


def issue_plan(
    plan: Plan,
    *,
    issued_on: dt.date | None = None,
    document: Document | None = None,
    actor: Any,
) -> Plan:
    """Mark the plan issued (ban hành) on ``issued_on``; the parent's obligation is fulfilled."""
    if not can_change_plan(actor, plan):
        raise PermissionDenied
    with transaction.atomic(), acting_as(actor):
        plan.bump_version()
        _issue(plan, issued_on or timezone.localdate(), document)
    return plan


def supersede_plan(plan: Plan, *, actor: Any) -> Plan:
    if not can_change_plan(actor, plan):
        raise PermissionDenied
    with transaction.atomic(), acting_as(actor):
        plan.status = PlanStatus.SUPERSEDED
        plan.bump_version()
        plan.save()
    return plan
