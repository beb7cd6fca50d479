"""Counts of the task consumer's work, for ``/metrics``: runs started, finished, failed, retried,
and how long they took, per task.

The tasks run in the consumer (``run_huey``), a process of its own and, beyond one machine, on
other machines than the web servers that answer ``/metrics``: counters kept in the consumer's
memory, or in the web server's ``PROMETHEUS_MULTIPROC_DIR``, would never reach a scrape. They
are kept in the task queue's own storage instead (huey's atomic counters: ``HINCRBY`` in Redis,
an upsert in SQLite), which every consumer writes and every web server already reads for the
queue depth. huey's signals record them in whichever process runs the task (the web process
itself in immediate mode).

A duration goes to one bucket counter (not cumulative, so one increment a run) and to a sum in
milliseconds; the reader adds the buckets up into a Prometheus histogram.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from huey import signals

log = logging.getLogger(__name__)

PREFIX = "danvan.metrics.task"
#: Upper bounds (seconds) of the duration buckets; a periodic sweep may take minutes.
BUCKETS = (0.1, 0.5, 1.0, 5.0, 15.0, 60.0, 300.0)
#: Counter name for each signal counted, and what it counts.
OUTCOMES = {
    signals.SIGNAL_EXECUTING: "started",
    signals.SIGNAL_COMPLETE: "completed",
    signals.SIGNAL_ERROR: "failed",
    signals.SIGNAL_RETRYING: "retried",
}
_started: dict[str, float] = {}
_lock = threading.Lock()


def _key(task_name: str, field: str) -> str:
    return f"{PREFIX}.{task_name}.{field}"


def _bucket(seconds: float) -> int:
    return next((n for n, bound in enumerate(BUCKETS) if seconds <= bound), len(BUCKETS))


def record(huey: Any, signal: str, task: Any, *args: Any) -> None:
    """The signal handler: one or three atomic increments in the queue's storage."""
    now = time.monotonic()
    # The registry's name (module and function), as task_names() lists them: task.name alone
    # is the function's name, which two modules may share.
    name = huey._registry.task_to_string(type(task))
    try:
        if signal == signals.SIGNAL_EXECUTING:
            with _lock:
                _started[task.id] = now
        huey.storage.incr(_key(name, OUTCOMES[signal]))
        if signal in (signals.SIGNAL_COMPLETE, signals.SIGNAL_ERROR):
            with _lock:
                began = _started.pop(task.id, None)
            if began is not None:
                seconds = now - began
                huey.storage.incr(_key(name, f"b{_bucket(seconds)}"))
                huey.storage.incr(_key(name, "ms"), round(seconds * 1000))
    except Exception as exc:
        # The storage is down (Redis): the task itself still runs; a count is lost, and the
        # queue-depth gauge at /metrics shows the outage.
        log.warning("Không ghi được số liệu tác vụ %s: %s", name, type(exc).__name__)


def install(huey: Any) -> None:
    if getattr(huey, "_danvan_task_metrics", False):
        return  # counted once per run, however often the app registry is made ready

    def handler(signal: str, task: Any, *args: Any) -> None:
        record(huey, signal, task, *args)

    huey.signal(*OUTCOMES)(handler)
    huey._danvan_task_metrics = True


def task_names() -> list[str]:
    """Every task the consumer may run (their modules imported as ``run_huey`` does)."""
    from django.utils.module_loading import autodiscover_modules
    from huey.contrib.djhuey import HUEY

    autodiscover_modules("tasks")
    return sorted(HUEY._registry._registry)


def read(huey: Any) -> dict[str, dict[str, int]]:
    """Each task's counters as stored (``incr`` by 0 reads a counter atomically)."""
    fields = [*OUTCOMES.values(), "ms", *(f"b{n}" for n in range(len(BUCKETS) + 1))]
    return {
        name: {field: int(huey.storage.incr(_key(name, field), 0)) for field in fields}
        for name in task_names()
    }
