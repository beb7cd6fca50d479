"""The admin sees domain data through the same scoping as the rest of the platform."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets
from django.db.models import QuerySet
from django.http import HttpRequest

from .errors import UserError
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


class VersionedAdminForm(forms.ModelForm):  # type: ignore[type-arg]
    """The admin's edit form of a :class:`~danvan.core.models.VersionedModel`: it carries, in a
    hidden field, the version it was drawn from, and refuses to save over a newer one."""

    version_read = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version_read"].initial = self.instance.version

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        if self.instance.pk:
            # Lock the row and compare with what is stored now: the admin's change view runs
            # in one transaction, so no other writer slips in between this check and the save.
            model = type(self.instance)
            stored = (
                model._base_manager.select_for_update().only("version").get(pk=self.instance.pk)
            )
            try:
                stored.check_version(self.data.get(self.add_prefix("version_read")))
            except UserError as exc:
                raise forms.ValidationError(exc.message, code="stale") from None
            self.instance.version = stored.version
        return cleaned


class VersionedAdmin(admin.ModelAdmin):
    """Keeps versions honest in the Django admin, as services do on pages and in the API: the
    edit form carries the version it read, a save over a newer version is refused with the
    Vietnamese conflict message, and a successful change moves the version on (so a page or an
    API client holding the old one is refused in turn)."""

    form = VersionedAdminForm

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        readonly = list(super().get_readonly_fields(request, obj))
        return readonly if "version" in readonly else [*readonly, "version"]

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        # The hidden field must be rendered even where an admin lists its own fields.
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is None or "version_read" in flatten_fieldsets(fieldsets):
            return fieldsets
        name, options = fieldsets[0]
        fieldsets[0] = (name, {**options, "fields": [*options["fields"], "version_read"]})
        return fieldsets

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        if change:
            obj.bump_version()
        super().save_model(request, obj, form, change)


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
