"""The audit log of domain data, kept by django-auditlog.

Every model of domain data is registered here once (from its app's ``ready``); auditlog then
records each create, update and delete with the actor, the time, the changed values (before and
after) and the request id (its ``cid``). Writes made outside a request (the ``danvan`` command,
task consumer) name their actor with :func:`acting_as`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from auditlog.context import set_actor
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.db import models


def register_audited(*model_classes: type[models.Model], **options: Any) -> None:
    """Track every create, update and delete of these models in the audit log."""
    for model_class in model_classes:
        if not auditlog.contains(model_class):
            auditlog.register(model_class, **options)


@contextmanager
def acting_as(actor: Any | None) -> Iterator[None]:
    """Attribute the audit entries written inside the block to ``actor`` (a user or None)."""
    if actor is None:
        yield
        return
    with set_actor(actor):
        yield


def history_of(instance: models.Model) -> models.QuerySet[LogEntry]:
    """Audit entries of one object, newest first."""
    return LogEntry.objects.get_for_object(instance).select_related("actor").order_by("-timestamp")


def log_bulk_created(instances: list[models.Model], actor: Any | None = None) -> None:
    """Write create entries for rows inserted with ``bulk_create`` (which sends no signals).

    Bulk loads (the 3,321 communes of the country) would take minutes row by row; this keeps
    them fast without leaving rows that the audit log does not know about.
    """
    from auditlog.cid import get_cid
    from auditlog.diff import model_instance_diff
    from django.contrib.contenttypes.models import ContentType

    if not instances:
        return
    content_type = ContentType.objects.get_for_model(type(instances[0]))
    cid = get_cid()
    actor_pk = getattr(actor, "pk", None)
    entries = [
        LogEntry(
            content_type=content_type,
            object_pk=str(obj.pk),
            object_id=obj.pk,
            object_repr=str(obj)[:1000],
            action=LogEntry.Action.CREATE,
            changes=model_instance_diff(None, obj, use_json_for_changes=True),
            actor_id=actor_pk,
            cid=cid,
        )
        for obj in instances
    ]
    LogEntry.objects.bulk_create(entries, batch_size=500)
