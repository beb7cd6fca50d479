"""Admin of the petitions app: each part registers its own admin classes."""

from .deadlines.admin import CalendarEntryAdmin, DeadlineRuleAdmin

__all__ = ["CalendarEntryAdmin", "DeadlineRuleAdmin"]
