"""Hotspots in the permission matrix: leaders and officers log signals and confirm hotspots."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.db import models

from danvan.accounts.models import RoleCode
from danvan.hotspots.models import HotspotCase, HotspotRule, OpinionSignal
from danvan.orgs.models import OrgUnit

from .support import signal, topic


def _signal(unit: OrgUnit) -> models.Model:
    return signal(unit, unit, topic())


def _case(unit: OrgUnit) -> models.Model:
    return HotspotCase.objects.create(
        owner=unit,
        place=unit,
        topic=topic(),
        window_start=dt.date(2026, 10, 1),
        window_end=dt.date(2026, 10, 30),
        note="Điểm nóng về bồi thường",
    )


CASES: dict[type[models.Model], Callable[[OrgUnit], models.Model]] = {
    OpinionSignal: _signal,
    HotspotCase: _case,
}
_WRITERS = {RoleCode.SYSTEM_ADMIN, RoleCode.LEADER, RoleCode.OFFICER}
EXPECTED: dict[str, dict[type[models.Model], tuple[bool, bool]]] = {
    role.value: dict.fromkeys(CASES, (True, role in _WRITERS)) for role in RoleCode
}
NATIONAL_DATA: dict[type[models.Model], str] = {HotspotRule: "/admin/hotspots/hotspotrule/"}
