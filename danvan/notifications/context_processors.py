from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from .models import Notification


def unread_notifications(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    # Lazy: pages that never show the badge pay no query.
    return {"unread_notifications": lambda: Notification.objects.for_user(user).unread().count()}
