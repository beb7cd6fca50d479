"""System checks that keep every domain model on the kernel's one scoping mechanism."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core import checks
from django.core.exceptions import FieldDoesNotExist
from django.db import models


def _resolves(model: type[models.Model], lookup: str) -> bool:
    """Whether ``lookup`` (``owner__path``, ``owner_id``, ``path``) names a real field chain."""
    current: Any = model
    parts = lookup.split("__")
    for index, part in enumerate(parts):
        try:
            field = current._meta.get_field(part)
        except FieldDoesNotExist:
            # ``owner_id`` is the attname of the ``owner`` foreign key.
            by_attname = [f for f in current._meta.concrete_fields if f.attname == part]
            if not by_attname or index != len(parts) - 1:
                return False
            return True
        if index < len(parts) - 1:
            if not field.is_relation or field.related_model is None:
                return False
            current = field.related_model
    return True


@checks.register(checks.Tags.models)
def check_scoped_models(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """E001: scope declared; E002: its lookups exist; E003: the default manager scopes."""
    from .models import ScopedModel

    if app_configs is None:
        models_to_check = apps.get_models()
    else:
        models_to_check = [m for config in app_configs for m in config.get_models()]
    errors: list[checks.CheckMessage] = []
    for model in models_to_check:
        if issubclass(model, ScopedModel) and not model._meta.abstract:
            errors.extend(scope_errors(model))
    return errors


def scope_errors(model: type[models.Model]) -> list[checks.CheckMessage]:
    """What is wrong with one scoped model's declaration (empty when it is right)."""
    from .scoping import ScopedQuerySet

    errors: list[checks.CheckMessage] = []
    label = model._meta.label
    for attribute in ("scope_path_field", "scope_unit_field"):
        lookup = getattr(model, attribute, None)
        if not lookup:
            errors.append(
                checks.Error(
                    f"{label} does not declare {attribute}.",
                    hint="Name the owning unit's path and id lookups on the model.",
                    obj=model,
                    id="danvan.E001",
                )
            )
        elif not _resolves(model, lookup):
            errors.append(
                checks.Error(
                    f"{label}.{attribute} = {lookup!r} does not name a field.",
                    obj=model,
                    id="danvan.E002",
                )
            )
    queryset_class = getattr(model._default_manager, "_queryset_class", None)
    if queryset_class is None or not issubclass(queryset_class, ScopedQuerySet):
        errors.append(
            checks.Error(
                f"{label}'s default manager is not built from a ScopedQuerySet.",
                hint="objects = <YourQuerySet(ScopedQuerySet)>.as_manager()",
                obj=model,
                id="danvan.E003",
            )
        )
    return errors
