"""Grassroots democracy over the API, one module per concept: disclosures and compliance,
consultations and comments, the people's decisions, supervision rounds and recommendations, the
people's boards and coordination programmes. Same services, same scope and same Vietnamese
messages as the pages.

Every module registers its operations on the one :data:`router` of :mod:`.common`, so the paths
are those of the single module this package replaced. So are the operation ids: django-ninja
derives them from the view's module, and clients generated from ``docs/openapi.json`` name
their methods after them, so each operation keeps ``danvan_participation_api_<view>``.

No ``from __future__ import annotations`` in these modules: django-ninja resolves the
annotations of paginated views in the namespace of its own wrapper, where string annotations
are not found.
"""

from . import annual, boards, consultation, decisions, disclosure, supervision
from .common import router

for _path in router.path_operations.values():
    for _operation in _path.operations:
        if _operation.operation_id is None:
            _operation.operation_id = f"danvan_participation_api_{_operation.view_func.__name__}"

__all__ = ["annual", "boards", "consultation", "decisions", "disclosure", "router", "supervision"]
