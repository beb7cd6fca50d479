"""Builders for exemplar tests, straight to the database."""

from __future__ import annotations

import datetime as dt
from typing import Any

from danvan.exemplars.models import Exemplar, ExemplarField, Review, ReviewCycle
from danvan.orgs.models import OrgUnit

# 1×1 PNG: a real image the upload check accepts.
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)


def make_exemplar(unit: OrgUnit, started_on: dt.date = dt.date(2026, 3, 1), **kw: Any) -> Exemplar:
    fields: dict[str, Any] = {
        "title": "Dân vận khéo trong làm đường giao thông nông thôn",
        "field": ExemplarField.ECONOMY,
    }
    fields.update(kw)
    return Exemplar.objects.create(unit=unit, started_on=started_on, **fields)


def yearly() -> ReviewCycle:
    return ReviewCycle.objects.get(code="hang-nam")


def make_review(exemplar: Exemplar) -> Review:
    return Review.objects.create(
        exemplar=exemplar, cycle=yearly(), reviewed_on=exemplar.started_on,
        effectiveness="good", assessment="Hiệu quả",
    )  # fmt: skip
