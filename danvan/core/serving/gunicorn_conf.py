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
from typing import Any

preload_app = True


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
