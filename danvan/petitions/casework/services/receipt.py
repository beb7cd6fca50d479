"""Intake of petitions (tiếp nhận đơn): from any source, with attachments checked by type and
size, the first step's legal due date, and a tracking code for the citizen."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO, Any

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from danvan.core.audit import CITIZEN, acting_as, user_of
from danvan.core.errors import Conflict, UserError
from danvan.core.scoping import Action
from danvan.core.text import fold, vn_number
from danvan.core.uploads import CheckedUpload, UploadPurpose, check_upload
from danvan.deadlines.engine import compute_due_date
from danvan.deadlines.thresholds import CROWD_SIZE, threshold
from danvan.orgs.models import OrgUnit, OrgUnitKind

from ..duplicates import search_text_for
from ..models import (
    Petition,
    PetitionAttachment,
    PetitionEvent,
    PetitionKind,
    PetitionSource,
    PetitionState,
    Topic,
)
from .common import can_act_at, check_day, is_escalation, root_case

S = PetitionState

TRACKING_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
ATTACHMENT_UPLOAD = UploadPurpose(
    "petitions.attachment",
    exts=(".pdf", ".jpg", ".jpeg", ".png", ".docx", ".odt", ".txt"),
    size_setting="PETITIONS_MAX_ATTACHMENT_BYTES",
    noun=pgettext_lazy("upload", "attachment"),
)
MAX_ATTACHMENTS = 5
#: The largest group the register can hold (the column is a small integer); a larger number is
#: a typing error, never a crowd that big.
MAX_CROWD_SIZE = 32767
#: Idempotency-Key values: 1–255 visible ASCII characters (as the IETF draft and Stripe use).
MAX_IDEMPOTENCY_KEY = 255


@dataclass
class Upload:
    name: str
    content: bytes


@dataclass
class PetitionInput:
    handling_unit: OrgUnit
    title: str
    content: str
    received_on: dt.date
    source: str = PetitionSource.POST
    kind: str = ""
    topic: Topic | None = None
    place: OrgUnit | None = None
    is_anonymous: bool = False
    petitioner_name: str = ""
    petitioner_id_number: str = ""
    petitioner_address: str = ""
    petitioner_phone: str = ""
    petitioner_email: str = ""
    crowd_size: int = 1
    escalated: bool = False
    case: Petition | None = None
    attachments: list[Upload] = field(default_factory=list)
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    location: str = ""
    #: A client's Idempotency-Key, and whose key it is (``user:<id>``, ``open311:<id>``).
    idempotency_key: str = ""
    idempotency_scope: str = ""


def new_tracking_code() -> str:
    raw = "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(8))
    return f"{raw[:4]}-{raw[4:]}"


def read_upload(name: str, stream: IO[bytes]) -> Upload:
    """Read and check an uploaded file, refusing one over the size limit before reading it all."""
    checked = check_upload(ATTACHMENT_UPLOAD, name, stream)
    return Upload(name=checked.name, content=checked.data)


def validate_attachments(uploads: list[Upload]) -> list[CheckedUpload]:
    """Check count, then each file's type (by suffix and content) and size."""
    if len(uploads) > MAX_ATTACHMENTS:
        raise UserError(_("At most %(max)s attachments may be sent.") % {"max": MAX_ATTACHMENTS})
    return [check_upload(ATTACHMENT_UPLOAD, u.name, u.content) for u in uploads]


def _clean_input(data: PetitionInput) -> PetitionInput:
    data.title = (data.title or "").strip()
    data.content = (data.content or "").strip()
    if not data.title:
        raise UserError(_("The summary of the petition is missing (required)."))
    if not data.content:
        raise UserError(_("The content of the petition is missing (required)."))
    if len(data.title) > 255:
        raise UserError(_("The summary of the petition is longer than 255 characters."))
    if data.received_on is None:
        raise UserError(_("The date the petition was received is missing (required)."))
    check_day(data.received_on, _("Date received"))
    if data.source not in PetitionSource.values:
        raise UserError(
            _("The petition source «%(source)s» is not valid.") % {"source": data.source}
        )
    if data.kind and data.kind not in PetitionKind.values:
        raise UserError(_("The petition kind «%(kind)s» is not valid.") % {"kind": data.kind})
    for attr in (
        "petitioner_name",
        "petitioner_id_number",
        "petitioner_address",
        "petitioner_phone",
        "petitioner_email",
    ):
        setattr(data, attr, (getattr(data, attr) or "").strip())
    if data.is_anonymous:
        data.petitioner_name = data.petitioner_id_number = data.petitioner_address = ""
        data.petitioner_phone = data.petitioner_email = ""
    elif not data.petitioner_name:
        raise UserError(
            _("The petitioner's full name is missing (or mark the petition as anonymous).")
        )
    if data.petitioner_id_number and not data.petitioner_id_number.isalnum():
        raise UserError(_("The identity document number has letters and digits only."))
    if data.crowd_size < 1:
        raise UserError(_("The number of petitioners must be 1 or more."))
    if data.crowd_size > MAX_CROWD_SIZE:
        raise UserError(
            _("The number of petitioners (%(crowd_size)s) is too large; check the number entered.")
            % {"crowd_size": vn_number(data.crowd_size)}
        )
    key = data.idempotency_key
    if key and not (len(key) <= MAX_IDEMPOTENCY_KEY and all("\x21" <= ch <= "\x7e" for ch in key)):
        raise UserError(_("An Idempotency-Key has 1 to 255 visible ASCII characters (no spaces)."))
    if data.place is not None and data.place.kind not in (OrgUnitKind.COMMUNE, OrgUnitKind.VILLAGE):
        raise UserError(_("The place where the matter arises must be a commune or ward."))
    if (data.latitude is None) != (data.longitude is None):
        raise UserError(_("A location needs both latitude and longitude."))
    if data.latitude is not None and data.longitude is not None:
        if not (-90 <= data.latitude <= 90 and -180 <= data.longitude <= 180):
            raise UserError(_("The latitude or longitude is outside the valid range (WGS84)."))
        data.latitude = round(Decimal(data.latitude), 6)
        data.longitude = round(Decimal(data.longitude), 6)
    return data


#: Tries at a fresh tracking code when a new one clashes with an existing one (31^8 codes).
TRACKING_CODE_ATTEMPTS = 3


def intake(data: PetitionInput, *, actor: Any) -> Petition:
    """Register a received petition: state «received», step «petition.handle» (10 working days).

    ``actor`` is :data:`~danvan.core.actors.CITIZEN` for a citizen filing on the public portal
    or through Open311 (a public channel: no permission is checked). Input, scope and due date are
    checked before the transaction; the rows are written in one. The unique constraint on the
    tracking code decides whether a random code is free: on the rare clash the whole write is
    rolled back and tried again with another code (no query per intake to look for it first).
    Inside a caller's transaction a clash would spoil that transaction, so there the code is
    looked up first as before.
    """
    data = _clean_input(data)
    if actor is not CITIZEN and not can_act_at(actor, data.handling_unit, Action.ADD):
        raise PermissionDenied
    key = intake_key(data)
    if key is not None and (earlier := _replayed(key, data)) is not None:
        return earlier
    checked = validate_attachments(data.attachments)
    due = compute_due_date("petition.handle", data.received_on)
    escalated = data.escalated
    if data.case is not None:
        escalated = escalated or is_escalation(data.case, data.handling_unit)
    if transaction.get_connection().in_atomic_block:
        with transaction.atomic():
            code = new_tracking_code()
            while Petition.objects.filter(tracking_code=code).exists():
                code = new_tracking_code()
            return _register(actor, data, checked, due.due_date, escalated, code, key)
    for attempt in range(TRACKING_CODE_ATTEMPTS):
        try:
            with transaction.atomic():
                return _register(
                    actor, data, checked, due.due_date, escalated, new_tracking_code(), key
                )
        except IntegrityError as exc:
            # A concurrent retry with the same key won the race: answer with its petition.
            if key is not None and "intake_key" in str(exc):
                if (earlier := _replayed(key, data)) is not None:
                    return earlier
            if "tracking_code" not in str(exc) or attempt == TRACKING_CODE_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


def intake_key(data: PetitionInput) -> str | None:
    """The stored form of the client's Idempotency-Key: a hash within the caller's scope."""
    if not data.idempotency_key:
        return None
    raw = f"{data.idempotency_scope}\x00{data.idempotency_key}".encode()
    return hashlib.sha256(raw).hexdigest()


def _replayed(key: str, data: PetitionInput) -> Petition | None:
    """The petition an earlier request with ``key`` stored, if the same petition was sent."""
    earlier = Petition.objects.filter(intake_key=key).first()
    if earlier is None:
        return None
    same = (earlier.handling_unit_id, earlier.title, earlier.content) == (
        data.handling_unit.pk,
        data.title,
        data.content,
    )
    if not same:
        raise Conflict(
            _(
                "This Idempotency-Key was used for another petition; each new petition "
                "needs a new key."
            )
        )
    earlier.replayed = True  # type: ignore[attr-defined]
    return earlier


def _register(
    actor: Any,
    data: PetitionInput,
    checked: list[CheckedUpload],
    due_on: dt.date,
    escalated: bool,
    code: str,
    key: str | None = None,
) -> Petition:
    """Write the petition, its first event and its attachments (inside the caller's atomic)."""
    with acting_as(actor):
        petition = Petition.objects.create(
            handling_unit=data.handling_unit,
            place=data.place,
            tracking_code=code,
            kind=data.kind,
            source=data.source,
            topic=data.topic,
            received_on=data.received_on,
            title=data.title,
            content=data.content,
            latitude=data.latitude,
            longitude=data.longitude,
            location=data.location.strip()[:255],
            is_anonymous=data.is_anonymous,
            petitioner_name=data.petitioner_name,
            petitioner_id_number=data.petitioner_id_number,
            petitioner_address=data.petitioner_address,
            petitioner_phone=data.petitioner_phone,
            petitioner_email=data.petitioner_email,
            crowd_size=data.crowd_size,
            # Đông người from the legal threshold row (Điều 30 Luật Tiếp công dân 2013).
            is_crowded=data.crowd_size >= threshold(CROWD_SIZE),
            escalated=escalated,
            case=root_case(data.case),
            received_by=user_of(actor),
            step_rule="petition.handle",
            step_started_on=data.received_on,
            due_on=due_on,
            name_key=fold(data.petitioner_name)[:150],
            address_key=fold(data.petitioner_address)[:255],
            search_text=search_text_for(data.title, data.content),
            intake_key=key,
        )
        PetitionEvent.objects.create(
            petition=petition,
            from_state="",
            to_state=S.RECEIVED,
            actor=user_of(actor),
            on=data.received_on,
            due_on=due_on,
            note=str(PetitionSource(data.source).label),
        )
        for upload in checked:
            attachment = PetitionAttachment(
                petition=petition,
                original_name=upload.name[:255],
                content_type=upload.content_type,
                size=upload.size,
                sha256=upload.sha256,
            )
            attachment.file.save(upload.name, ContentFile(upload.data), save=False)
            attachment.save()
    return petition
