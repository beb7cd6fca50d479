from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# Later apps append their module here (label, url name); the base layout renders it in order.
MODULES: list[tuple[Any, str]] = [
    (_("Dashboard"), "core:dashboard"),
    (_("Org units"), "orgs:tree"),
    (_("Documents"), "documents:list"),
    (_("Plans"), "plans:list"),
    (_("Petitions"), "petitions:list"),
    (_("Dialogues"), "dialogues:list"),
    (_("Grassroots democracy"), "participation:home"),
    (_("Hotspots"), "hotspots:dashboard"),
    (_("Models"), "exemplars:list"),
    (_("Training"), "training:list"),
    (_("Inspections"), "inspections:list"),
    (_("Reports"), "reporting:list"),
    (_("Surveys"), "surveys:list"),
    (_("Evaluation"), "evaluation:list"),
]


def navigation(request: HttpRequest) -> dict[str, Any]:
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {"nav_modules": []}
    items = []
    for label, url_name in MODULES:
        url = reverse(url_name)
        items.append(
            {"label": label, "url": url, "active": request.path.startswith(url) and url != "/"}
        )
    return {"nav_modules": items}
