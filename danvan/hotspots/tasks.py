"""Background work of hotspots (huey): the daily alert about new candidates."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task


@db_periodic_task(crontab(hour="7", minute="15"))
def alert_candidates() -> int:
    """Every morning: tell leaders about candidate hotspots they were not told about yet."""
    from .alerts import alert_new_candidates

    return alert_new_candidates()
