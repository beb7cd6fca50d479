"""Prometheus metrics at ``/metrics``: requests, latency by route, queue depth, overdue counts.

Never public: the view answers only an address in ``METRICS_ALLOW_IPS`` or a request bearing
``Authorization: Bearer <METRICS_TOKEN>``; anyone else gets the same 404 as a page that does not
exist. An address is believed only as :func:`danvan.core.clientip.client_address` resolves it
(``X-Forwarded-For`` only from ``FORWARDED_ALLOW_IPS``), and a request that came through a proxy
we do not trust is never let in by address: behind an nginx on the same machine, every visitor
would otherwise look like 127.0.0.1.

Request metrics are counted by :class:`danvan.core.middleware.RequestIdMiddleware` and labelled
by the route pattern (``petitions/<id:pk>/``), never the path, so ids do not multiply the series.
Under gunicorn (``danvan serve``) every worker writes its counts to files in a directory of its
own server (``serving/gunicorn_conf.py`` sets ``PROMETHEUS_MULTIPROC_DIR`` before anything is
imported) and a scrape adds them up, so the totals are right whichever worker answers.

Domain figures are not counted by the workers but computed when scraped: tasks waiting in the
huey queue, and for each obligation kind that names its model (``ObligationKind.model``) the
rows overdue today (:func:`danvan.core.obligations.overdue_filter`); and the consumer's work per
task (runs started, completed, failed, retried, and their durations), which the consumer counts
in the queue's own storage (:mod:`danvan.core.task_metrics`) because it is another process,
often on another machine, than the web server answering the scrape. They are kept in the cache
for ``METRICS_DOMAIN_CACHE_SECONDS``, so frequent scrapes by several Prometheus servers cost one
count a minute on the database.
"""

from __future__ import annotations

import hmac
import ipaddress
import logging
import os
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, HistogramMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector

REQUESTS = Counter(
    "danvan_http_requests",
    "HTTP requests served, by method, route pattern and status code.",
    ["method", "route", "status"],
)
LATENCY = Histogram(
    "danvan_http_request_duration_seconds",
    "Time to answer an HTTP request, by method and route pattern.",
    ["method", "route"],
    # Around the goals of the performance issues: p95 < 100, 200, 300 ms.
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 1.0, 2.5, 5.0, 10.0),
)
_METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}
DOMAIN_CACHE_KEY = "danvan:metrics:domain"
log = logging.getLogger(__name__)


def route_of(request: HttpRequest) -> str:
    """The URL pattern that answered (bounded set of labels), or a word for what had none."""
    match = getattr(request, "resolver_match", None)
    if match is not None:
        return match.route or match.view_name or "unknown"
    if request.path.startswith(settings.STATIC_URL):
        return "static"
    return "unmatched"


def observe_request(method: str, route: str, status: int, seconds: float) -> None:
    method = method if method in _METHODS else "other"
    REQUESTS.labels(method, route, str(status)).inc()
    LATENCY.labels(method, route).observe(seconds)


# --- domain figures, computed when scraped ------------------------------------------------------


def overdue_counts() -> dict[str, int]:
    """Rows overdue today for each obligation kind whose items are rows of one model."""
    from .obligations import kinds, overdue_filter

    today = timezone.localdate()
    counts = {}
    for kind in kinds():
        if kind.model is None:
            continue
        counts[kind.key] = kind.model._default_manager.filter(
            overdue_filter(kind.model, today)
        ).count()
    return counts


def queue_depth() -> dict[str, int]:
    from huey.contrib.djhuey import HUEY

    return {"pending": HUEY.pending_count(), "scheduled": HUEY.scheduled_count()}


def domain_figures() -> dict[str, Any]:
    def compute() -> dict[str, Any]:
        from huey.contrib.djhuey import HUEY

        from . import task_metrics

        return {
            "queue": queue_depth(),
            "overdue": overdue_counts(),
            "tasks": task_metrics.read(HUEY),
        }

    seconds = settings.METRICS_DOMAIN_CACHE_SECONDS
    if not seconds:
        return compute()
    figures = cache.get_or_set(DOMAIN_CACHE_KEY, compute, seconds)
    return figures if isinstance(figures, dict) else compute()


class DomainCollector:
    """Gauges of the task queue and of overdue obligations (see the module docstring)."""

    def collect(self) -> Iterator[Any]:
        try:
            figures = domain_figures()
        except Exception:
            # The database or Redis is down: exactly when the request metrics matter most, so
            # they are still served, with this gauge at 0 for an alert to fire on.
            log.warning("Không đếm được số liệu nghiệp vụ cho /metrics.", exc_info=True)
            figures = {}
        yield GaugeMetricFamily(
            "danvan_domain_figures_up",
            "1 when the queue depth and overdue counts below could be read, 0 when not.",
            value=1 if figures else 0,
        )
        if not figures:
            return
        queue = GaugeMetricFamily(
            "danvan_task_queue_depth",
            "Tasks in the huey queue: waiting to run now (pending) or later (scheduled).",
            labels=["state"],
        )
        for state, count in sorted(figures["queue"].items()):
            queue.add_metric([state], count)
        yield queue
        overdue = GaugeMetricFamily(
            "danvan_obligations_overdue",
            "Open obligations past their due date today, by obligation kind.",
            labels=["kind"],
        )
        for key, count in sorted(figures["overdue"].items()):
            overdue.add_metric([key], count)
        yield overdue
        yield from task_families(figures.get("tasks", {}))


def task_families(tasks: dict[str, dict[str, int]]) -> Iterator[Any]:
    """The consumer's counts per task as a counter by outcome and a duration histogram."""
    from . import task_metrics

    runs = CounterMetricFamily(
        "danvan_task_runs",
        "Task runs by outcome: started, completed, failed (an exception), retried (requeued).",
        labels=["task", "outcome"],
    )
    duration = HistogramMetricFamily(
        "danvan_task_duration_seconds",
        "Time a finished task run took (completed or failed), by task.",
        labels=["task"],
    )
    for name, counts in sorted(tasks.items()):
        for outcome in task_metrics.OUTCOMES.values():
            runs.add_metric([name, outcome], counts.get(outcome, 0))
        buckets, total = [], 0
        bounds = [*(str(b) for b in task_metrics.BUCKETS), "+Inf"]
        for n, bound in enumerate(bounds):
            total += counts.get(f"b{n}", 0)
            buckets.append((bound, total))
        duration.add_metric([name], buckets, counts.get("ms", 0) / 1000)
    yield runs
    yield duration


def exposition() -> bytes:
    """The text Prometheus reads: the request metrics (every worker's) and the domain gauges."""
    directory = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if directory:
        workers = CollectorRegistry()
        MultiProcessCollector(workers, path=directory)
        request_metrics = generate_latest(workers)
    else:
        request_metrics = generate_latest(REGISTRY)
    domain = CollectorRegistry()
    domain.register(DomainCollector())  # type: ignore[arg-type]
    return request_metrics + generate_latest(domain)


# --- who may read them ----------------------------------------------------------------------------


def _bearer_ok(request: HttpRequest) -> bool:
    token = settings.METRICS_TOKEN
    if not token:
        return False
    given = request.headers.get("Authorization", "")
    return hmac.compare_digest(given.encode(), f"Bearer {token}".encode())


def _address_ok(request: HttpRequest) -> bool:
    from .clientip import client_address, from_trusted_proxy

    allowed = settings.METRICS_ALLOW_IPS
    if not allowed:
        return False
    if request.headers.get("X-Forwarded-For") and not from_trusted_proxy(request):
        # Relayed by a proxy we do not trust: the real client is unknown.
        return False
    try:
        address = ipaddress.ip_address(client_address(request) or "")
    except ValueError:
        return False
    return any(address in network for network in allowed)


def may_read(request: HttpRequest) -> bool:
    return _bearer_ok(request) or _address_ok(request)


def metrics_view(request: HttpRequest) -> Any:
    if request.method not in {"GET", "HEAD"} or not may_read(request):
        raise Http404
    response = HttpResponse(exposition(), content_type=CONTENT_TYPE_LATEST)
    response["Cache-Control"] = "no-store"
    return response
