"""Who may fill in, review and unlock a unit's reports."""

from __future__ import annotations

from typing import Any

from danvan.core.scoping import scope_roots, subtree_upper_bound
from danvan.orgs.models import OrgUnit

from ..models import ReportForm, Submission


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
    """The recipient's officials review: approve permission at the unit the form names as its
    recipient (Sở Nội vụ reviews the communes' reports although they are not below it).

    The same test as ``Submission.objects.reviewable_by``, which lists what a user may review.
    """
    return covers(user, "reporting.approve_submission", submission.form.recipient)


def receives(user: Any, form: ReportForm) -> bool:
    """Whether ``user`` reads the submissions of ``form`` as an official of its recipient, and so
    reads completeness and consolidation over every unit the form assigns."""
    return covers(user, "reporting.view_submission", form.recipient)


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
