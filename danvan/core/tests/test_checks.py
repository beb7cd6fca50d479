"""The system check that keeps every domain model on the one scoping mechanism (E001–E003),
tried on throwaway models, and the rule that every model declaring a scope is a ScopedModel."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db import models
from django.test.utils import isolate_apps

from danvan.core.checks import check_scoped_models, scope_errors
from danvan.core.models import ScopedModel, TimestampedModel, VersionedModel
from danvan.core.scoping import ScopedQuerySet


def _ids(model: type[models.Model]) -> list[str]:
    return [str(error.id) for error in scope_errors(model)]


@isolate_apps("danvan.core")
def test_a_well_declared_model_passes() -> None:
    class Unit(models.Model):  # noqa: DJ008 (a throwaway model, never shown)
        path = models.CharField(max_length=60)

        class Meta:
            app_label = "core"

    class Record(ScopedModel):
        scope_path_field = "owner__path"
        scope_unit_field = "owner_id"
        owner = models.ForeignKey(Unit, on_delete=models.CASCADE)

        objects = ScopedQuerySet.as_manager()

        class Meta:
            app_label = "core"

    class OwnUnit(ScopedModel):  # a model that is its own unit, as OrgUnit is
        scope_path_field = "path"
        scope_unit_field = "id"
        path = models.CharField(max_length=60)

        objects = ScopedQuerySet.as_manager()

        class Meta:
            app_label = "core"

    assert _ids(Record) == []
    assert _ids(OwnUnit) == []


@isolate_apps("danvan.core")
def test_e001_a_scope_not_declared() -> None:
    class Record(ScopedModel):
        scope_unit_field = "id"

        objects = ScopedQuerySet.as_manager()

        class Meta:
            app_label = "core"

    errors = scope_errors(Record)
    assert [e.id for e in errors] == ["danvan.E001"]
    assert "scope_path_field" in errors[0].msg


@isolate_apps("danvan.core")
def test_e002_a_lookup_that_names_no_field() -> None:
    class Unit(models.Model):  # noqa: DJ008 (a throwaway model, never shown)
        path = models.CharField(max_length=60)

        class Meta:
            app_label = "core"

    class Record(ScopedModel):
        scope_path_field = "owner__materialised_path"  # Unit has no such field
        scope_unit_field = "owner_id"
        owner = models.ForeignKey(Unit, on_delete=models.CASCADE)
        note = models.CharField(max_length=10)

        objects = ScopedQuerySet.as_manager()

        class Meta:
            app_label = "core"

    class ThroughText(ScopedModel):
        scope_path_field = "note__path"  # a text column has nothing beyond it
        scope_unit_field = "unit_pk"  # neither a field nor an attname
        note = models.CharField(max_length=10)

        objects = ScopedQuerySet.as_manager()

        class Meta:
            app_label = "core"

    assert _ids(Record) == ["danvan.E002"]
    assert _ids(ThroughText) == ["danvan.E002", "danvan.E002"]


@isolate_apps("danvan.core")
def test_e003_a_default_manager_that_does_not_scope() -> None:
    class Record(ScopedModel):
        scope_path_field = "path"
        scope_unit_field = "id"
        path = models.CharField(max_length=60)

        objects: Any = models.Manager()  # the side door the check closes

        class Meta:
            app_label = "core"

    class Scoping(ScopedQuerySet["Scoped"]):
        pass

    class Scoped(ScopedModel):
        scope_path_field = "path"
        scope_unit_field = "id"
        path = models.CharField(max_length=60)

        objects = Scoping.as_manager()

        class Meta:
            app_label = "core"

    assert _ids(Record) == ["danvan.E003"]
    assert _ids(Scoped) == []


@isolate_apps("danvan.core")
def test_the_registered_check_reports_the_app_it_is_given() -> None:
    class Broken(ScopedModel):
        class Meta:
            app_label = "core"

    config = Broken._meta.apps.get_app_config("core")
    ids = sorted(str(e.id) for e in check_scoped_models([config]))
    assert ids == ["danvan.E001", "danvan.E001", "danvan.E003"]


def test_the_project_passes_its_own_check() -> None:
    assert check_scoped_models() == []


def test_every_model_with_a_scope_is_a_scoped_model() -> None:
    declared = [m for m in apps.get_models() if getattr(m, "scope_path_field", None)]
    assert len(declared) > 30  # every app's domain data, not an empty loop
    stray = [m._meta.label for m in declared if not issubclass(m, ScopedModel)]
    assert stray == []


def test_timestamps_and_versions_come_from_the_base_models() -> None:
    """No model re-declares the blocks the base models own (TaskUpdate keeps its own
    ``created_at``, which an import may set; it is still a TimestampedModel)."""
    for model in apps.get_models():
        names = {f.name for f in model._meta.concrete_fields}
        if model._meta.app_label not in {
            "core",
            "accounts",
            "orgs",
            "documents",
            "petitions",
            "plans",
            "reporting",
            "dialogues",
            "hotspots",
            "notifications",
        }:
            continue
        if {"created_at", "updated_at"} <= names:
            assert issubclass(model, TimestampedModel), model._meta.label
        if "version" in names and model._meta.app_label != "core":
            assert issubclass(model, VersionedModel), model._meta.label
