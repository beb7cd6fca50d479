"""The "used by" panel of a document: plans based on it or issued by it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from danvan.documents.usage import UsageItem, register_usage

if TYPE_CHECKING:
    from danvan.documents.models import Document


@register_usage("plans", gettext_lazy("Plans"), order=10)
def plans_using(request: HttpRequest, document: Document) -> list[UsageItem]:
    from .models import Plan

    plans = (
        Plan.objects.visible_to(request.user)
        .filter(Q(issued_document=document) | Q(legal_basis=document))
        .select_related("owner")
        .distinct()[:50]
    )
    items = []
    for plan in plans:
        note = (
            _("issued by this document")
            if plan.issued_document_id == document.pk
            else _("legal basis")
        )
        items.append(
            UsageItem(str(plan), reverse("plans:detail", args=[plan.pk]), f"{plan.owner} · {note}")
        )
    return items
