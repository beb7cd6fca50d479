"""The admin sees domain data through the same scoping as the rest of the platform."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from .scoping import Action, scope_filter, user_can


class ScopedAdmin(admin.ModelAdmin):
    """A ModelAdmin whose lists and objects are limited to the official's scope."""

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        qs = super().get_queryset(request)
        return qs.filter(scope_filter(self.model, request.user, Action.VIEW))

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is None:
            return super().has_change_permission(request)
        return user_can(request.user, self.model, Action.CHANGE, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is None:
            return super().has_delete_permission(request)
        return user_can(request.user, self.model, Action.DELETE, obj)


class NationalDataAdmin(admin.ModelAdmin):
    """Data that holds for the whole country (roles, legal deadlines, holiday calendars):
    only superusers edit it, whatever a province administrator's role grants."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.is_superuser

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.is_superuser

    def has_add_permission(self, request: HttpRequest) -> bool:
        return request.user.is_superuser

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.is_superuser

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return request.user.is_superuser


def _audit_admin() -> None:
    """Name entries without an official «Hệ thống» (jobs, imports, the demo: ``core.actors``).

    django-auditlog's own admin prints the English word "system" for them.
    """
    from auditlog.admin import LogEntryAdmin
    from auditlog.models import LogEntry
    from django.utils.translation import gettext_lazy as _

    from .actors import SYSTEM

    class AuditEntryAdmin(LogEntryAdmin):
        @admin.display(description=_("Actor"))
        def user_url(self, obj: LogEntry) -> Any:
            if obj.actor_id is None:
                return str(SYSTEM)
            return super().user_url(obj)

    if admin.site.is_registered(LogEntry):
        admin.site.unregister(LogEntry)
    admin.site.register(LogEntry, AuditEntryAdmin)


_audit_admin()
