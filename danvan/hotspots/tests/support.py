"""Builders for hotspot tests: petitions and signals straight to the database."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from danvan.hotspots.models import OpinionSignal, SignalSource
from danvan.orgs.models import OrgUnit
from danvan.petitions.models import Petition, Topic

TODAY = dt.date(2026, 11, 20)
_codes = itertools.count(1)


def topic(code: str = "dat-dai") -> Topic:
    found = Topic.objects.filter(code=code).first()
    return found or Topic.objects.create(code=code, name=code.replace("-", " ").title())


def petition(
    handling_unit: OrgUnit,
    place: OrgUnit | None,
    about: Topic | None,
    received_on: dt.date = TODAY,
    **kw: Any,
) -> Petition:
    fields: dict[str, Any] = {
        "tracking_code": f"T{next(_codes):08d}",
        "kind": "complaint",
        "title": "Khiếu nại về giá bồi thường",
        "content": "Nội dung đơn",
        "state": "accepted",
        "due_on": received_on + dt.timedelta(days=30),
    }
    fields.update(kw)
    return Petition.objects.create(
        handling_unit=handling_unit, place=place, topic=about, received_on=received_on, **fields
    )


def signal(
    owner: OrgUnit, place: OrgUnit, about: Topic, observed_on: dt.date = TODAY, **kw: Any
) -> OpinionSignal:
    fields: dict[str, Any] = {
        "source": SignalSource.SOCIAL,
        "summary": "Dư luận bức xúc về giá bồi thường",
    }
    fields.update(kw)
    return OpinionSignal.objects.create(
        owner=owner, place=place, topic=about, observed_on=observed_on, **fields
    )
