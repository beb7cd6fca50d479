"""One case per matter: similar earlier petitions (đơn trùng, vượt cấp) and linking to them."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from danvan.core.audit import acting_as
from danvan.core.errors import UserError

from ..confidentiality import can_see_identity
from ..duplicates import Match, find_similar
from ..models import Petition
from .common import is_escalation, require_change, root_case, today


def similar_petitions(user: Any, **criteria: Any) -> list[Match]:
    """Similar earlier petitions the user may see; identity matches never reveal a denouncer."""
    base = Petition.objects.visible_to(user)
    matches = find_similar(base, today=today(), **criteria)
    result = []
    for match in matches:
        if match.petition.is_confidential and not can_see_identity(user, match.petition):
            match.reasons = [r for r in match.reasons if r == "similar_content"]
            if not match.reasons:
                continue
        result.append(match)
    return result


@transaction.atomic
def link_case(
    petition: Petition, case: Petition | None, version: int | None, *, actor: Any
) -> Petition:
    """Mark ``petition`` as a repeat of ``case`` (one case per matter) or unlink it."""
    petition = Petition.objects.select_for_update().get(pk=petition.pk)
    require_change(actor, petition)
    petition.check_version(version)
    root = root_case(case)
    if root is not None and root.pk == petition.pk:
        raise UserError(_("A petition cannot be linked to itself."))
    petition.case = root
    if root is not None and is_escalation(root, petition.handling_unit):
        petition.escalated = True
    petition.bump_version()
    with acting_as(actor):
        petition.save()
    return petition
