"""No migration loses data: a database filled by the demo is migrated back to where every app
stood before the base models (ScopedModel, TimestampedModel, VersionedModel) and forward again;
every table keeps its rows and their values.

Slow (the whole demo, then two migration runs): one test. Runs outside a transaction, as
``manage.py migrate`` does (SQLite cannot alter tables inside one).
"""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection, models
from django.db.migrations.executor import MigrationExecutor

from danvan.core.models import ScopedModel, VersionedModel

#: Where each app stood on main before its models moved onto the core base models.
BEFORE_BASE_MODELS = {
    "accounts": "0003_explicit_permissions",
    "dialogues": "0002_role_permissions",
    "hotspots": "0002_default_rules_and_roles",
    "notifications": "0002_email_claim_lease",
    "petitions": "0014_petition_intake_key_and_location",
    "plans": "0001_plans_tasks_cascade",
    "reporting": "0007_element_data_source",
}

#: Models that had ``created_at`` only and gained ``updated_at`` (set to their creation).
GAINED_UPDATED_AT = {
    "accounts.ApiToken",
    "accounts.RoleAssignment",
    "hotspots.OpinionSignal",
    "notifications.Notification",
    "petitions.Open311Key",
    "petitions.PetitionExtension",
    "petitions.ReceptionEntry",
    "plans.ImplementationObligation",
    "plans.TaskAttachment",
    "plans.TaskUpdate",
    "reporting.ReportForm",
}

SAMPLE = 25


def _columns(model: type[models.Model]) -> list[str]:
    skip = {"updated_at"} if model._meta.label in GAINED_UPDATED_AT else set()
    return [f.attname for f in model._meta.concrete_fields if f.attname not in skip]


def _snapshot() -> dict[str, tuple[int, list[tuple[Any, ...]]]]:
    """Per model: the row count and the first and last rows (every column, by primary key)."""
    shot = {}
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        rows = model._base_manager.order_by("pk").values_list(*_columns(model))
        count = rows.count()
        sample = list(rows[:SAMPLE]) + list(rows.reverse()[:SAMPLE])
        if model._meta.label == "accounts.Role":
            # A role's patterns are a set (core.scoping.permission_matches: a «!» excludes
            # wherever it stands); a grant migration undone and redone appends its pattern.
            sample = [tuple(sorted(v) if isinstance(v, list) else v for v in r) for r in sample]
        shot[model._meta.label] = (count, sample)
    return shot


def _one_of_each(unit: Any) -> None:
    """A row of every scoped model the demo leaves empty (reception entries, extensions …), made
    by the permission matrix's builders, and the unscoped models whose tables changed."""
    from danvan.accounts.models import User
    from danvan.accounts.tests.test_permission_matrix import CASES
    from danvan.notifications.services import notify
    from danvan.petitions.models import Open311Key

    for model, build in CASES.items():
        if not model._base_manager.exists():
            build(unit)
    notify("migrations.test", User.objects.filter(org_unit=unit)[:1], "Thử", "Thử", email=False)
    if not Open311Key.objects.exists():
        Open311Key.objects.create(name="Thử", prefix="abcd", key_hash="0" * 64)


def _migrate(targets: list[tuple[str, str | None]]) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


@pytest.mark.django_db(transaction=True)
def test_migrating_a_demo_database_back_and_forth_keeps_every_row() -> None:
    call_command("demo", stdout=io.StringIO())
    from danvan.orgs.models import OrgUnit

    _one_of_each(OrgUnit.objects.get(key="w01273"))  # phường Thục Phán, with demo officials
    before = _snapshot()
    filled = {label for label, (count, _) in before.items() if count}
    # The demo reaches the models whose migrations changed (not an empty round trip).
    versioned = {m._meta.label for m in apps.get_models() if issubclass(m, VersionedModel)}
    scoped = {m._meta.label for m in apps.get_models() if issubclass(m, ScopedModel)}
    assert not (GAINED_UPDATED_AT | versioned | scoped) - filled

    _migrate(list(BEFORE_BASE_MODELS.items()))
    with connection.cursor() as cursor:
        columns = {c.name for c in connection.introspection.get_table_description(
            cursor, "plans_taskupdate")}  # fmt: skip
    assert "updated_at" not in columns  # really back where main stood

    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    after = _snapshot()

    assert {label: count for label, (count, _) in after.items()} == {
        label: count for label, (count, _) in before.items()
    }
    for label, (_, rows) in before.items():
        assert after[label][1] == rows, label
    for label in GAINED_UPDATED_AT:
        model = apps.get_model(label)
        assert not model._base_manager.exclude(updated_at=models.F("created_at")).exists(), label
