"""Django permissions (used by the admin) derived from roles, so back-office access follows the
same role × unit × subtree grants as the rest of the platform."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.contrib.auth.backends import BaseBackend
from django.db import models

from danvan.core.scoping import scope_roots, user_can


class RolePermissionBackend(BaseBackend):
    """Answers ``has_perm``/``has_module_perms`` from the official's current role assignments.

    A permission without an object is granted when some assignment grants it somewhere; with an
    object, only when the object lies in that assignment's scope.
    """

    def has_perm(self, user_obj: Any, perm: str, obj: models.Model | None = None) -> bool:
        if not user_obj.is_active or user_obj.is_anonymous:
            return False
        if obj is None:
            roots = scope_roots(user_obj, perm)
            return roots is None or bool(roots)
        action = perm.split(".", 1)[1].split("_", 1)[0]
        return user_can(user_obj, type(obj), action, obj)

    def has_module_perms(self, user_obj: Any, app_label: str) -> bool:
        if not user_obj.is_active or user_obj.is_anonymous:
            return False
        try:
            config = apps.get_app_config(app_label)
        except LookupError:
            return False
        return any(
            self.has_perm(user_obj, f"{app_label}.{action}_{model._meta.model_name}")
            for model in config.get_models()
            for action in ("view", "add", "change", "delete")
        )
