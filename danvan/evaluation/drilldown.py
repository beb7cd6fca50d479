"""The records behind a computed point (drill-down): a source may register a function giving
the rows that explain its figure — the late tasks, the overdue petitions — as a queryset.

The page shows each record by its ``__str__`` (which never names a petitioner) and links it only
when the reader may open it (``visible_to``) and the model has a page (``DETAIL_URLS``).
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


#: Where a record of each model is opened (app_label.ModelName -> url name taking ``pk``).
DETAIL_URLS = {
    "plans.Task": "plans:task",
    "plans.ImplementationObligation": "",
    "petitions.Petition": "petitions:detail",
    "dialogues.Dialogue": "dialogues:detail",
    "reporting.Submission": "reporting:review",
}


def detail_url(obj: Any) -> str:
    from django.urls import reverse

    name = DETAIL_URLS.get(f"{obj._meta.app_label}.{obj._meta.object_name}", "")
    return reverse(name, args=[obj.pk]) if name else ""


def records_for(code: str) -> Records | None:
    return _records.get(code)


def has_records(code: str) -> bool:
    return code in _records
