"""Models of the petitions app; each part lives in its own package and is registered here."""

from .deadlines.models import (
    CalendarDayKind,
    CalendarEntry,
    DeadlineRule,
    TimeUnit,
)

__all__ = ["CalendarDayKind", "CalendarEntry", "DeadlineRule", "TimeUnit"]
