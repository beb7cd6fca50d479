"""The denouncer's identity (Điều 47, 48 Luật Tố cáo 2018): who may read it, and the record.

For a denunciation, the identity fields (name, identity number, address, phone, e-mail) are
shown only to the officers handling the case (its assigned officer and the officer who received
it) and to their leaders (officials holding :data:`READ_IDENTITY`, which the ``leader`` role
is given, over the handling unit). Every read is written to :class:`IdentityAccess`.
Everywhere else (lists, exports, notifications, search results, the API, the audit log) the
identity is replaced by :data:`MASK`.

The same rule covers the reception register (sổ tiếp công dân): a line whose person came to
denounce (its own classification, or the denunciation registered from it) shows the person, what
they came about and the case only to the officer who received them, the case's handlers and
their leaders; to everybody else who may read the register it is a masked line
(:func:`register_line`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from danvan.core.scoping import Action, explicit_permission, holds_at, user_can

from .models import IdentityAccess, Petition

if TYPE_CHECKING:
    from danvan.core.scoping import AnyUser
    from danvan.petitions.reception.models import ReceptionEntry

MASK = "(bảo mật)"
IDENTITY_FIELDS = (
    "petitioner_name",
    "petitioner_id_number",
    "petitioner_address",
    "petitioner_phone",
    "petitioner_email",
)
#: Reading a denouncer's identity as a leader over the handling unit. Granted by name only (a
#: data migration gives it to the ``leader`` role): no broad pattern (``*``, ``petitions.*``,
#: ``*.view_*``) and no superuser flag carries it, so viewers, reception officers and system
#: administrators do not read identities (Luật Tố cáo 2018 Điều 47).
READ_IDENTITY = explicit_permission("identity.read_denouncer", superuser=False)


def is_leader_over(user: AnyUser, petition: Petition) -> bool:
    """Whether ``user`` holds :data:`READ_IDENTITY` at the handling unit or a unit above it
    (or at the unit a merged handling unit was merged into)."""
    return holds_at(user, READ_IDENTITY, petition.handling_unit)


def can_see_identity(user: AnyUser, petition: Petition) -> bool:
    """Whether ``user`` may read the petitioner's identity of ``petition``."""
    if not user.is_authenticated or not user.is_active:
        return False
    if not petition.is_confidential:
        return user_can(user, Petition, Action.VIEW, petition)
    if petition.is_anonymous:
        return False
    if user.pk in (petition.assigned_officer_id, petition.received_by_id):
        return True
    return is_leader_over(user, petition)


def identity_for(
    user: AnyUser, petition: Petition, channel: str, request_id: str = ""
) -> dict[str, str] | None:
    """The identity fields if ``user`` may read them (a denouncer's read is logged), else None."""
    if not can_see_identity(user, petition):
        return None
    if petition.is_confidential and not petition.is_anonymous:
        IdentityAccess.objects.create(
            petition=petition,
            user=user,  # type: ignore[misc]
            channel=channel[:40],
            request_id=request_id[:64],
        )
    return {field: getattr(petition, field) for field in IDENTITY_FIELDS}


def can_see_register_identity(user: AnyUser, entry: ReceptionEntry) -> bool:
    """Whether ``user`` may read who came, and about what, in one line of the register."""
    if not user.is_authenticated or not user.is_active:
        return False
    if not entry.is_confidential:
        return True  # the caller has already scoped the register to the user
    if user.pk == entry.officer_id:
        return True
    if entry.petition_id is not None and user.pk in (
        entry.petition.assigned_officer_id,  # type: ignore[union-attr]
        entry.petition.received_by_id,  # type: ignore[union-attr]
    ):
        return True
    return holds_at(user, READ_IDENTITY, entry.unit)


@dataclass(frozen=True)
class RegisterLine:
    """One line of the reception register as a given official may read it."""

    entry: ReceptionEntry
    person_name: str
    content: str
    representatives: str
    #: The petition registered from this reception, when the reader may know of the link.
    petition: Petition | None
    masked: bool


def register_line(user: AnyUser, entry: ReceptionEntry) -> RegisterLine:
    """The register line for ``user``: masked whole for a denouncer's line they may not read.

    Who came *and* what about *and* which case it became are hidden together: any one of them,
    next to the date and the unit, can point at the denouncer.
    """
    if can_see_register_identity(user, entry):
        return RegisterLine(
            entry=entry,
            person_name=entry.person_name,
            content=entry.content,
            representatives=entry.representatives,
            petition=entry.petition,
            masked=False,
        )
    return RegisterLine(
        entry=entry, person_name=MASK, content=MASK, representatives="", petition=None, masked=True
    )


def public_name(petition: Petition) -> str:
    """The name shown in lists and exports: masked for every denunciation."""
    if petition.is_confidential:
        return MASK
    if petition.is_anonymous:
        return "(ẩn danh)"
    return petition.petitioner_name


def masked(petition: Petition) -> dict[str, Any]:
    """Identity fields as lists show them."""
    if petition.is_confidential:
        return dict.fromkeys(IDENTITY_FIELDS, MASK)
    return {field: getattr(petition, field) for field in IDENTITY_FIELDS}


__all__ = [
    "IDENTITY_FIELDS",
    "MASK",
    "RegisterLine",
    "can_see_identity",
    "can_see_register_identity",
    "identity_for",
    "masked",
    "public_name",
    "register_line",
]
