"""Granting and ending mandates: one body acting for another in one function (orgs.Mandate).

Only an official who administers the principal unit (``orgs.change_orgunit`` there) may give
its work to another body; each change is audited and drops the cached scopes at once.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from danvan.core.audit import acting_as
from danvan.core.errors import UserError
from danvan.core.scoping import holds_at

from .models import Mandate, MandateFunction, OrgUnit

MANAGE = "orgs.change_orgunit"


def check_mandate(
    principal: OrgUnit,
    agent: OrgUnit,
    function: str,
    legal_basis: str,
    valid_from: dt.date | None,
    valid_until: dt.date | None,
) -> None:
    if function not in MandateFunction.values:
        raise UserError(_("This function cannot be given to another body."))
    if principal.pk == agent.pk:
        raise UserError(_("A body cannot act for itself."))
    if not legal_basis.strip():
        raise UserError(_("Give the legal basis of the mandate (the decision or the law)."))
    if valid_from and valid_until and valid_until < valid_from:
        raise UserError(_("The mandate cannot end before it starts."))


def grant_mandate(
    *,
    principal: OrgUnit,
    agent: OrgUnit,
    function: str,
    legal_basis: str,
    valid_from: dt.date | None = None,
    valid_until: dt.date | None = None,
    actor: Any,
) -> Mandate:
    """Let ``agent``'s officials act for ``principal`` in ``function``."""
    check_mandate(principal, agent, function, legal_basis, valid_from, valid_until)
    if not holds_at(actor, MANAGE, principal):
        raise PermissionDenied(_("You may not give this body's work to another body."))
    with transaction.atomic(), acting_as(actor):
        if Mandate.objects.filter(principal=principal, agent=agent, function=function).exists():
            raise UserError(_("This body already acts for that body in this function."))
        return Mandate.objects.create(
            principal=principal,
            agent=agent,
            function=function,
            legal_basis=legal_basis.strip(),
            valid_from=valid_from,
            valid_until=valid_until,
        )


def update_mandate(
    mandate: Mandate,
    *,
    legal_basis: str,
    valid_from: dt.date | None,
    valid_until: dt.date | None,
    actor: Any,
) -> Mandate:
    """Change a mandate's basis or dates (ending it is setting ``valid_until``)."""
    check_mandate(
        mandate.principal, mandate.agent, mandate.function, legal_basis, valid_from, valid_until
    )
    if not holds_at(actor, MANAGE, mandate.principal):
        raise PermissionDenied(_("You may not give this body's work to another body."))
    with transaction.atomic(), acting_as(actor):
        mandate.legal_basis = legal_basis.strip()
        mandate.valid_from = valid_from
        mandate.valid_until = valid_until
        mandate.save(update_fields=["legal_basis", "valid_from", "valid_until"])
        return mandate
