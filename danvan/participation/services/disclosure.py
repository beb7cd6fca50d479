"""Record disclosures (công khai) and their channels."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from danvan.core.audit import acting_as
from danvan.core.errors import UserError
from danvan.core.uploads import CheckedUpload, UploadPurpose
from danvan.orgs.models import OrgUnit, OrgUnitKind

from ..models import Channel, Disclosure, DisclosureChannelUse, DisclosureItem, DisclosureScope
from .common import Action, a_date, bounded, require, required

# A photo of the notice board, a scan of the household notice, the radio script.
EVIDENCE_UPLOAD = UploadPurpose(
    "participation.evidence",
    exts=(".pdf", ".jpg", ".jpeg", ".png", ".docx", ".odt"),
    size_setting="PARTICIPATION_MAX_EVIDENCE_BYTES",
    noun=pgettext_lazy("upload", "evidence file"),
)


@dataclass(frozen=True)
class ChannelInput:
    channel: str
    starts_on: dt.date
    ends_on: dt.date | None = None
    place: str = ""
    evidence: CheckedUpload | None = None


def scope_of(unit: OrgUnit) -> str:
    """A commune discloses to its people (Điều 11); other units internally (Điều 46)."""
    return DisclosureScope.COMMUNE if unit.kind == OrgUnitKind.COMMUNE else DisclosureScope.AGENCY


def _check_channel(entry: ChannelInput, decided_on: dt.date) -> None:
    if entry.channel not in Channel.values:
        raise UserError(_("The disclosure channel is not valid."))
    a_date(entry.starts_on, _("the first day of the disclosure"))
    if entry.ends_on is not None:
        a_date(entry.ends_on, _("the last day of the disclosure"))
        if entry.ends_on < entry.starts_on:
            raise UserError(
                _("The disclosure cannot end (%(ends)s) before it starts (%(starts)s).")
                % {"ends": f"{entry.ends_on:%d/%m/%Y}", "starts": f"{entry.starts_on:%d/%m/%Y}"}
            )
    if entry.starts_on < decided_on:
        raise UserError(
            _("The disclosure cannot start before the document or decision disclosed was issued.")
        )
    bounded(entry.place, _("the place or medium of the disclosure"), 255)


def record_disclosure(
    *,
    actor: Any,
    owner: OrgUnit,
    item: DisclosureItem,
    title: str,
    decided_on: dt.date,
    channels: Sequence[ChannelInput],
    document_reference: str = "",
    text: str = "",
) -> Disclosure:
    require(actor, Disclosure, Action.ADD, owner)
    title = bounded(
        required(title, _("the title of the disclosure")), _("the title of the disclosure"), 300
    )
    a_date(decided_on, _("the date of the decision"))
    if item.scope != scope_of(owner):
        raise UserError(_("This disclosure item does not apply to your kind of unit."))
    if not channels:
        raise UserError(_("Record at least one disclosure channel."))
    for entry in channels:
        _check_channel(entry, decided_on)
    with transaction.atomic(), acting_as(actor):
        disclosure = Disclosure.objects.create(
            owner=owner,
            item=item,
            title=title,
            decided_on=decided_on,
            document_reference=bounded(document_reference.strip(), _("the document number"), 120),
            text=bounded(text.strip(), _("the text")),
            created_by=actor,
        )
        for entry in channels:
            _add_channel(disclosure, entry)
    return disclosure


def _add_channel(disclosure: Disclosure, entry: ChannelInput) -> DisclosureChannelUse:
    use = DisclosureChannelUse(
        disclosure=disclosure,
        channel=entry.channel,
        starts_on=entry.starts_on,
        ends_on=entry.ends_on,
        place=entry.place.strip(),
    )
    if entry.evidence is not None:
        use.evidence_name = entry.evidence.name[:255]
        use.evidence.save(entry.evidence.name, ContentFile(entry.evidence.data), save=False)
    use.save()
    return use


def add_channel(*, actor: Any, disclosure: Disclosure, entry: ChannelInput) -> DisclosureChannelUse:
    """Another channel for a disclosure (the radio, a later posting)."""
    require(actor, Disclosure, Action.CHANGE, disclosure.owner)
    _check_channel(entry, disclosure.decided_on)
    with transaction.atomic(), acting_as(actor):
        return _add_channel(disclosure, entry)


def end_channel(*, actor: Any, use: DisclosureChannelUse, ends_on: dt.date) -> DisclosureChannelUse:
    """Take a notice down (or record when it was taken down)."""
    require(actor, Disclosure, Action.CHANGE, use.disclosure.owner)
    a_date(ends_on, _("the last day of the disclosure"))
    if ends_on < use.starts_on:
        raise UserError(
            _("The disclosure cannot end (%(ends)s) before it starts (%(starts)s).")
            % {"ends": f"{ends_on:%d/%m/%Y}", "starts": f"{use.starts_on:%d/%m/%Y}"}
        )
    with transaction.atomic(), acting_as(actor):
        use.ends_on = ends_on
        use.save(update_fields=["ends_on"])
    return use
