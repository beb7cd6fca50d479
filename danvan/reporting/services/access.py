"""Who may fill in, review and unlock a unit's reports."""

from __future__ import annotations

from typing import Any

from danvan.core.scoping import scope_roots, subtree_upper_bound
from danvan.orgs.models import OrgUnit

from ..models import Submission


def covers(user: Any, permission: str, unit: OrgUnit) -> bool:
    """Whether ``user`` holds ``permission`` at ``unit`` (directly or through a subtree grant)."""
    roots = scope_roots(user, permission)
    if roots is None:
        return True
    for root in roots:
        if root.unit_id == unit.pk:
            return True
        if root.include_subtree and root.path <= unit.path < subtree_upper_bound(root.path):
            return True
    return False


def can_fill(user: Any, submission_unit: OrgUnit) -> bool:
    return covers(user, "reporting.change_submission", submission_unit)


def can_review(user: Any, submission: Submission) -> bool:
    """The recipient's officials review: approve permission at the unit and at the recipient."""
    return covers(user, "reporting.approve_submission", submission.unit) and covers(
        user, "reporting.approve_submission", submission.form.recipient
    )


def can_unlock(user: Any, submission: Submission) -> bool:
    """Only administrators (system_admin role over the unit, or superusers) unlock."""
    if getattr(user, "is_superuser", False):
        return True
    from danvan.accounts.models import RoleAssignment

    for assignment in (
        RoleAssignment.objects.filter(user_id=user.pk, role__code="system_admin")
        .current()
        .select_related("org_unit")
    ):
        path = assignment.org_unit.path
        if assignment.org_unit_id == submission.unit_id or (
            assignment.include_subtree and path <= submission.unit.path < subtree_upper_bound(path)
        ):
            return True
    return False
