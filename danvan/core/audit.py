"""The audit log of domain data, kept by django-auditlog.

Every model of domain data is registered here once (from its app's ``ready``); auditlog then
records each create, update and delete with the actor, the time, the changed values (before and
after) and the request id (its ``cid``). Writes made outside a request (the ``danvan`` command,
task consumer) name their actor with :func:`acting_as`.

Who acted and from where is kept in a context variable read by one ``pre_save`` receiver on
``LogEntry``, connected once at start-up. django-auditlog's own ``set_actor`` and middleware
connect a receiver per use instead, and when two are nested (the middleware's, then a service's
``acting_as``) the outer one is never disconnected (jazzband/django-auditlog#846): every API
request would leave one receiver behind, so each save got slower the longer a worker ran.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.db import models

from .actors import CITIZEN, SYSTEM, NonOfficial, is_system, user_of

__all__ = [
    "CITIZEN",
    "SYSTEM",
    "NonOfficial",
    "acting_as",
    "current_actor",
    "history_of",
    "is_system",
    "log_bulk_created",
    "register_audited",
    "request_context",
    "user_of",
]


@dataclass(frozen=True)
class _AuditContext:
    acting: Any = None  # an official or core.actors.SYSTEM; empty: the request's user
    request: Any | None = None
    remote_addr: str | None = None
    remote_port: int | None = None


_context: ContextVar[_AuditContext | None] = ContextVar("danvan_audit_context", default=None)


@contextmanager
def request_context(
    request: Any, remote_addr: str | None, remote_port: int | None
) -> Iterator[None]:
    """Attribute the entries written while serving ``request`` to its user and address.

    The user is read when an entry is written, not when the request starts, so an API caller
    authenticated by token inside the view is named too.
    """
    token = _context.set(
        _AuditContext(request=request, remote_addr=remote_addr, remote_port=remote_port)
    )
    try:
        yield
    finally:
        _context.reset(token)


@contextmanager
def acting_as(actor: Any) -> Iterator[None]:
    """Attribute the audit entries written inside the block to ``actor``.

    An official is stored as the entry's actor; :data:`SYSTEM` (jobs, imports, the demo) and
    :data:`CITIZEN` leave it empty, which the audit log shows as «Hệ thống».
    """
    outer = _context.get() or _AuditContext()
    token = _context.set(
        _AuditContext(acting=actor, remote_addr=outer.remote_addr, remote_port=outer.remote_port)
    )
    try:
        yield
    finally:
        _context.reset(token)


def current_actor() -> Any | None:
    """The official the entries being written now are attributed to, if any."""
    context = _context.get()
    if context is None:
        return None
    if context.acting is not None:
        return context.acting
    user = getattr(context.request, "user", None)
    return user if getattr(user, "is_authenticated", False) else None


def stamp_entry(sender: Any, instance: LogEntry, **kwargs: Any) -> None:
    """``pre_save`` receiver on ``LogEntry``: fill in actor and address from the context."""
    context = _context.get()
    if context is None:
        return
    from django.contrib.auth import get_user_model

    actor = current_actor()
    if instance.actor_id is None and isinstance(actor, get_user_model()) and actor.pk:
        instance.actor = actor
        instance.actor_email = getattr(actor, "email", None)
    if instance.remote_addr is None and context.remote_addr:
        instance.remote_addr = context.remote_addr
    if instance.remote_port is None and context.remote_port is not None:
        instance.remote_port = context.remote_port


def register_audited(*model_classes: type[models.Model], **options: Any) -> None:
    """Track every create, update and delete of these models in the audit log."""
    for model_class in model_classes:
        if not auditlog.contains(model_class):
            auditlog.register(model_class, **options)


def history_of(instance: models.Model) -> models.QuerySet[LogEntry]:
    """Audit entries of one object, newest first."""
    return LogEntry.objects.get_for_object(instance).select_related("actor").order_by("-timestamp")


def log_bulk_created(instances: list[models.Model], *, actor: Any) -> None:
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
    actor_pk = getattr(user_of(actor), "pk", None)
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
