from django.contrib import admin

from .models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """Back-office view for superusers: what was sent to whom, and whether the e-mail went."""

    list_display = ["subject", "recipient", "created_at", "read_at", "emailed_at"]
    list_filter = ["created_at"]
    search_fields = ["key", "subject", "recipient__username"]
    readonly_fields = [f.name for f in Notification._meta.fields]

    def has_module_permission(self, request):  # type: ignore[no-untyped-def]
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return request.user.is_superuser

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
