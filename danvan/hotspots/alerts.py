"""Telling leaders about new candidate hotspots, once per rule, commune, topic and window."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from danvan.core.audit import SYSTEM, acting_as
from danvan.orgs.models import OrgUnit
from danvan.petitions.models import Petition

from .detection import find_candidates
from .models import OpinionSignal


def leaders_for(place: OrgUnit) -> list[Any]:
    """Leaders of the commune and of every unit above it (the province)."""
    from danvan.notifications.services import officials_at

    units = [*place.ancestors(), place]
    seen: dict[int, Any] = {}
    for unit in units:
        for user in officials_at(unit, "leader"):
            seen.setdefault(user.pk, user)
    return list(seen.values())


def alert_new_candidates(today: dt.date | None = None) -> int:
    """Notify leaders of each candidate not told about yet; returns notifications created."""
    from danvan.notifications.services import notify

    today = today or timezone.localdate()
    candidates = find_candidates(Petition.objects.all(), OpinionSignal.objects.all(), today)
    sent = 0
    with transaction.atomic(), acting_as(SYSTEM):
        for c in candidates:
            if c.confirmed is not None or c.place is None or c.topic is None:
                continue
            created = notify(
                c.key,
                leaders_for(c.place),
                f"Điểm nóng tiềm ẩn: {c.topic.name} tại {c.place.name}"[:300],
                (
                    f"Quy tắc «{c.rule.name}» phát hiện {c.petitions} đơn và {c.signals} thông "
                    f"tin dư luận về {c.topic.name} tại {c.place.name} từ "
                    f"{c.window_start:%d/%m/%Y} đến {c.window_end:%d/%m/%Y}. "
                    "Đề nghị xem xét, xác nhận và chỉ đạo xử lý."
                ),
                url=reverse("hotspots:dashboard"),
            )
            sent += len(created)
    return sent
