"""gunicorn settings of ``danvan serve`` (read with ``--config python:…``).

The application is loaded once in the master and the workers are forked from it, so the
interpreter, Django and every module of the project sit in pages the workers share
(copy-on-write) instead of each worker importing its own copy: five workers held about 113 MB
each when each loaded the application itself (issue #17).

Sharing only lasts while nobody writes to a page, and CPython's cyclic garbage collector
writes to every object it visits. ``gc.freeze()`` just before each fork moves everything the
master has allocated into a permanent generation the collector never walks, so the workers
keep sharing those pages for their whole life.
"""

from __future__ import annotations

import gc
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

preload_app = True

# Prometheus counts (``core.metrics``): each worker writes its own to files in one directory per
# running server, and a scrape, whichever worker answers, adds them all up. Named after the
# master's pid (this module is read by the master only), so two servers on one machine never
# share or wipe each other's; gunicorn puts it in the environment before it loads the
# application, which is when prometheus_client decides to count through files.
METRICS_PREFIX = "danvan-metrics-"
metrics_dir = Path(tempfile.gettempdir()) / f"{METRICS_PREFIX}{os.getpid()}"
raw_env = [f"PROMETHEUS_MULTIPROC_DIR={metrics_dir}"]


def on_starting(server: Any) -> None:
    """A clean metrics directory for this server; those of servers no longer running go."""
    for other in metrics_dir.parent.glob(f"{METRICS_PREFIX}*"):
        pid = other.name.removeprefix(METRICS_PREFIX)
        if other == metrics_dir or not pid.isdigit() or _running(int(pid)):
            continue
        shutil.rmtree(other, ignore_errors=True)
    shutil.rmtree(metrics_dir, ignore_errors=True)
    metrics_dir.mkdir(mode=0o700, parents=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def child_exit(server: Any, worker: Any) -> None:
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid, str(metrics_dir))


def on_exit(server: Any) -> None:
    shutil.rmtree(metrics_dir, ignore_errors=True)


def when_ready(server: Any) -> None:
    """What every worker would otherwise load by itself on its first requests, loaded once here.

    ``get_wsgi_application()`` sets Django up but leaves the URL configuration (every view
    module, the API and its schemas), the translation catalogues and the compiled templates
    to the first request of each worker, which then held about 20 MB of its own copy.
    """
    from django.template import engines
    from django.urls import get_resolver
    from django.utils import translation

    get_resolver().url_patterns  # noqa: B018 - imports every view and API module
    for language in ("vi", "en"):
        with translation.override(language):
            translation.gettext("Dân Vận")
    for engine in engines.all():
        loader_engine = getattr(engine, "engine", None)
        if loader_engine is None:
            continue
        for loader in loader_engine.template_loaders:
            for directory in loader.get_dirs() if hasattr(loader, "get_dirs") else []:
                _compile_templates(engine, directory)


def _compile_templates(engine: Any, directory: Any) -> None:
    from pathlib import Path

    root = Path(directory)
    for path in root.rglob("*.html"):
        try:
            engine.get_template(path.relative_to(root).as_posix())
        except Exception:
            # Not ours to report: the request that renders it shows the same error.
            continue


def pre_fork(server: Any, worker: Any) -> None:
    # A connection the master opened while loading the application must not be inherited:
    # two processes talking over one socket corrupt each other's conversation.
    from django.db import connections
    from huey.contrib.djhuey import HUEY

    connections.close_all()
    # The task queue's SQLite connection too (huey opens one lazily and keeps it).
    close = getattr(HUEY.storage, "close", None)
    if close is not None:
        close()
    gc.freeze()
