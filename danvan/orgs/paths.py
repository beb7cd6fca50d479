"""Materialised paths of the org-unit tree.

A unit's path is its ancestors' ids and its own, each written as a fixed-width decimal segment
("00000004" + "00000131" …). "Everything under this unit" is then the range
``path >= P and path < next(P)`` on an ordinary B-tree index, on SQLite and PostgreSQL alike,
whatever the depth; see :func:`danvan.core.scoping.subtree_upper_bound`.
"""

SEGMENT_WIDTH = 8
MAX_ID = 10**SEGMENT_WIDTH - 1


def segment(pk: int) -> str:
    if pk > MAX_ID:
        raise ValueError("org unit id too large for its path segment")
    return str(pk).zfill(SEGMENT_WIDTH)


def child_path(parent_path: str, pk: int) -> str:
    return parent_path + segment(pk)


def depth_of(path: str) -> int:
    return len(path) // SEGMENT_WIDTH - 1
