"""Tiles of the official's dashboard and cards of the citizens' portal; each app registers its own.

A tile is a function of the request returning a small context dict (or ``None`` to hide the
tile) rendered with its template. Later apps (plans, reporting, petitions) add tiles here
without the dashboard knowing them. The portal's cards are tiles on the ``"portal"`` board:
they read only what is public and say what is there now (how many receptions in the coming
days, drafts open for comments), so that a card never promises what is not there.

A portal card is the same for every visitor (public data, no scope), and at national scale some
count a whole year of the country's petitions (≈ 250,000 rows, 0.5 s). Its context is therefore
kept in the shared cache for ``PORTAL_CARDS_CACHE_SECONDS`` (5 minutes by default, per language;
0 turns it off, as the tests do): a citizen may see a count a few minutes old, never another
person's data. Dashboard tiles depend on the official's scope and are never cached.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import get_language

log = logging.getLogger(__name__)


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


#: The boards whose tiles show public data only, the same for every visitor.
PUBLIC_BOARDS = frozenset({"portal"})
#: Stored in the cache for a card that hides itself (``None`` would read as "not cached").
_HIDDEN = "hidden"


def tiles_for(request: HttpRequest, board: str = "dashboard") -> list[tuple[Tile, dict[str, Any]]]:
    built = []
    tiles = [t for t in _tiles.values() if t.board == board]
    seconds = settings.PORTAL_CARDS_CACHE_SECONDS if board in PUBLIC_BOARDS else 0
    for tile in sorted(tiles, key=lambda t: (t.order, t.key)):
        context = _public_context(tile, request, seconds) if seconds else tile.build(request)
        if context is not None:
            built.append((tile, context))
    return built


def _public_context(tile: Tile, request: HttpRequest, seconds: int) -> dict[str, Any] | None:
    key = f"danvan:tile:{tile.key}:{get_language()}"
    try:
        cached = cache.get(key)
    except Exception:  # noqa: BLE001 (the cache, e.g. Redis, is down: the portal still serves)
        log.warning("portal card %s: cache unavailable, computed", tile.key, exc_info=True)
        return tile.build(request)
    if cached is None:
        context = tile.build(request)
        try:
            cache.set(key, _HIDDEN if context is None else context, seconds)
        except Exception:  # noqa: BLE001
            log.warning("portal card %s: not cached", tile.key, exc_info=True)
        return context
    return None if cached == _HIDDEN else cached
