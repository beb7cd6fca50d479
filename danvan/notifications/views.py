from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from danvan.core.lists import listing

from . import services
from .filters import NotificationFilter
from .models import Notification


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    found = listing(request, NotificationFilter, Notification.objects.for_user(request.user))
    return render(request, "notifications/inbox.html", found.context())


@login_required
@require_POST
def toggle(request: HttpRequest, pk: int) -> HttpResponse:
    note = get_object_or_404(Notification.objects.for_user(request.user), pk=pk)
    if note.is_read:
        services.mark_unread(request.user, pk)  # type: ignore[arg-type]
    else:
        services.mark_read(request.user, [pk])  # type: ignore[arg-type]
    note.refresh_from_db()
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "notifications/_item.html", {"note": note})
    return redirect("notifications:inbox")


@login_required
@require_POST
def read_all(request: HttpRequest) -> HttpResponse:
    services.mark_read(request.user)  # type: ignore[arg-type]
    return redirect("notifications:inbox")


@login_required
def open_notification(request: HttpRequest, pk: int) -> HttpResponse:
    """Follow a notification's link, marking it read on the way."""
    note = get_object_or_404(Notification.objects.for_user(request.user), pk=pk)
    services.mark_read(request.user, [pk])  # type: ignore[arg-type]
    return redirect(note.url or "notifications:inbox")
