from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "danvan.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from auditlog.models import LogEntry
        from django.db.models.signals import pre_save

        from . import (
            checks,  # noqa: F401  (registers the scoped-model system checks)
            tiles,  # noqa: F401  (registers the foundation's dashboard tiles)
        )
        from .audit import stamp_entry

        pre_save.connect(stamp_entry, sender=LogEntry, dispatch_uid="danvan.core.audit.stamp_entry")

        from django.core.signals import request_finished
        from huey.contrib.djhuey import HUEY

        from . import task_metrics
        from .logs import end_request, install_task_context

        # Every record logged while a task runs carries the task's id and name; a request's
        # context lasts until its response is closed.
        install_task_context(HUEY)
        # Runs, failures, retries and durations per task, counted where the task runs.
        task_metrics.install(HUEY)
        request_finished.connect(end_request, dispatch_uid="danvan.core.logs.end_request")
