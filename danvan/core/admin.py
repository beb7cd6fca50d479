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
