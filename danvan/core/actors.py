"""Who acts when a service writes: an official, the platform itself, or a citizen.

Every service that writes takes the acting party as a required keyword argument ``actor``
(``docs/architecture.md``, service contract; ``core/tests/test_service_contract.py``). There is
no ``actor=None``: code that runs without a signed-in official names who it is.

- An official (``accounts.User``): the scope and permission checks apply.
- :data:`SYSTEM`: the platform acting on its own authority — scheduled jobs, imports run by an
  administrator from the command line, the demo loader, a successor hand-over. It passes the
  scope checks as a superuser does (but never holds a permission declared ``superuser=False``,
  such as reading a denouncer's identity) and is named «Hệ thống» wherever an actor is shown;
  audit entries it writes have no user.
- :data:`CITIZEN`: a person filing on the public portal or through Open311; holds no permission,
  so a service accepts it only where the law gives the public a channel (intake of a petition).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _


class NonOfficial:
    """An acting party that is not an official's account: never saved, never a foreign key."""

    pk = None
    id = None
    org_unit = None
    org_unit_id = None
    email = ""
    is_staff = False
    is_anonymous = False

    def __init__(self, code: str, label: Any, *, trusted: bool) -> None:
        self.code = code
        self.label = label
        # scope_roots() reads these: the platform is trusted like a superuser, a citizen is not.
        self.is_authenticated = trusted
        self.is_active = trusted
        self.is_superuser = trusted

    def __str__(self) -> str:
        return str(self.label)

    def __repr__(self) -> str:
        return f"<actor {self.code}>"


#: The platform itself: jobs, command-line imports, the demo, hand-overs on merges.
SYSTEM = NonOfficial("system", _("System"), trusted=True)
#: A member of the public on the portal or Open311.
CITIZEN = NonOfficial("citizen", _("Citizen"), trusted=False)


def is_system(actor: Any) -> bool:
    return actor is SYSTEM


def user_of(actor: Any) -> Any:
    """The official to store in a ``…_by`` column; None for the platform or a citizen."""
    return None if isinstance(actor, NonOfficial) else actor
