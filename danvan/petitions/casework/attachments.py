"""Files citizens send with their petitions: who may open them, and serving them.

The petition is read through the reader's scope (outside it: 404). A denunciation's files can
reveal the denouncer as surely as the identity fields (a signed letter, a photo of an identity
card, a file named after its sender), so for a denunciation (Điều 47, 48 Luật Tố cáo 2018)
they follow the identity rule of :mod:`.confidentiality`: only the officers handling the case
and their leaders open them, each download is written to :class:`IdentityAccess` like a read of
the identity, and everyone else gets a 404 and sees neither names nor links — only how many
files there are, so that a colleague knows evidence exists and whom to ask.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import IO, TYPE_CHECKING

from django.db import transaction
from django.http import FileResponse, Http404

from danvan.core.scoping import get_object_for_user
from danvan.core.uploads import serve_file

from .confidentiality import can_see_identity, is_leader_over
from .models import IdentityAccess, Petition, PetitionAttachment

if TYPE_CHECKING:
    from danvan.core.scoping import AnyUser

#: Longest channel :class:`IdentityAccess` keeps.
_CHANNEL_LENGTH = 40


def may_open_attachments(user: AnyUser, petition: Petition) -> bool:
    """Whether ``user``, who may read ``petition``, may also open its attached files.

    Files of any other petition are open to its readers. A denunciation's files are open to
    those who may read the denouncer's identity. An anonymous denunciation has no identity
    anyone may read, yet its files are the evidence the handlers must weigh (khoản 2 Điều 25
    Luật Tố cáo 2018) and may still betray the sender: they are open to the same people who
    would read a named denouncer's identity, the case's officers and their leaders.
    """
    if not petition.is_confidential or not petition.is_anonymous:
        return can_see_identity(user, petition)
    if not user.is_authenticated or not user.is_active:
        return False
    if user.pk in (petition.assigned_officer_id, petition.received_by_id):
        return True
    return is_leader_over(user, petition)


@dataclass(frozen=True)
class AttachmentListing:
    """What a reader is shown of a petition's files: those they may open, and how many exist."""

    files: list[PetitionAttachment]
    count: int

    @property
    def withheld(self) -> bool:
        return self.count > len(self.files)


def attachments_for(user: AnyUser, petition: Petition) -> AttachmentListing:
    """The files of ``petition`` that ``user`` may open (names included), and the total count.

    ``petition`` must already have been read through the user's scope. Listing records no
    access: the pages and API answers that list the files of a denunciation are those that
    read (and record) the denouncer's identity.
    """
    files = list(PetitionAttachment.objects.visible_to(user).filter(petition=petition))
    if files and not may_open_attachments(user, petition):
        return AttachmentListing(files=[], count=len(files))
    return AttachmentListing(files=files, count=len(files))


@dataclass(frozen=True)
class OpenedAttachment:
    attachment: PetitionAttachment
    handle: IO[bytes]


def open_attachment(
    user: AnyUser, petition_pk: int, attachment_pk: int, channel: str, request_id: str = ""
) -> OpenedAttachment:
    """Open one attached file for ``user``, or raise :class:`Http404`.

    404 — never 403 — when the petition is outside the user's scope, when the file is not one of
    this petition's, when the user may not open a denunciation's files (a 403 would confirm the
    file exists), or when the stored file is missing. Opening a denunciation's file writes an
    :class:`IdentityAccess` row (``channel:attachment id``) in the same transaction.
    """
    petition = get_object_for_user(
        Petition.objects.select_related("handling_unit"), user, pk=petition_pk
    )
    try:
        attachment = PetitionAttachment.objects.visible_to(user).get(
            petition=petition, pk=attachment_pk
        )
    except (PetitionAttachment.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if not may_open_attachments(user, petition):
        raise Http404
    try:
        handle = attachment.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    if petition.is_confidential:
        try:
            with transaction.atomic():
                IdentityAccess.objects.create(
                    petition=petition,
                    user=user,  # type: ignore[misc]
                    channel=f"{channel}:{attachment.pk}"[:_CHANNEL_LENGTH],
                    request_id=request_id[:64],
                )
        except BaseException:
            handle.close()
            raise
    return OpenedAttachment(attachment=attachment, handle=handle)


def file_response(opened: OpenedAttachment) -> FileResponse:
    """The file as a download with its stored type (:func:`danvan.core.uploads.serve_file`)."""
    attachment = opened.attachment
    return serve_file(
        opened.handle, filename=attachment.original_name, content_type=attachment.content_type
    )


__all__ = [
    "AttachmentListing",
    "OpenedAttachment",
    "attachments_for",
    "file_response",
    "may_open_attachments",
    "open_attachment",
]
