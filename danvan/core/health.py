"""Liveness of what the platform needs: the database and the task queue."""

from __future__ import annotations

from typing import Any

from django.db import connection


def check_database() -> tuple[bool, str]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any driver error means "down" to a load balancer
        return False, type(exc).__name__
    return True, connection.vendor


def check_queue() -> tuple[bool, dict[str, Any]]:
    from huey.contrib.djhuey import HUEY

    try:
        pending = HUEY.pending_count()
    except Exception as exc:
        return False, {"error": type(exc).__name__}
    return True, {"backend": type(HUEY).__name__, "pending": pending}
