"""Who may fill in, review and unlock a unit's reports."""

from __future__ import annotations

from typing import Any

from danvan.core.scoping import explicit_permission, holds_at
from danvan.orgs.models import OrgUnit

from ..models import Submission


def covers(user: Any, permission: str, unit: OrgUnit) -> bool:
    """Whether ``user`` holds ``permission`` at ``unit`` (kept as the name callers use)."""
    return holds_at(user, permission, unit)


def can_fill(user: Any, submission_unit: OrgUnit) -> bool:
    return covers(user, "reporting.change_submission", submission_unit)


def can_review(user: Any, submission: Submission) -> bool:
    """The recipient's officials review: approve permission at the unit and at the recipient."""
    return covers(user, "reporting.approve_submission", submission.unit) and covers(
        user, "reporting.approve_submission", submission.form.recipient
    )


#: Reopening an approved report rewrites consolidated figures: granted by name only (to the
#: ``system_admin`` role by a data migration), never through ``reporting.*``.
UNLOCK = explicit_permission("reporting.unlock_submission", superuser=True)


def can_unlock(user: Any, submission: Submission) -> bool:
    """Officials holding :data:`UNLOCK` at the submission's unit (or above it, or at the unit it
    was merged into), and superusers."""
    return holds_at(user, UNLOCK, submission.unit)
