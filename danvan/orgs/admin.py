from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest

from danvan.core.admin import ScopedAdmin
from danvan.core.errors import UserError

from .mandates import check_mandate, grant_mandate, update_mandate
from .models import Mandate, OrgUnit, OrgUnitEvent
from .services import create_unit, update_unit


@admin.register(OrgUnit)
class OrgUnitAdmin(ScopedAdmin):
    list_display = ["name", "short_name", "kind", "code", "parent", "valid_from", "valid_to"]
    list_filter = ["kind", "valid_to"]
    search_fields = ["name", "short_name", "code", "key", "search_text"]
    autocomplete_fields = ["parent"]
    readonly_fields = ["path", "depth"]
    list_select_related = ["parent"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        # Moving a unit rewrites the paths of its whole subtree; not a form edit.
        return (
            [*self.readonly_fields, "parent", "key", "kind"] if obj else list(self.readonly_fields)
        )

    def save_model(self, request: HttpRequest, obj: OrgUnit, form: Any, change: bool) -> None:
        data = form.cleaned_data
        if change:
            fields = {
                f: data[f]
                for f in ("name", "short_name", "code", "valid_from", "valid_to")
                if f in data
            }
            update_unit(obj, actor=request.user, **fields)
        else:
            fields = {f: data.get(f) for f in ("parent", "valid_from", "valid_to")}
            created = create_unit(
                name=data["name"],
                kind=data["kind"],
                key=data["key"],
                short_name=data.get("short_name", ""),
                code=data.get("code", ""),
                actor=request.user,
                **fields,
            )
            obj.pk = created.pk
            obj.path = created.path


@admin.register(OrgUnitEvent)
class OrgUnitEventAdmin(ScopedAdmin):
    list_display = ["kind", "effective_on", "subject", "legal_basis"]
    list_filter = ["kind"]
    date_hierarchy = "effective_on"
    autocomplete_fields = ["subject", "predecessors", "successors"]
    search_fields = ["legal_basis", "description", "old_name", "new_name"]


class MandateForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Mandate
        fields = ["principal", "agent", "function", "legal_basis", "valid_from", "valid_until"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        principal = data.get("principal") or getattr(self.instance, "principal", None)
        agent = data.get("agent") or getattr(self.instance, "agent", None)
        if principal is not None and agent is not None:
            # The service's checks, here so that the admin shows them on the form.
            try:
                check_mandate(
                    principal,
                    agent,
                    data.get("function") or self.instance.function,
                    data.get("legal_basis") or "",
                    data.get("valid_from"),
                    data.get("valid_until"),
                )
            except UserError as exc:
                raise forms.ValidationError(exc.message) from None
        return data


@admin.register(Mandate)
class MandateAdmin(ScopedAdmin):
    """Administrators of a unit give one of its functions to another body (and end it by a
    date: a mandate is never deleted, so that the audit trail says who acted for whom when)."""

    form = MandateForm
    list_display = ["agent", "function", "principal", "valid_from", "valid_until"]
    list_filter = ["function"]
    autocomplete_fields = ["principal", "agent"]
    search_fields = ["agent__name", "principal__name", "legal_basis"]
    list_select_related = ["agent", "principal"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return ["principal", "agent", "function"] if obj else []

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: Mandate, form: Any, change: bool) -> None:
        data = form.cleaned_data
        if change:
            update_mandate(
                obj,
                legal_basis=data["legal_basis"],
                valid_from=data.get("valid_from"),
                valid_until=data.get("valid_until"),
                actor=request.user,
            )
        else:
            created = grant_mandate(
                principal=data["principal"],
                agent=data["agent"],
                function=data["function"],
                legal_basis=data["legal_basis"],
                valid_from=data.get("valid_from"),
                valid_until=data.get("valid_until"),
                actor=request.user,
            )
            obj.pk = created.pk
