from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from danvan.core.admin import NationalDataAdmin, ScopedAdmin

from .models import ApiToken, Role, RoleAssignment, User
from .services import issue_token, revoke_token


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0
    autocomplete_fields = ["org_unit"]


@admin.register(User)
class UserAdmin(ScopedAdmin, DjangoUserAdmin):
    list_display = ["username", "full_name", "org_unit", "is_active", "last_login"]
    list_filter = ["is_active", "is_staff", "role_assignments__role"]
    search_fields = ["username", "full_name", "email"]
    autocomplete_fields = ["org_unit"]
    inlines = [RoleAssignmentInline]
    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),
        (_("Official"), {"fields": ("full_name", "position", "phone", "org_unit")}),
    )


@admin.register(Role)
class RoleAdmin(NationalDataAdmin):
    """Roles apply across the whole country."""

    list_display = ["name", "code", "require_two_factor"]
    list_editable = ["require_two_factor"]


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(ScopedAdmin):
    list_display = ["user", "role", "org_unit", "include_subtree", "valid_until"]
    list_filter = ["role", "include_subtree"]
    autocomplete_fields = ["user", "org_unit"]
    search_fields = ["user__username", "user__full_name", "org_unit__name"]


@admin.register(ApiToken)
class ApiTokenAdmin(ScopedAdmin):
    list_display = [
        "name",
        "prefix",
        "user",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
    ]
    autocomplete_fields = ["user"]
    readonly_fields = ["prefix", "created_at", "last_used_at", "revoked_at"]
    fields = ["user", "name", "expires_at", "prefix", "created_at", "last_used_at", "revoked_at"]
    actions = ["revoke"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None and super().has_change_permission(request, obj)

    def save_model(self, request: HttpRequest, obj: ApiToken, form: Any, change: bool) -> None:
        token, raw = issue_token(
            form.cleaned_data["user"], form.cleaned_data["name"],
            expires_at=form.cleaned_data.get("expires_at"), actor=request.user,
        )  # fmt: skip
        obj.pk = token.pk
        messages.warning(
            request,
            _("Copy this token now; it will not be shown again: %(token)s") % {"token": raw},
        )

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request: HttpRequest, queryset: Any) -> None:
        for token in queryset:
            revoke_token(token, actor=request.user)


# --- Two-factor devices in Vietnamese (see vendor_l10n) -----------------------------------------
def _vietnamese_otp_admins() -> None:
    from django_otp.plugins.otp_static.admin import StaticDeviceAdmin
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from .vendor_l10n import translated_fieldsets

    for model, base in ((TOTPDevice, TOTPDeviceAdmin), (StaticDevice, StaticDeviceAdmin)):

        class Translated(base):  # type: ignore[valid-type, misc]
            search_help_text = _("Search by the official's user name or e-mail.")

            def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
                return translated_fieldsets(super().get_fieldsets(request, obj))

        if admin.site.is_registered(model):
            admin.site.unregister(model)
        admin.site.register(model, Translated)


_vietnamese_otp_admins()
