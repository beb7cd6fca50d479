"""Data migrations that grant roles the permissions of a new app: one way, used by every app.

Additive and reversible: patterns already present (an administrator's own edits) are kept, and
reversing removes only the patterns the migration added.
"""

from __future__ import annotations

from typing import Any


def grant_patterns(apps: Any, patterns: dict[str, list[str]]) -> None:
    """Add ``patterns`` (role code → permission patterns) to the roles that lack them."""
    Role = apps.get_model("accounts", "Role")
    for code, wanted in patterns.items():
        role = Role.objects.filter(code=code).first()
        if role is None:
            continue
        missing = [p for p in wanted if p not in role.permissions]
        if missing:
            role.permissions = [*role.permissions, *missing]
            role.save(update_fields=["permissions"])


def revoke_patterns(apps: Any, patterns: dict[str, list[str]]) -> None:
    Role = apps.get_model("accounts", "Role")
    for code, granted in patterns.items():
        role = Role.objects.filter(code=code).first()
        if role is not None:
            role.permissions = [p for p in role.permissions if p not in granted]
            role.save(update_fields=["permissions"])
