"""Plans (kế hoạch, đề án, chương trình), their task trees and the cascade down the hierarchy.

A plan is owned by an org unit; its tasks are assigned to lead and supporting units, which see
and update them even when the plan belongs to a unit above. A plan can require the units below
to issue their own implementing plans by a date: one :class:`ImplementationObligation` per
addressed unit, fulfilled by the unit's plan that names the parent. Overdue, late and missing
are derived from dates when read, never stored.
"""

from .contents import (
    BudgetLine,
    BudgetLineQuerySet,
    ReportingObligation,
    ReportingObligationQuerySet,
    ReportingPeriod,
    Target,
    TargetQuerySet,
)
from .obligations import ComplianceState, ImplementationObligation, ObligationQuerySet
from .plans import Plan, PlanKind, PlanQuerySet, PlanStatus
from .tasks import (
    Recurrence,
    Task,
    TaskAttachment,
    TaskAttachmentQuerySet,
    TaskQuerySet,
    TaskState,
    TaskStatus,
    TaskUpdate,
    TaskUpdateQuerySet,
    attachment_file_name,
)

__all__ = [
    "BudgetLine",
    "BudgetLineQuerySet",
    "ComplianceState",
    "ImplementationObligation",
    "ObligationQuerySet",
    "Plan",
    "PlanKind",
    "PlanQuerySet",
    "PlanStatus",
    "Recurrence",
    "ReportingObligation",
    "ReportingObligationQuerySet",
    "ReportingPeriod",
    "Target",
    "TargetQuerySet",
    "Task",
    "TaskAttachment",
    "TaskAttachmentQuerySet",
    "TaskQuerySet",
    "TaskState",
    "TaskStatus",
    "TaskUpdate",
    "TaskUpdateQuerySet",
    "attachment_file_name",
]
