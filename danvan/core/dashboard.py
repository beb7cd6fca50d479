"""Tiles of the official's dashboard; each domain app registers its own.

A tile is a function of the request returning a small context dict (or ``None`` to hide the
tile) rendered with its template. Later apps (plans, reporting, petitions) add tiles here
without the dashboard knowing them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest


@dataclass(frozen=True)
class Tile:
    key: str
    template: str
    order: int
    build: Callable[[HttpRequest], dict[str, Any] | None]


_tiles: dict[str, Tile] = {}


def register_tile(
    key: str, template: str, order: int = 100
) -> Callable[
    [Callable[[HttpRequest], dict[str, Any] | None]], Callable[[HttpRequest], dict[str, Any] | None]
]:
    def decorator(
        build: Callable[[HttpRequest], dict[str, Any] | None],
    ) -> Callable[[HttpRequest], dict[str, Any] | None]:
        _tiles[key] = Tile(key, template, order, build)
        return build

    return decorator


def tiles_for(request: HttpRequest) -> list[tuple[Tile, dict[str, Any]]]:
    built = []
    for tile in sorted(_tiles.values(), key=lambda t: (t.order, t.key)):
        context = tile.build(request)
        if context is not None:
            built.append((tile, context))
    return built
