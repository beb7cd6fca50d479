"""Legal deadlines (thời hạn), the working calendar and legal thresholds (app ``deadlines``).

Public interface, used by every part of the project that shows or checks a deadline::

    from danvan.deadlines import add_working_days, compute_due_date, is_working_day, threshold

The rules, the calendar (holidays from the ``holidays`` package, and the government's announced
days off and make-up working days entered in the admin) and thresholds are data (models in
:mod:`.models`, edited in the Django admin, each with its legal basis); :mod:`.calendar` does
working-day arithmetic, :mod:`.engine` computes due dates, :mod:`.thresholds` reads numbers
such as the crowd size. Moved out of petitions so that other modules (disclosure durations,
the 15-day answers of the grassroots-democracy law) use the same engine.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .calendar import add_working_days, is_working_day
    from .engine import DueDate, compute_due_date
    from .thresholds import threshold

# The package is a Django app: its modules read models, so they load on first use, not while
# the app registry is being filled.
_EXPORTS = {
    "add_working_days": ".calendar",
    "is_working_day": ".calendar",
    "DueDate": ".engine",
    "compute_due_date": ".engine",
    "threshold": ".thresholds",
}

__all__ = ["DueDate", "add_working_days", "compute_due_date", "is_working_day", "threshold"]


if not TYPE_CHECKING:  # type checkers read the imports above

    def __getattr__(name: str) -> Any:
        if name in _EXPORTS:
            return getattr(import_module(_EXPORTS[name], __name__), name)
        raise AttributeError(name)
