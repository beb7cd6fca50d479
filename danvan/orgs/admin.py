from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from danvan.core.admin import ScopedAdmin

from .models import OrgUnit, OrgUnitEvent
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
