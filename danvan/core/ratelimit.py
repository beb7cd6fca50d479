"""Rate limits shared by every worker and machine: a sliding window counted in the database.

A limit counted in one process's memory (Django's local-memory cache) lets each of gunicorn's
workers admit its own quota: 21 portal filings from one address in an hour against a limit of 5
with five workers. Here each hit is a row; a request is admitted while the hits of its bucket
in the last ``window`` seconds, its own included, are at most ``limit``. Refused hits count
too, so hammering keeps a client out rather than letting it in at the window's edge.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from .models import RateHit

#: Hits older than this are deleted as new ones arrive; no window is longer.
KEEP = dt.timedelta(days=1)


def hit(bucket: str, limit: int, window: int = 3600) -> bool:
    """Count one request in ``bucket``; True when it is over ``limit`` within ``window`` s."""
    now = timezone.now()
    bucket = bucket[:120]
    with transaction.atomic():
        RateHit.objects.filter(bucket=bucket, at__lt=now - KEEP).delete()
        RateHit.objects.create(bucket=bucket, at=now)
        count = RateHit.objects.filter(bucket=bucket, at__gt=now - dt.timedelta(seconds=window))
        return count.count() > limit


def count(bucket: str, window: int = 3600) -> int:
    """How many hits ``bucket`` has had within ``window`` s (read only)."""
    since = timezone.now() - dt.timedelta(seconds=window)
    return RateHit.objects.filter(bucket=bucket[:120], at__gt=since).count()


__all__ = ["count", "hit"]
