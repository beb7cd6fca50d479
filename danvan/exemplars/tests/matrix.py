"""«Dân vận khéo» models in the permission matrix: leaders and officers write; others read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.db import models

from danvan.accounts.models import RoleCode
from danvan.exemplars.models import (
    Commendation,
    ContestEntry,
    Criterion,
    EvidenceFile,
    Exemplar,
    Review,
    ReviewCycle,
)
from danvan.orgs.models import OrgUnit

from .support import PNG, make_exemplar, make_review


def _file(unit: OrgUnit) -> models.Model:
    from django.core.files.base import ContentFile

    row = EvidenceFile(exemplar=make_exemplar(unit), is_photo=True, name="anh.png",
                       content_type="image/png", sha256="0" * 64)  # fmt: skip
    row.file.save("anh.png", ContentFile(PNG), save=False)
    row.save()
    return row


CASES: dict[type[models.Model], Callable[[OrgUnit], models.Model]] = {
    Exemplar: make_exemplar,
    EvidenceFile: _file,
    Review: lambda unit: make_review(make_exemplar(unit)),
    Commendation: lambda unit: Commendation.objects.create(
        exemplar=make_exemplar(unit),
        awarded_by="Chủ tịch UBND tỉnh",
        form="Bằng khen",
        decision_number="12/QĐ-UBND",
        decided_on=dt.date(2026, 9, 1),
    ),  # fmt: skip
    ContestEntry: lambda unit: ContestEntry.objects.create(
        exemplar=make_exemplar(unit), contest="Hội thi Dân vận khéo", held_on=dt.date(2026, 9, 1)
    ),
    Criterion: lambda unit: Criterion.objects.create(
        province=unit, position=1, text="Có tên, địa chỉ cụ thể", basis="Hướng dẫn của tỉnh"
    ),
}

_WRITERS = {RoleCode.SYSTEM_ADMIN, RoleCode.LEADER, RoleCode.OFFICER}
EXPECTED: dict[str, dict[type[models.Model], tuple[bool, bool]]] = {
    role.value: dict.fromkeys(CASES, (True, role in _WRITERS)) for role in RoleCode
}
# Review cycles hold for the whole country (migration-loaded, superusers edit them).
NATIONAL_DATA = {ReviewCycle: "/admin/exemplars/reviewcycle/"}
