"""The records behind a computed point (drill-down): a source may register a function giving
the rows that explain its figure — the late tasks, the overdue petitions — as a queryset.

The page shows each record by its ``__str__`` (which never names a petitioner) and links it only
when the reader may open it (``visible_to``) and the model has ``get_absolute_url``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet

from danvan.orgs.models import OrgUnit

Records = Callable[[OrgUnit, dt.date, dt.date], "QuerySet[Any]"]

_records: dict[str, Records] = {}


def register_records(code: str) -> Callable[[Records], Records]:
    def decorate(function: Records) -> Records:
        _records[code] = function
        return function

    return decorate


def records_for(code: str) -> Records | None:
    return _records.get(code)


def has_records(code: str) -> bool:
    return code in _records
