"""Tiles of the official's dashboard and cards of the citizens' portal; each app registers its own.

A tile is a function of the request returning a small context dict (or ``None`` to hide the
tile) rendered with its template. Later apps (plans, reporting, petitions) add tiles here
without the dashboard knowing them. The portal's cards are tiles on the ``"portal"`` board:
they read only what is public and say what is there now (how many receptions in the coming
days, drafts open for comments), so that a card never promises what is not there.
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
    board: str = "dashboard"


_tiles: dict[str, Tile] = {}


def register_tile(
    key: str, template: str, order: int = 100, board: str = "dashboard"
) -> Callable[
    [Callable[[HttpRequest], dict[str, Any] | None]], Callable[[HttpRequest], dict[str, Any] | None]
]:
    def decorator(
        build: Callable[[HttpRequest], dict[str, Any] | None],
    ) -> Callable[[HttpRequest], dict[str, Any] | None]:
        _tiles[key] = Tile(key, template, order, build, board)
        return build

    return decorator


def tiles_for(request: HttpRequest, board: str = "dashboard") -> list[tuple[Tile, dict[str, Any]]]:
    built = []
    tiles = [t for t in _tiles.values() if t.board == board]
    for tile in sorted(tiles, key=lambda t: (t.order, t.key)):
        context = tile.build(request)
        if context is not None:
            built.append((tile, context))
    return built
