"""Log lines a machine can read: one JSON object a line, each tied to its request or task.

``LOG_FORMAT=json`` (production, behind a log collector) writes every record as one JSON
object; ``text`` (the default, for ``make run``) writes one readable line. Either way every
record carries the request id (``X-Request-ID``, echoed in the response and stored in the audit
entries the request writes), the official's numeric user id once the request has authenticated
them, and in the task consumer the huey task id and name.

What a log line never carries: names, identity numbers, addresses, the text of a petition, or a
query string (a search for a denouncer's name would land in the log). The request line is the
method, the path (ids only), the status, the duration and the user id — see
:class:`danvan.core.middleware.RequestIdMiddleware`. Denouncer identity (Luật Tố cáo 2018,
Điều 47) must never reach a log, so this module names no model field and formats only what a
caller passes explicitly.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

#: Record attributes a caller may add with ``extra=`` that the JSON line keeps.
FIELDS = ("method", "path", "route", "status", "status_code", "duration_ms", "task_name")


@dataclass
class _Context:
    request_id: str | None = None
    request: Any = None
    task_id: str | None = None
    task_name: str | None = None


_context: ContextVar[_Context | None] = ContextVar("danvan_log_context", default=None)


def bind_request(request_id: str, request: Any) -> Any:
    """Tie the records of the current request to it; returns the token for :func:`unbind`."""
    return _context.set(_Context(request_id=request_id, request=request))


def bind_task(task_id: str, task_name: str) -> Any:
    """Tie the records of a task to it (keeping the request's id when run inside one)."""
    outer = _context.get() or _Context()
    return _context.set(
        _Context(outer.request_id, outer.request, task_id=task_id, task_name=task_name)
    )


def unbind(token: Any) -> None:
    _context.reset(token)


def end_request(**_: Any) -> None:
    """Receiver of ``request_finished``: records logged after the response are no one's."""
    _context.set(None)


def current_request_id() -> str | None:
    context = _context.get()
    return context.request_id if context else None


def user_id_of(request: Any) -> int | None:
    """The request's official's id, only if authentication has already run.

    Never makes authentication happen (which would read the session and the user table from
    inside a log call): Django's ``request.user`` is lazy until the view or a middleware
    touches it, and then it is known.
    """
    if request is None:
        return None
    user = request.__dict__.get("user")
    if user is None:
        return None
    wrapped = getattr(user, "_wrapped", user)
    from django.utils.functional import empty

    if wrapped is empty or not getattr(wrapped, "is_authenticated", False):
        return None
    pk = getattr(wrapped, "pk", None)
    return pk if isinstance(pk, int) else None


def loggable_path(request: Any) -> str:
    """The path with every text captured from it replaced by its name.

    Ids stay (they name rows, not people); a text segment may be a secret — a citizen's
    tracking code in ``/portal/petitions/<code>/`` — and is written as ``{code}``. The query
    string is never logged (a search for a person's name would land in the log).
    """
    path: str = request.path
    match = getattr(request, "resolver_match", None)
    if match is not None:
        # Whole segments only, and never a number: the API captures ids as text, and replacing
        # "1" everywhere wrote «/api/v{plan_id}/plans/{plan_id}».
        secrets = {
            value: "{" + name + "}"
            for name, value in match.kwargs.items()
            if isinstance(value, str) and value and not value.isdigit()
        }
        if secrets:
            path = "/".join(secrets.get(segment, segment) for segment in path.split("/"))
    return path[:300]


def _hide_path(record: logging.LogRecord) -> None:
    """Django's own lines about a response ("Not Found: /path") name the path as it came."""
    request = getattr(record, "request", None)
    if request is None or not isinstance(record.args, tuple) or not hasattr(request, "path"):
        return
    raw = {request.path, request.path.encode("unicode_escape").decode("ascii")}
    safe = loggable_path(request)
    record.args = tuple(safe if arg in raw else arg for arg in record.args)


class ContextFilter(logging.Filter):
    """Adds ``request_id``, ``user_id``, ``task_id`` (None when not known) to every record,
    and writes a path Django logs with its secrets named instead (:func:`loggable_path`)."""

    def filter(self, record: logging.LogRecord) -> bool:
        _hide_path(record)
        context = _context.get()
        if not hasattr(record, "request_id"):
            record.request_id = context.request_id if context else None
        if not hasattr(record, "user_id"):
            record.user_id = user_id_of(context.request) if context else None
        if not hasattr(record, "task_id"):
            record.task_id = context.task_id if context else None
        if not hasattr(record, "task_name") and context and context.task_name:
            record.task_name = context.task_name
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time (UTC, ISO 8601), level, logger, message and the context."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": dt.datetime.fromtimestamp(record.created, dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "pid": record.process,
        }
        for name in ("request_id", "user_id", "task_id", *FIELDS):
            value = getattr(record, name, None)
            if value is not None:
                entry[name] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    """A readable line with the request or task id in brackets when there is one."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s%(tag)s %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        parts = []
        request_id = getattr(record, "request_id", None)
        if request_id:
            parts.append(f"req={request_id}")
        user_id = getattr(record, "user_id", None)
        if user_id is not None:
            parts.append(f"user={user_id}")
        task_id = getattr(record, "task_id", None)
        if task_id:
            parts.append(f"task={task_id}")
        record.tag = f" [{' '.join(parts)}]" if parts else ""
        return super().format(record)


def install_task_context(huey: Any) -> None:
    """Make every record logged while a huey task runs carry its id and name.

    The context in force before the task is put back afterwards, so a task run inside a
    request (immediate mode) hands the request its own context back.
    """
    before: dict[str, _Context | None] = {}

    @huey.pre_execute(name="danvan.logs.bind")
    def _bind(task: Any) -> None:
        before[task.id] = _context.get()
        bind_task(task.id, task.name)

    @huey.post_execute(name="danvan.logs.unbind")
    def _unbind(task: Any, task_value: Any, exc: BaseException | None) -> None:
        # huey skips post-execute hooks for a task it abandons (interrupted): the next
        # task's pre-execute hook binds afresh, so nothing stale is logged.
        _context.set(before.pop(task.id, None))
