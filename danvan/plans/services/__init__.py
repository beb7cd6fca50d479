"""Domain operations on plans and tasks: create, issue, assign, update progress with evidence.

Every write runs in one transaction as the acting user (audited) and refuses bad input with a
Vietnamese :class:`UserError` before writing anything. Tasks carry a ``version``: an update
must name the version it was made from, and a stale one is refused rather than overwriting
what another official saved in between.
"""

from .contents import (
    BudgetTotal,
    add_budget_line,
    add_reporting_obligation,
    add_target,
    budget_total,
    delete_budget_line,
    delete_target,
    record_target_progress,
    tasks_for_units,
    update_budget_line,
    update_target,
)
from .plans import (
    TASK_EVIDENCE,
    can_add_plan,
    can_change_plan,
    can_update_task,
    create_plan,
    issue_plan,
    supersede_plan,
    units_with,
    update_plan,
)
from .tasks import (
    Upload,
    add_task,
    delete_task,
    edit_task,
    plan_progress,
    task_tree,
    update_task,
)

__all__ = [
    "TASK_EVIDENCE",
    "BudgetTotal",
    "Upload",
    "add_budget_line",
    "add_reporting_obligation",
    "add_target",
    "add_task",
    "budget_total",
    "can_add_plan",
    "can_change_plan",
    "can_update_task",
    "create_plan",
    "delete_budget_line",
    "delete_target",
    "delete_task",
    "edit_task",
    "issue_plan",
    "plan_progress",
    "record_target_progress",
    "supersede_plan",
    "task_tree",
    "tasks_for_units",
    "units_with",
    "update_budget_line",
    "update_plan",
    "update_target",
    "update_task",
]
