"""The records behind a computed point (drill-down): a source may register a function giving
the rows that explain its figure — the late tasks, the overdue petitions — as a queryset.

The page shows each record by its ``__str__`` (which never names a petitioner) and links it only
when the reader may open it (``visible_to``) and the model has a page (``DETAIL_URLS``). A source
whose shortfall is not one kind of row (an item never disclosed beside a disclosure posted too
briefly) gives a list of :class:`Record` instead: the words to show and the row to link, if any.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from danvan.orgs.models import OrgUnit


@dataclass(frozen=True)
class Record:
    text: str
    obj: Any = None


Records = Callable[[OrgUnit, dt.date, dt.date], "QuerySet[Any] | list[Record]"]

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
    "participation.Disclosure": "participation:disclosure",
    "participation.Comment": "participation:consultation",
    "participation.SupervisionRecommendation": "participation:recommendation",
    "participation.BoardFinding": "participation:board",
    "inspections.Finding": "inspections:finding",
    "accounts.User": "",
}
#: Records read on the page of another row (a comment on its draft's, a finding on its board's).
PAGE_OF = {"participation.Comment": "consultation_id", "participation.BoardFinding": "board_id"}


def detail_url(obj: Any) -> str:
    from django.urls import reverse

    label = f"{obj._meta.app_label}.{obj._meta.object_name}"
    name = DETAIL_URLS.get(label, "")
    if not name:
        return ""
    return reverse(name, args=[getattr(obj, PAGE_OF.get(label, "pk"))])


def records_for(code: str) -> Records | None:
    return _records.get(code)


def has_records(code: str) -> bool:
    return code in _records
