"""A unit's report through its life: opened, saved, submitted, approved or returned, unlocked."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.audit import acting_as
from danvan.core.errors import UserError
from danvan.orgs.models import OrgUnit

from .. import notices
from ..models import DataValue, NarrativeText, ReportForm, Submission, SubmissionStatus
from ..periods import Period, period_for
from .access import can_fill, can_review, can_unlock
from .figures import fill_from_sources, source_values
from .rows import locked_row, row_to_edit, write_values
from .values import ValuesInvalid, validate


def _check_can_open(
    form: ReportForm,
    unit: OrgUnit,
    period_code: str,
    *,
    actor: Any,
) -> Period:
    period: Period = period_for(form, period_code)
    if not can_fill(actor, unit):
        raise UserError(_("You may not draw up reports for this unit."))
    if not form.assigned_units(period.end).filter(pk=unit.pk).exists():
        raise UserError(
            _("The unit «%(unit)s» does not report on this form for the period %(period)s.")
            % {"unit": unit.display_name, "period": period.title}
        )
    return period


def preview_submission(
    form: ReportForm,
    unit: OrgUnit,
    period_code: str,
    *,
    actor: Any,
) -> tuple[Submission, dict[str, tuple[Decimal | None, str]]]:
    """What opening the report would create, without writing anything (for a GET).

    Returns an unsaved draft and the figures the system would fill in, by element code; the
    first save or send stores both (:func:`open_submission`).
    """
    period = _check_can_open(form, unit, period_code, actor=actor)
    draft = Submission(
        form=form, unit=unit, period=period.code, period_start=period.start,
        period_end=period.end, due_on=period.due,
    )  # fmt: skip
    values, comments = source_values(draft, list(form.elements.all()))
    return draft, {code: (value, comments.get(code, "")) for code, value in values.items()}


def open_submission(
    form: ReportForm,
    unit: OrgUnit,
    period_code: str,
    *,
    actor: Any,
) -> Submission:
    """The unit's submission for this form and period, created as a draft when first opened."""
    period = _check_can_open(form, unit, period_code, actor=actor)
    existing = Submission.objects.filter(form=form, unit=unit, period=period.code).first()
    if existing:
        return existing
    with transaction.atomic(), acting_as(actor):
        submission, created = Submission.objects.get_or_create(
            form=form,
            unit=unit,
            period=period.code,
            defaults={
                "period_start": period.start,
                "period_end": period.end,
                "due_on": period.due,
            },
        )
        if created:
            # Only a new draft is filled from system data: later the figures may hold what the
            # officer typed, which only an explicit refresh (refresh_from_sources) replaces.
            fill_from_sources(submission, list(form.elements.all()))
    return submission


def save_draft(
    submission: Submission,
    *,
    values: Mapping[str, Any] | None = None,
    comments: Mapping[str, str] | None = None,
    narratives: Mapping[str, str] | None = None,
    version: int | None,
    actor: Any,
) -> Submission:
    """Save typed values, comments and narrative texts; checks types, signs and rules."""
    with transaction.atomic(), acting_as(actor):
        submission = row_to_edit(
            submission,
            version,
            actor,
            _(
                "The report has been sent or approved (locked), so it cannot be edited. A "
                "returned report can be edited; an approved one only an administrator unlocks."
            ),
        )
        elements = list(submission.form.elements.all())
        raw = dict(values or {})
        current = {v.element.code: v.value for v in submission.values.select_related("element")}
        merged_raw = {**{k: v for k, v in current.items() if k not in raw}, **raw}
        parsed, errors = validate(submission.form, merged_raw, elements=elements)
        if errors:
            raise ValuesInvalid(errors)
        write_values(
            submission, {k: parsed[k] for k in raw if k in parsed}, comments or {}, elements
        )
        if narratives:
            sections = {s.code: s for s in submission.form.sections.all()}
            unknown = set(narratives) - set(sections)
            if unknown:
                raise UserError(
                    _("The form has no section: %(sections)s.")
                    % {"sections": ", ".join(sorted(unknown))}
                )
            for code, text in narratives.items():
                NarrativeText.objects.update_or_create(
                    submission=submission, section=sections[code], defaults={"text": text.strip()}
                )
        submission.bump_version()
        submission.save(update_fields=["version", "updated_at"])
    return submission


def submit(submission: Submission, *, version: int | None, actor: Any) -> Submission:
    """Send the report to the recipient (first time or after a return)."""
    with transaction.atomic(), acting_as(actor):
        submission = locked_row(submission)
        if not can_fill(actor, submission.unit):
            raise UserError(_("You may not send the reports of this unit."))
        submission.check_version(version)
        if not submission.editable:
            raise UserError(_("The report has already been sent or approved."))
        rows = list(submission.values.select_related("element"))
        raw = {r.element.code: r.value for r in rows}
        comments = {r.element.code: r.comment for r in rows}
        _values, errors = validate(submission.form, raw, comments, final=True)
        if errors:
            raise ValuesInvalid(errors)
        now = timezone.now()
        submission.status = SubmissionStatus.SUBMITTED
        submission.submitted_at = now
        submission.first_submitted_at = submission.first_submitted_at or now
        submission.submitted_by = actor if getattr(actor, "pk", None) else None
        submission.bump_version()
        submission.save()
        notices.report_submitted(submission)
    return submission


def approve(
    submission: Submission, *, version: int | None, actor: Any, comment: str = ""
) -> Submission:
    """Approve and lock: its values then count in every consolidation above the unit."""
    with transaction.atomic(), acting_as(actor):
        submission = locked_row(submission)
        if not can_review(actor, submission):
            raise UserError(_("Only the body receiving the report may approve or return it."))
        submission.check_version(version)
        if submission.status != SubmissionStatus.SUBMITTED:
            raise UserError(_("Only a sent report (not yet approved or returned) can be approved."))
        submission.status = SubmissionStatus.APPROVED
        submission.reviewed_at = timezone.now()
        submission.reviewed_by = actor if getattr(actor, "pk", None) else None
        submission.review_comment = comment.strip()
        submission.bump_version()
        submission.save()
        DataValue.objects.filter(submission=submission).update(approved=True)
        _refresh_totals(submission)
        notices.report_reviewed(submission)
    return submission


def _refresh_totals(submission: Submission) -> None:
    """Keep the province totals in step with the approved values (same transaction)."""
    from .. import rollup

    paths = DataValue.objects.filter(submission=submission).values_list("path", flat=True)
    rollup.refresh(submission.form_id, submission.period, set(paths))


def return_submission(
    submission: Submission, *, version: int | None, comment: str, actor: Any
) -> Submission:
    """Send the report back to the unit for correction, saying what to correct."""
    if not (comment or "").strip():
        raise UserError(_("When returning a report, state what must be corrected."))
    with transaction.atomic(), acting_as(actor):
        submission = locked_row(submission)
        if not can_review(actor, submission):
            raise UserError(_("Only the body receiving the report may approve or return it."))
        submission.check_version(version)
        if submission.status != SubmissionStatus.SUBMITTED:
            raise UserError(_("Only a report that was sent and not yet approved can be returned."))
        submission.status = SubmissionStatus.RETURNED
        submission.reviewed_at = timezone.now()
        submission.reviewed_by = actor if getattr(actor, "pk", None) else None
        submission.review_comment = comment.strip()
        submission.bump_version()
        submission.save()
        notices.report_reviewed(submission)
    return submission


def unlock(submission: Submission, *, reason: str, actor: Any) -> Submission:
    """Reopen an approved report (administrators; the reason is kept in the audit log)."""
    if not (reason or "").strip():
        raise UserError(_("State the reason for unlocking an approved report."))
    with transaction.atomic(), acting_as(actor):
        submission = locked_row(submission)
        if not can_unlock(actor, submission):
            raise UserError(_("Only an administrator may unlock an approved report."))
        if submission.status != SubmissionStatus.APPROVED:
            raise UserError(_("The report is not approved, so it does not need unlocking."))
        submission.status = SubmissionStatus.RETURNED
        submission.unlock_reason = reason.strip()
        submission.review_comment = f"Mở khóa: {reason.strip()}"
        submission.bump_version()
        submission.save()
        DataValue.objects.filter(submission=submission).update(approved=False)
        _refresh_totals(submission)
    return submission


def submit_values(
    form: ReportForm,
    unit: OrgUnit,
    period_code: str,
    *,
    values: Mapping[str, Any],
    comments: Mapping[str, str] | None = None,
    narratives: Mapping[str, str] | None = None,
    send: bool = False,
    version: int | None = None,
    actor: Any,
) -> Submission:
    """Open (or create), fill in and optionally send one submission, all or nothing.

    ``version`` may be left out only for a report that does not exist yet (nobody can have
    read one); a report that exists is changed only with the version its writer read.
    """
    with transaction.atomic():
        existed = Submission.objects.filter(form=form, unit=unit, period=period_code).exists()
        submission = open_submission(form, unit, period_code, actor=actor)
        if version is None and not existed:
            version = submission.version
        submission = save_draft(
            submission, values=values, comments=comments, narratives=narratives,
            version=version, actor=actor,
        )  # fmt: skip
        if send:
            submission = submit(submission, version=submission.version, actor=actor)
    return submission
