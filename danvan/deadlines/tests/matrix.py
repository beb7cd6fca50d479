"""Permission-matrix rows of the deadlines app: all of it is national legal data."""

from __future__ import annotations

from django.db import models

from danvan.deadlines.models import CalendarEntry, DeadlineRule, Threshold

# The law: every official reads it, only superusers change it (core.admin.NationalDataAdmin).
NATIONAL_DATA: dict[type[models.Model], str] = {
    DeadlineRule: "/admin/deadlines/deadlinerule/",
    CalendarEntry: "/admin/deadlines/calendarentry/",
    Threshold: "/admin/deadlines/threshold/",
}
