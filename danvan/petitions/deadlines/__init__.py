"""Legal deadlines (thời hạn) of petitions, complaints and denunciations.

Public interface, used by every part of the project that shows or checks a deadline::

    from danvan.petitions.deadlines import compute_due_date, is_working_day, add_working_days

The rules and the calendar are data (models in :mod:`.models`, edited in the Django admin);
:mod:`.calendar` does working-day arithmetic, :mod:`.engine` computes due dates.
"""

from .calendar import add_working_days, is_working_day
from .engine import DueDate, compute_due_date

__all__ = ["DueDate", "add_working_days", "compute_due_date", "is_working_day"]
