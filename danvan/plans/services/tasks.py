"""Tasks: add, edit, record progress with evidence (versioned), roll progress up."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO, Any

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from danvan.core.audit import acting_as
from danvan.core.errors import UserError
from danvan.core.scoping import check_assignees
from danvan.core.uploads import check_upload
from danvan.orgs.models import OrgUnit

from ..models import (
    Plan,
    Recurrence,
    Task,
    TaskAttachment,
    TaskStatus,
    TaskUpdate,
)
from .plans import (
    TASK_EVIDENCE,
    _fmt,
    can_change_plan,
    can_update_task,
    check_nulls,
)

# --- tasks ----------------------------------------------------------------------------------


def _check_due(plan: Plan, due_on: dt.date | None) -> None:
    if due_on is not None and due_on < plan.starts_on:
        raise UserError(
            _(
                "The due date %(due_on)s is before the plan starts (%(starts_on)s); "
                "choose a due date within the plan's period."
            )
            % {"due_on": _fmt(due_on), "starts_on": _fmt(plan.starts_on)}
        )


def _check_recurrence(recurrence: str, day: int | None, month: int | None) -> None:
    if recurrence not in Recurrence.values:
        raise UserError(
            _("The recurrence «%(recurrence)s» is not valid.") % {"recurrence": recurrence}
        )
    if recurrence == Recurrence.WEEKLY and day is not None and not 1 <= int(day) <= 7:
        raise UserError(_("A weekly task's day is the weekday, from 1 (Monday) to 7 (Sunday)."))
    if day is not None and not 1 <= int(day) <= 31:
        raise UserError(_("The day of a recurring due date must be from 1 to 31."))
    if month is not None and not 1 <= int(month) <= 12:
        raise UserError(_("The month of a recurring due date must be from 1 to 12."))


def _check_assignees(plan: Plan, units: Sequence[OrgUnit | None]) -> None:
    """A task goes to a unit under the plan's owner or to a unit the plan is addressed to."""
    from ..models import ImplementationObligation

    addressees = OrgUnit.objects.filter(
        pk__in=ImplementationObligation.objects.filter(plan=plan).values("holder_id")
    )
    check_assignees(plan.owner, units, addressees=addressees, noun=pgettext("assignment", "task"))


def add_task(
    plan: Plan,
    *,
    title: str,
    parent: Task | None = None,
    description: str = "",
    lead_unit: OrgUnit | None = None,
    supporting_units: Sequence[OrgUnit] = (),
    due_on: dt.date | None = None,
    recurrence: str = "",
    recur_day: int | None = None,
    recur_month: int | None = None,
    weight: int = 1,
    actor: Any,
    position: int | None = None,
) -> Task:
    """Add a task (under ``parent`` if given); the due date must fall after the plan starts."""
    if not can_change_plan(actor, plan):
        raise PermissionDenied
    if not (title or "").strip():
        raise UserError(_("A task needs a content."))
    if parent is not None and parent.plan_id != plan.pk:
        raise UserError(_("The parent task must belong to the same plan."))
    if int(weight) < 1 or int(weight) > 100:
        raise UserError(_("A task's weight must be from 1 to 100."))
    _check_due(plan, due_on)
    _check_recurrence(recurrence or "", recur_day, recur_month)
    _check_assignees(plan, [lead_unit, *supporting_units])
    with transaction.atomic(), acting_as(actor):
        if position is None:
            position = Task.objects.filter(plan=plan, parent=parent).count() + 1
        task = Task.objects.create(
            plan=plan,
            parent=parent,
            position=position,
            title=title.strip(),
            description=description,
            lead_unit=lead_unit,
            due_on=due_on,
            recurrence=recurrence or "",
            recur_day=recur_day,
            recur_month=recur_month,
            weight=weight,
        )
        if supporting_units:
            task.supporting_units.set(supporting_units)
        if parent is not None:
            _roll_up(parent)
    return task


def _check_task_parent(task: Task, parent: Task | None) -> None:
    """Refuse a parent of another plan, the task itself or one of its sub-tasks (a cycle)."""
    if parent is None:
        return
    if parent.plan_id != task.plan_id:
        raise UserError(_("The parent task must belong to the same plan."))
    node: Task | None = parent
    seen: set[int] = set()
    while node is not None and node.pk not in seen:
        if node.pk == task.pk:
            raise UserError(
                _(
                    "«%(parent)s» cannot be the parent task of «%(task)s»: it is that task "
                    "itself or one of its subtasks, which would make a loop."
                )
                % {"parent": parent, "task": task}
            )
        seen.add(node.pk)
        node = Task.objects.filter(pk=node.parent_id).first() if node.parent_id else None


def edit_task(task: Task, *, version: int, actor: Any, **fields: Any) -> Task:
    """Change what a task is (title, description, units, due date or recurrence, weight,
    parent task) — for the plan's owners.

    Refused with a Vietnamese message, writing nothing: a stale ``version`` (someone saved in
    between), an empty title, a weight outside 1–100, a due date before the plan starts, a bad
    recurrence, and a parent that is not in the same plan or would make a cycle. Progress of
    the old and new parents is rolled up again.
    """
    if not can_change_plan(actor, task.plan):
        raise PermissionDenied
    allowed = {
        "title", "description", "lead_unit", "due_on", "recurrence", "recur_day",
        "recur_month", "weight", "parent",
    }  # fmt: skip
    supporting = fields.pop("supporting_units", None)
    unknown = set(fields) - allowed
    if unknown:
        raise UserError(
            _("These fields cannot be edited: %(fields)s") % {"fields": ", ".join(sorted(unknown))}
        )
    check_nulls(Task, fields, skip={"title", "weight", "parent", "lead_unit"})
    if "title" in fields:
        fields["title"] = (fields["title"] or "").strip()
        if not fields["title"]:
            raise UserError(_("A task needs a content."))
    if "weight" in fields:
        try:
            fields["weight"] = int(fields["weight"])
        except (TypeError, ValueError):
            raise UserError(_("A task's weight must be a number from 1 to 100.")) from None
        if not 1 <= fields["weight"] <= 100:
            raise UserError(_("A task's weight must be from 1 to 100."))
    if "due_on" in fields:
        _check_due(task.plan, fields["due_on"])
    if "parent" in fields:
        _check_task_parent(task, fields["parent"])
    if "lead_unit" in fields or supporting is not None:
        _check_assignees(task.plan, [fields.get("lead_unit"), *(supporting or ())])
    _check_recurrence(
        fields.get("recurrence", task.recurrence),
        fields.get("recur_day", task.recur_day),
        fields.get("recur_month", task.recur_month),
    )
    with transaction.atomic(), acting_as(actor):
        current = Task.objects.select_for_update().get(pk=task.pk)
        current.check_version(version)
        old_parent_id = current.parent_id
        for name, value in fields.items():
            setattr(current, name, value)
        if current.parent_id != old_parent_id:
            current.position = (
                Task.objects.filter(plan_id=current.plan_id, parent_id=current.parent_id).count()
                + 1
            )
        current.bump_version()
        current.save()
        if supporting is not None:
            current.supporting_units.set(supporting)
        if old_parent_id and old_parent_id != current.parent_id:
            _roll_up(Task.objects.get(pk=old_parent_id))
        if current.parent_id:
            _roll_up(Task.objects.get(pk=current.parent_id))
    return current


def delete_task(task: Task, *, version: int, actor: Any) -> None:
    """Delete a task that nobody has reported on — for the plan's owners.

    Refused with a Vietnamese message: a stale ``version``, a task with sub-tasks (delete
    those first) and a task with progress updates or evidence (its history is kept).
    """
    if not can_change_plan(actor, task.plan):
        raise PermissionDenied
    with transaction.atomic(), acting_as(actor):
        current = Task.objects.select_for_update().get(pk=task.pk)
        current.check_version(version)
        if current.children.exists():
            raise UserError(
                _(
                    "The task «%(task)s» cannot be deleted: it has subtasks; delete the "
                    "subtasks first."
                )
                % {"task": current}
            )
        if current.updates.exists() or current.attachments.exists():
            raise UserError(
                _(
                    "The task «%(task)s» cannot be deleted: it already has progress updates"
                    " or evidence; the record of its work is kept."
                )
                % {"task": current}
            )
        parent_id = current.parent_id
        current.delete()
        if parent_id:
            parent = Task.objects.get(pk=parent_id)
            if parent.children.exists():
                _roll_up(parent)


@dataclass
class Upload:
    """A file given as evidence: its name and a readable binary stream."""

    name: str
    content: IO[bytes]


def update_task(
    task: Task,
    *,
    version: int,
    actor: Any,
    status: str | None = None,
    percent: int | None = None,
    evidence: str | None = None,
    note: str = "",
    files: Sequence[Upload] = (),
    today: dt.date | None = None,
) -> TaskUpdate:
    """Record progress on a task: status, percent, evidence text and files, one timeline entry.

    Refused with a Vietnamese message: a stale ``version`` (someone else saved first), a
    percent outside 0–100, a file of a forbidden type or over the size limit, and progress on a
    task whose progress comes from its sub-tasks. A parent's progress is then rolled up.
    """
    if not can_update_task(actor, task):
        raise PermissionDenied
    if status is not None and status not in TaskStatus.values:
        raise UserError(_("The status «%(status)s» is not valid.") % {"status": status})
    if percent is not None:
        try:
            percent = int(percent)
        except (TypeError, ValueError):
            raise UserError(_("Progress must be a number from 0 to 100.")) from None
        if percent < 0 or percent > 100:
            raise UserError(
                _("Progress is from 0 to 100%%, it cannot be %(percent)s%%.") % {"percent": percent}
            )
    if (status is not None or percent is not None) and task.children.exists():
        raise UserError(
            _("This task's progress is computed from its subtasks; update the subtasks.")
        )
    contents = [check_upload(TASK_EVIDENCE, f.name, f.content) for f in files]
    day = today or timezone.localdate()
    with transaction.atomic(), acting_as(actor):
        current = Task.objects.select_for_update().select_related("plan").get(pk=task.pk)
        current.check_version(version)
        before_status, before_percent = current.status, current.percent
        if percent is not None:
            current.percent = percent
        if status is not None:
            current.status = status
        if current.status == TaskStatus.DONE and status == TaskStatus.DONE:
            current.percent = 100
        elif percent == 100 and status in (None, TaskStatus.IN_PROGRESS):
            current.status = TaskStatus.DONE
        elif current.percent > 0 and status in (None, TaskStatus.NOT_STARTED):
            current.status = TaskStatus.IN_PROGRESS
        current.completed_on = (
            (current.completed_on or day) if current.status == TaskStatus.DONE else None
        )
        changed_evidence = evidence is not None and evidence != current.evidence
        if evidence is not None:
            current.evidence = evidence
        if (
            (current.status, current.percent) == (before_status, before_percent)
            and not changed_evidence
            and not (note or "").strip()
            and not contents
        ):
            # A form sent back as it was is not progress: no timeline line, no new version.
            raise UserError(
                _(
                    "Nothing changed since the last update: enter a new status, progress, "
                    "result, note or evidence file."
                )
            )
        current.bump_version()
        current.save()
        home = getattr(actor, "org_unit", None)
        entry = TaskUpdate.objects.create(
            task=current,
            author=actor if getattr(actor, "pk", None) else None,
            unit=home,
            status_before=before_status,
            status_after=current.status,
            percent_before=before_percent,
            percent_after=current.percent,
            note=note,
            evidence=evidence or "",
        )
        for checked in contents:
            attachment = TaskAttachment(
                task=current,
                update=entry,
                original_name=checked.name[:255],
                size=checked.size,
                sha256=checked.sha256,
                uploaded_by=entry.author,
            )
            attachment.file.save(checked.name, ContentFile(checked.data), save=False)
            attachment.save()
        if current.parent_id:
            _roll_up(Task.objects.get(pk=current.parent_id))
    task.__dict__.update({k: getattr(current, k) for k in ("status", "percent", "version")})
    return entry


def _roll_up(parent: Task) -> None:
    """Recompute a parent's progress as the weighted mean of its children, up the tree."""
    node: Task | None = parent
    while node is not None:
        children = list(node.children.values_list("weight", "percent", "status"))
        if not children:
            break
        total = sum(w for w, _p, _s in children) or 1
        percent = round(sum(w * p for w, p, _s in children) / total)
        if all(s == TaskStatus.DONE for _w, _p, s in children):
            status = TaskStatus.DONE
        elif any(p > 0 or s != TaskStatus.NOT_STARTED for _w, p, s in children):
            status = TaskStatus.IN_PROGRESS
        else:
            status = TaskStatus.NOT_STARTED
        Task.objects.filter(pk=node.pk).update(percent=percent, status=status)
        node = Task.objects.filter(pk=node.parent_id).first() if node.parent_id else None


def plan_progress(plan: Plan) -> int:
    """The plan's progress: the weighted mean of its top-level tasks (0 with no tasks)."""
    rows = list(Task.objects.filter(plan=plan, parent=None).values_list("weight", "percent"))
    total = sum(w for w, _ in rows)
    return round(sum(w * p for w, p in rows) / total) if total else 0


def task_tree(plan: Plan, today: dt.date | None = None) -> list[tuple[Task, int]]:
    """The plan's tasks in reading order with their depth (one query for tasks, one for units)."""
    tasks = list(
        Task.objects.filter(plan=plan)
        .with_state(today)
        .select_related("lead_unit")
        .prefetch_related("supporting_units")
    )
    by_parent: dict[int | None, list[Task]] = {}
    for t in tasks:
        by_parent.setdefault(t.parent_id, []).append(t)
    ordered: list[tuple[Task, int]] = []

    def walk(parent_id: int | None, depth: int) -> None:
        for t in sorted(by_parent.get(parent_id, []), key=lambda x: (x.position, x.pk)):
            ordered.append((t, depth))
            walk(t.pk, depth + 1)

    walk(None, 0)
    return ordered
