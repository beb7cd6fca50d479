"""Domain operations of «Dân vận khéo» models: register a model with its evidence, review it on
its cycle, record replications, commendations and contest entries.

Every write runs in one transaction as the acting official (audited) and refuses bad input with
a Vietnamese :class:`UserError` before anything is written; files are checked before the
transaction, so a refused photo leaves nothing behind.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from danvan.core import scoping
from danvan.core.audit import acting_as
from danvan.core.errors import UserError
from danvan.core.scoping import Action, holds_at, permission_name, user_can
from danvan.core.uploads import CheckedUpload, UploadPurpose, check_upload
from danvan.orgs.models import OrgUnit, OrgUnitKind

from .models import (
    Commendation,
    ContestEntry,
    Criterion,
    Effectiveness,
    EvidenceFile,
    Exemplar,
    ExemplarField,
    ExemplarKind,
    ExemplarLevel,
    Review,
    ReviewCycle,
)

# Photos of a model's results: images only, small enough for a phone to show.
PHOTO_UPLOAD = UploadPurpose(
    "exemplars.photo",
    exts=(".jpg", ".jpeg", ".png"),
    size_setting="EXEMPLARS_MAX_PHOTO_BYTES",
    noun=pgettext_lazy("upload", "evidence photo"),
)
# Documents: the registration, a report of results, a decision.
DOCUMENT_UPLOAD = UploadPurpose(
    "exemplars.document",
    exts=(".pdf", ".docx", ".doc", ".odt"),
    size_setting="EXEMPLARS_MAX_DOCUMENT_BYTES",
    noun=pgettext_lazy("upload", "evidence document"),
)
MAX_FILES = 10
EXEMPLAR_FIELDS = (
    "title", "kind", "person_name", "field", "level", "serves", "started_on", "description",
    "evidence", "registered_with", "registered_on",
)  # fmt: skip
#: Kinds of unit expected to build at least one new model a year.
OWING_KINDS = (OrgUnitKind.COMMUNE, OrgUnitKind.DEPARTMENT)


def units_where(user: Any, action: str = Action.ADD) -> QuerySet[OrgUnit]:
    return scoping.units_where(user, permission_name(Exemplar, action))


def criteria_for(unit: OrgUnit) -> QuerySet[Criterion]:
    """The criteria the unit's province applies: its own when it set any, else the national."""
    from danvan.orgs.paths import SEGMENT_WIDTH

    own = Criterion.objects.filter(province__path=unit.path[:SEGMENT_WIDTH], active=True)
    if own.exists():
        return own.order_by("position", "id")
    return Criterion.objects.filter(province__isnull=True, active=True).order_by("position", "id")


def _required(value: Any, label: str) -> None:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise UserError(_("Missing: %(what)s.") % {"what": label})


def _clean(fields: dict[str, Any], today: dt.date) -> dict[str, Any]:
    clean = {k: (v.strip() if isinstance(v, str) else v) for k, v in fields.items()
             if k in EXEMPLAR_FIELDS}  # fmt: skip
    labels = (
        ("title", _("the name of the model")),
        ("field", _("the field of the model")),
        ("started_on", _("the date the model started")),
    )
    for key, label in labels:
        if key in clean:
            _required(clean[key], label)
    if "field" in clean and clean["field"] not in ExemplarField.values:
        raise UserError(
            _(
                "The field is not valid (economy; culture and society; national defence and "
                "security; building the political system)."
            )
        )
    if "kind" in clean and clean["kind"] not in ExemplarKind.values:
        raise UserError(_("The kind of model is not valid (collective or individual exemplar)."))
    if "level" in clean and clean["level"] not in ExemplarLevel.values:
        raise UserError(_("The level of the model is not valid."))
    started = clean.get("started_on")
    if started is not None and not isinstance(started, dt.date):
        raise UserError(_("The date the model started is not valid (format YYYY-MM-DD)."))
    if started is not None and started > today:
        raise UserError(_("The date a model started cannot be in the future."))
    registered = clean.get("registered_on")
    if registered is not None and not isinstance(registered, dt.date):
        raise UserError(_("The registration date is not valid (format YYYY-MM-DD)."))
    if registered is not None and registered > today:
        raise UserError(_("The registration date of a model cannot be in the future."))
    return clean


def _check_files(
    photos: Sequence[Any], documents: Sequence[Any]
) -> list[tuple[bool, CheckedUpload]]:
    if len(photos) + len(documents) > MAX_FILES:
        raise UserError(_("At most %(n)s evidence files can be sent at a time.") % {"n": MAX_FILES})
    checked = [(True, check_upload(PHOTO_UPLOAD, f.name or "", f)) for f in photos]
    checked += [(False, check_upload(DOCUMENT_UPLOAD, f.name or "", f)) for f in documents]
    return checked


def _store_files(exemplar: Exemplar, files: list[tuple[bool, CheckedUpload]]) -> None:
    for is_photo, upload in files:
        row = EvidenceFile(
            exemplar=exemplar, is_photo=is_photo, name=upload.name[:255],
            content_type=upload.content_type, sha256=upload.sha256,
        )  # fmt: skip
        row.file.save(upload.name, ContentFile(upload.data), save=False)
        row.save()


def plans_for_unit(unit: OrgUnit) -> QuerySet[Any]:
    """The plans a unit may see, as its officials do (``PlanQuerySet.visible_to``): those owned
    in its area, those addressed to it (an implementation obligation) and those with a task led
    or supported by a unit of its area."""
    from danvan.plans.models import Plan

    return Plan.objects.readable_from([scoping.ScopeRoot(unit.path, unit.pk, True)])


def tasks_for_unit(unit: OrgUnit) -> QuerySet[Any]:
    """Tasks a unit may see: those of the plans owned in its area and those given to it."""
    from danvan.plans.models import Task

    roots = [scoping.ScopeRoot(unit.path, unit.pk, True)]
    return Task.objects.filter(
        scoping.path_q("plan__owner__path", "plan__owner_id", roots)
        | scoping.assignee_q(Task, roots)
    )


def _check_serves(unit: OrgUnit, plan: Any, task: Any, actor: Any) -> Any:
    """The plan (and task) a model serves must be one the unit may see; returns the plan."""
    from danvan.plans.models import Plan, Task

    if task is not None:
        if not Task.objects.visible_to(actor).filter(pk=task.pk).exists():
            raise UserError(_("The task the model serves was not found."))
        if plan is None:
            plan = task.plan
        elif task.plan_id != plan.pk:
            raise UserError(
                _("The task «%(task)s» is not a task of the plan «%(plan)s».")
                % {"task": task.title, "plan": plan.title}
            )
    if plan is None:
        return None
    if not Plan.objects.visible_to(actor).filter(pk=plan.pk).exists():
        raise UserError(_("The plan the model serves was not found."))
    if not plans_for_unit(unit).filter(pk=plan.pk).exists():
        raise UserError(
            _(
                "The plan «%(plan)s» does not concern %(unit)s: choose a plan of the unit, or "
                "one addressed to it."
            )
            % {"plan": plan.title, "unit": unit.name}
        )
    if task is not None and not tasks_for_unit(unit).filter(pk=task.pk).exists():
        raise UserError(
            _("The task «%(task)s» is not addressed to %(unit)s.")
            % {"task": task.title, "unit": unit.name}
        )
    return plan


def _check_replicates(unit: OrgUnit, original: Exemplar | None, actor: Any) -> None:
    if original is None:
        return
    if original.unit_id == unit.pk:
        raise UserError(_("A replicating model must be in another unit than the original."))
    if not Exemplar.objects.visible_to(actor).filter(pk=original.pk).exists():
        raise UserError(_("The original model being replicated was not found."))


def create_exemplar(
    unit: OrgUnit,
    *,
    photos: Sequence[Any] = (),
    documents: Sequence[Any] = (),
    replicates: Exemplar | None = None,
    person: Any = None,
    plan: Any = None,
    task: Any = None,
    today: dt.date | None = None,
    actor: Any,
    **fields: Any,
) -> Exemplar:
    """Register a model of ``unit`` with its evidence (photos and documents)."""
    if not holds_at(actor, permission_name(Exemplar, Action.ADD), unit):
        raise PermissionDenied
    today = today or timezone.localdate()
    for key in ("title", "field", "started_on"):
        fields.setdefault(key, None)
    clean = _clean(fields, today)
    if clean.get("kind") == ExemplarKind.INDIVIDUAL and not (person or clean.get("person_name")):
        raise UserError(_("An individual exemplar must name the person recognised."))
    if person is not None and not clean.get("person_name"):
        clean["person_name"] = person.display_name
    _check_replicates(unit, replicates, actor)
    plan = _check_serves(unit, plan, task, actor)
    if replicates is not None and clean["started_on"] < replicates.started_on:
        raise UserError(_("A replicating model cannot start before the original."))
    files = _check_files(photos, documents)
    with transaction.atomic(), acting_as(actor):
        exemplar = Exemplar.objects.create(
            unit=unit, created_by=actor, person=person, replicates=replicates, plan=plan,
            task=task, **clean,
        )  # fmt: skip
        _store_files(exemplar, files)
    return exemplar


def update_exemplar(
    exemplar: Exemplar, *, version: int | None, today: dt.date | None = None, actor: Any,
    **fields: Any,
) -> Exemplar:  # fmt: skip
    """Correct a model's record; refuses a stale ``version``. ``plan``/``task`` given (even
    None) replace the links to the plan and task it serves."""
    if not user_can(actor, Exemplar, Action.CHANGE, exemplar):
        raise PermissionDenied
    links: dict[str, Any] = {}
    if "plan" in fields or "task" in fields:
        task = fields.pop("task", None)
        links = {"plan": _check_serves(exemplar.unit, fields.pop("plan", None), task, actor)}
        links["task"] = task
    clean = _clean(fields, today or timezone.localdate())
    clean.update(links)
    with transaction.atomic(), acting_as(actor):
        current = Exemplar.objects.select_for_update().get(pk=exemplar.pk)
        current.check_version(version)
        if (
            "started_on" in clean
            and current.reviews.filter(reviewed_on__lt=clean["started_on"]).exists()
        ):
            raise UserError(_("A review is dated before the new start date; check the dates."))
        for key, value in clean.items():
            setattr(current, key, value)
        current.bump_version()
        current.save()
    return current


def add_files(
    exemplar: Exemplar, *, photos: Sequence[Any] = (), documents: Sequence[Any] = (), actor: Any
) -> int:
    if not user_can(actor, Exemplar, Action.CHANGE, exemplar):
        raise PermissionDenied
    files = _check_files(photos, documents)
    if not files:
        raise UserError(_("No evidence file is chosen."))
    with transaction.atomic(), acting_as(actor):
        _store_files(exemplar, files)
    return len(files)


def add_review(
    exemplar: Exemplar,
    *,
    cycle: ReviewCycle | None,
    reviewed_on: dt.date | None,
    effectiveness: str,
    assessment: str,
    today: dt.date | None = None,
    actor: Any,
) -> Review:
    """Record a review of the model on its cycle (hằng năm, sơ kết, tổng kết)."""
    if not user_can(actor, Exemplar, Action.CHANGE, exemplar):
        raise PermissionDenied
    today = today or timezone.localdate()
    if cycle is None:
        raise UserError(_("The review cycle is missing (yearly, interim or five-year review)."))
    if reviewed_on is None:
        raise UserError(_("The date of the review is missing."))
    if reviewed_on < exemplar.started_on:
        raise UserError(
            _(
                "The date of the review (%(reviewed)s) cannot be before the date the model "
                "started (%(started)s)."
            )
            % {"reviewed": f"{reviewed_on:%d/%m/%Y}", "started": f"{exemplar.started_on:%d/%m/%Y}"}
        )
    if reviewed_on > today:
        raise UserError(_("The date of the review cannot be in the future."))
    if effectiveness not in Effectiveness.values:
        raise UserError(_("The level of effectiveness is not valid."))
    _required(assessment, _("the assessment of effectiveness"))
    with transaction.atomic(), acting_as(actor):
        return Review.objects.create(
            exemplar=exemplar, cycle=cycle, reviewed_on=reviewed_on, effectiveness=effectiveness,
            assessment=assessment.strip(), by=actor,
        )  # fmt: skip


def add_commendation(
    exemplar: Exemplar,
    *,
    awarded_by: str,
    form: str,
    decision_number: str,
    decided_on: dt.date | None,
    today: dt.date | None = None,
    actor: Any,
) -> Commendation:
    """Record a commendation (Luật Thi đua, khen thưởng 2022: who awarded, form, decision)."""
    if not user_can(actor, Exemplar, Action.CHANGE, exemplar):
        raise PermissionDenied
    today = today or timezone.localdate()
    _required(awarded_by, _("who awarded the commendation"))
    _required(form, _("the form of the commendation"))
    _required(decision_number, _("the number of the commendation decision"))
    if decided_on is None:
        raise UserError(_("The date of the commendation decision is missing."))
    if decided_on < exemplar.started_on or decided_on > today:
        raise UserError(
            _(
                "The commendation decision must be dated after the model started and not in "
                "the future."
            )
        )
    with transaction.atomic(), acting_as(actor):
        return Commendation.objects.create(
            exemplar=exemplar, awarded_by=awarded_by.strip(), form=form.strip(),
            decision_number=decision_number.strip(), decided_on=decided_on,
        )  # fmt: skip


def add_contest_entry(
    exemplar: Exemplar, *, contest: str, held_on: dt.date | None, result: str = "", actor: Any
) -> ContestEntry:
    if not user_can(actor, Exemplar, Action.CHANGE, exemplar):
        raise PermissionDenied
    _required(contest, _("the name of the contest"))
    if held_on is None:
        raise UserError(_("The date of the contest is missing."))
    if held_on < exemplar.started_on:
        raise UserError(_("A contest cannot be held before the model started."))
    with transaction.atomic(), acting_as(actor):
        return ContestEntry.objects.create(
            exemplar=exemplar, contest=contest.strip(), held_on=held_on, result=result.strip()
        )


def link_replication(replica: Exemplar, original: Exemplar | None, *, actor: Any) -> Exemplar:
    """Record that ``replica`` replicates ``original`` (in another unit); None unlinks."""
    if not user_can(actor, Exemplar, Action.CHANGE, replica):
        raise PermissionDenied
    _check_replicates(replica.unit, original, actor)
    seen = {replica.pk}
    step = original
    while step is not None:  # a replication chain must not loop back
        if step.pk in seen:
            raise UserError(_("The replication links would form a loop."))
        seen.add(step.pk)
        step = step.replicates
    with transaction.atomic(), acting_as(actor):
        replica.replicates = original
        replica.bump_version()
        replica.save(update_fields=["replicates", "version", "updated_at"])
    return replica
