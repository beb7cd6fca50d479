"""The service contract: whoever writes is named, as a required keyword ``actor``.

Every public function of a service module (``<app>/services.py``, ``<app>/services/*.py`` and
the other modules that write domain data on an official's behalf, listed in ``WRITERS``) that
writes takes ``actor`` keyword-only with no default; jobs, imports and the demo pass
``core.actors.SYSTEM``. Nothing may say ``actor=None`` (which used to mean "skip the checks").
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from collections.abc import Iterator
from pathlib import Path
from types import FunctionType, ModuleType
from typing import Any

import pytest
from django.utils import translation

import danvan
from danvan.core.actors import CITIZEN, SYSTEM, is_system, user_of
from danvan.core.scoping import scope_roots

ROOT = Path(danvan.__file__).parent

#: Modules outside ``services`` that write domain data for an official or the platform.
WRITERS = (
    "danvan.orgs.history",
    "danvan.orgs.loading",
    "danvan.orgs.mandates",
    "danvan.orgs.succession",
    "danvan.plans.cascade",
    "danvan.plans.importing",
)

#: Public functions of service modules that write without an official acting, and why.
NOT_ACTING = {
    # The recipient side of the notification service: the occasion (a service or a job)
    # has already named its actor; marking read acts on the reader's own inbox.
    "danvan.notifications.services.notify": "called by services inside their own transaction",
    "danvan.notifications.services.send_emails": "the outbox job sends what is queued",
    "danvan.notifications.services.mark_read": "the reader marks their own notifications",
    "danvan.notifications.services.mark_unread": "the reader marks their own notifications",
    # Signing in with a token records its last use; nobody is acting yet.
    "danvan.accounts.services.user_for_token": "authentication, before any actor exists",
    # A citizen rates an answer with the tracking code and a secret, not as an account.
    "danvan.petitions.casework.services.citizen.rate_answer": "the public, identified by code",
    # Steps run inside a caller's transaction, after the caller has checked and named its actor.
    "danvan.reporting.services.rows.write_values": "a step of save_draft / refresh_from_sources",
    "danvan.orgs.succession.hand_over_assigned": "a step of a registered hand-over",
    "danvan.plans.cascade.fulfil_obligation": "a step of issue_plan / cascade_plan",
}

#: Text that writes: a transaction, a save/create/delete/update of rows.
WRITES = re.compile(
    r"transaction\.atomic|\.save\(|\.objects\.create\(|\.delete\(|bulk_create|bulk_update|"
    r"\.update\(|get_or_create|update_or_create"
)


def _service_modules() -> Iterator[ModuleType]:
    for info in pkgutil.walk_packages([str(ROOT)], prefix="danvan."):
        name = info.name
        parts = name.split(".")
        if "tests" in parts or "migrations" in parts:
            continue
        if "services" in parts:
            yield importlib.import_module(name)
    for name in WRITERS:
        yield importlib.import_module(name)


def _write_functions() -> Iterator[tuple[str, FunctionType]]:
    for module in _service_modules():
        for attr, value in vars(module).items():
            if attr.startswith("_") or not isinstance(value, FunctionType):
                continue
            if value.__module__ != module.__name__:
                continue  # re-exported from elsewhere: checked where it is defined
            qualified = f"{module.__name__}.{attr}"
            if qualified in NOT_ACTING:
                continue
            if WRITES.search(inspect.getsource(value)):
                yield qualified, value


def test_the_walk_finds_the_services_it_must_check() -> None:
    """The walk itself works: it sees writers of several apps (else every check below is
    vacuous)."""
    found = {name for name, _ in _write_functions()}
    for expected in (
        "danvan.dialogues.services.create_dialogue",
        "danvan.petitions.casework.services.receipt.intake",
        "danvan.plans.services.tasks.add_task",
        "danvan.reporting.services.submissions.submit",
        "danvan.plans.cascade.cascade_plan",
        "danvan.accounts.services.assign_role",
    ):
        assert expected in found


def test_every_writing_service_requires_a_keyword_only_actor() -> None:
    wrong = []
    for name, function in _write_functions():
        parameter = inspect.signature(function).parameters.get("actor")
        if parameter is None:
            wrong.append(f"{name}: no actor")
        elif parameter.kind is not inspect.Parameter.KEYWORD_ONLY:
            wrong.append(f"{name}: actor is not keyword-only")
        elif parameter.default is not inspect.Parameter.empty:
            wrong.append(f"{name}: actor has a default ({parameter.default!r})")
    assert not wrong, "\n".join(wrong)


NONE_ACTOR = re.compile(r"\bactor\s*=\s*None\b|\bactor\s*:[^=,)\n]*=\s*None\b")


@pytest.mark.parametrize("folder", ["danvan", "bench"])
def test_no_actor_none_anywhere(folder: str) -> None:
    """``actor=None`` meant "skip the checks"; the platform now names itself (``SYSTEM``)."""
    base = ROOT.parent / folder
    found = [
        f"{path.relative_to(base.parent)}:{number}"
        for path in sorted(base.rglob("*.py"))
        if path.name != Path(__file__).name
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if NONE_ACTOR.search(line.split("#")[0]) and "actor=None``" not in line
    ]
    assert not found, found


def test_system_and_citizen_are_named_and_never_stored_as_an_official() -> None:
    with translation.override("vi"):
        assert str(SYSTEM) == "Hệ thống" and str(CITIZEN) == "Công dân"
    assert is_system(SYSTEM) and not is_system(CITIZEN)
    assert user_of(SYSTEM) is None and user_of(CITIZEN) is None
    # The platform passes scope checks as a superuser would, a citizen holds nothing, and
    # neither holds a permission withheld from superusers (a denouncer's identity).
    assert scope_roots(SYSTEM, "plans.change_plan") is None
    assert scope_roots(CITIZEN, "plans.change_plan") == []
    assert scope_roots(SYSTEM, "identity.read_denouncer") == []


@pytest.mark.django_db
def test_the_audit_admin_names_the_platform(admin_client: Any) -> None:
    """Entries written as SYSTEM have no user; the audit log says «Hệ thống», not "system"."""
    from auditlog.models import LogEntry
    from django.contrib.admin.sites import site

    from danvan.orgs.services import create_unit

    create_unit(name="Ủy ban nhân dân tỉnh Thử", kind="province", key="p97", actor=SYSTEM)
    entry = LogEntry.objects.filter(actor=None).latest("timestamp")
    entry_admin: Any = site._registry[LogEntry]
    with translation.override("vi"):
        assert str(entry_admin.user_url(entry)) == "Hệ thống"
