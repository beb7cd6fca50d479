"""Where a document is used: a hook for later apps (plans, reporting) to fill the "used by" panel.

A provider is a function of the request and the document returning the items to list (plans
built on a decision, reports it requires…), already filtered to what the official may see.
Apps register theirs from their ``AppConfig.ready``; the registry knows none of them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest

if TYPE_CHECKING:
    from .models import Document


@dataclass(frozen=True)
class UsageItem:
    label: str
    url: str = ""
    note: str = ""


UsageBuilder = Callable[[HttpRequest, "Document"], list[UsageItem]]


@dataclass(frozen=True)
class UsageProvider:
    key: str
    label: Any
    order: int
    build: UsageBuilder


_providers: dict[str, UsageProvider] = {}


def register_usage(
    key: str, label: Any, order: int = 100
) -> Callable[[UsageBuilder], UsageBuilder]:
    """Register ``build`` as the provider ``key`` (registering a key again replaces it)."""

    def decorator(build: UsageBuilder) -> UsageBuilder:
        _providers[key] = UsageProvider(key, label, order, build)
        return build

    return decorator


def unregister_usage(key: str) -> None:
    _providers.pop(key, None)


def usages_for(
    request: HttpRequest, document: Document
) -> list[tuple[UsageProvider, list[UsageItem]]]:
    """Each provider with the items it lists for ``document`` (providers with none are left out)."""
    found = []
    for provider in sorted(_providers.values(), key=lambda p: (p.order, p.key)):
        items = provider.build(request, document)
        if items:
            found.append((provider, items))
    return found
