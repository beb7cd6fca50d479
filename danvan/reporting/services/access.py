"""Who may fill in, review and unlock a unit's reports."""

from __future__ import annotations

from typing import Any

from danvan.core.scoping import explicit_permission, holds_at
from danvan.orgs.models import OrgUnit

from ..models import ReportForm, Submission


def covers(user: Any, permission: str, unit: OrgUnit) -> bool:
    """Whether ``user`` holds ``permission`` at ``unit`` (kept as the name callers use)."""
    return holds_at(user, permission, unit)


def can_fill(user: Any, submission_unit: OrgUnit) -> bool:
    return covers(user, "reporting.change_submission", submission_unit)


def can_review(user: Any, submission: Submission) -> bool:
    """The recipient's officials review: approve permission at the unit the form names as its
    recipient (Sở Nội vụ reviews the communes' reports although they are not below it).

    The same test as ``Submission.objects.reviewable_by``, which lists what a user may review.
    """
    return covers(user, "reporting.approve_submission", submission.form.recipient)


def receives(user: Any, form: ReportForm) -> bool:
    """Whether ``user`` reads the submissions of ``form`` as an official of its recipient, and so
    reads completeness and consolidation over every unit the form assigns."""
    return covers(user, "reporting.view_submission", form.recipient)


#: Reopening an approved report rewrites consolidated figures: granted by name only (to the
#: ``system_admin`` role by a data migration), never through ``reporting.*``.
UNLOCK = explicit_permission("reporting.unlock_submission", superuser=True)


def can_unlock(user: Any, submission: Submission) -> bool:
    """Officials holding :data:`UNLOCK` at the submission's unit (or above it, or at the unit it
    was merged into), and superusers."""
    return holds_at(user, UNLOCK, submission.unit)


def unit_of_form(user: Any, form: ReportForm, unit_id: int | None) -> OrgUnit | None:
    """The unit whose completeness or consolidation ``user`` reads for ``form`` (404 if none).

    Officials of the form's recipient read every unit of the form's area (its assigned root and
    below, the whole country for a national form), including units outside their own subtree;
    everyone else reads the units in their scope. ``unit_id`` None: the form's area for the
    recipient, else None (the caller chooses).
    """
    from danvan.core.scoping import get_object_for_user

    if receives(user, form):
        if unit_id is None:
            return form.assigned_root
        units = OrgUnit.objects.filter(pk=unit_id)
        if form.assigned_root is not None:
            units = units.subtree(form.assigned_root)
        unit = units.first()
        if unit is not None:
            return unit
    if unit_id is None:
        return None
    return get_object_for_user(OrgUnit, user, pk=unit_id)
