"""The petitions API at /api/v1/petitions/: intake, list, detail, classification, transitions,
attached files.

Scoped like every API: a caller sees the petitions of the units where they hold
``petitions.view_petition``. A denouncer's identity is returned only to the officers handling
the case and their leaders, and each such read is recorded; everyone else gets ``(bảo mật)``.
A denunciation's attached files follow the same rule (see :mod:`.attachments`).
"""

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Field, Header, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from danvan.core.api_types import Id, Int32, Pagination, model_int, model_text
from danvan.core.lists import filter_api, filter_schema
from danvan.core.middleware import current_request_id
from danvan.core.scoping import Action, get_object_for_user, user_can
from danvan.orgs.services import units_by_id
from danvan.petitions.filters import PetitionFilter

from . import services
from .attachments import AttachmentListing, attachments_for, file_response, open_attachment
from .confidentiality import identity_for, masked, public_name
from .models import Petition, PetitionEvent, PetitionKind, PetitionSource, PetitionState, Topic

router = Router(tags=["petitions"])
_NO_PERMISSION = gettext_lazy("You may not do this with a petition.")


def _text(name: str) -> Any:
    return model_text(Petition, name)


# Bounded by the columns they are stored in (see danvan.core.api_types).
TopicCode = model_text(Topic, "code")


class PetitionIn(Schema):
    handling_unit_id: Id
    title: _text("title")  # type: ignore[valid-type]
    content: _text("content")  # type: ignore[valid-type]
    received_on: dt.date
    source: PetitionSource = PetitionSource.POST
    kind: PetitionKind | None = None
    topic_code: TopicCode | None = None  # type: ignore[valid-type]
    place_id: Id | None = None
    is_anonymous: bool = False
    petitioner_name: _text("petitioner_name") = ""  # type: ignore[valid-type]
    petitioner_id_number: _text("petitioner_id_number") = ""  # type: ignore[valid-type]
    petitioner_address: _text("petitioner_address") = ""  # type: ignore[valid-type]
    petitioner_phone: _text("petitioner_phone") = ""  # type: ignore[valid-type]
    petitioner_email: _text("petitioner_email") = ""  # type: ignore[valid-type]
    crowd_size: model_int(Petition, "crowd_size") = 1  # type: ignore[valid-type]
    case_id: Id | None = Field(None, description="The earlier petition of the same matter.")


class PetitionOut(Schema):
    id: int
    tracking_code: str
    handling_unit_id: int
    place_id: int | None
    kind: str
    source: str
    topic: str | None
    received_on: dt.date
    state: PetitionState
    title: str
    is_crowded: bool
    escalated: bool
    case_id: int | None
    step_rule: str
    due_on: dt.date | None
    overdue: bool
    petitioner_name: str
    version: int

    @staticmethod
    def resolve_petitioner_name(obj: Any) -> str:
        if isinstance(obj, dict):
            return str(obj["petitioner_name"])
        return "" if obj.is_anonymous else str(public_name(obj))

    @staticmethod
    def resolve_topic(obj: Any) -> str | None:
        if isinstance(obj, dict):
            return obj["topic"]
        return obj.topic.code if obj.topic_id else None

    @staticmethod
    def resolve_overdue(obj: Any) -> bool:
        if isinstance(obj, dict):
            return bool(obj["overdue"])
        from django.utils import timezone

        return bool(obj.is_overdue(timezone.localdate()))


class AttachmentOut(Schema):
    id: int
    name: str = Field(..., description="The file name the citizen sent.")
    size: int = Field(..., description="Size in bytes.")
    content_type: str
    download_url: str = Field(..., description="GET it with the same credentials.")


class PetitionDetailOut(PetitionOut):
    content: str
    eligible: bool | None
    ineligible_reason: str
    competence: str
    petitioner_id_number: str
    petitioner_address: str
    petitioner_phone: str
    petitioner_email: str
    answer: str
    extensions: int
    attachment_count: int = Field(
        ..., description="How many files the petition carries, listed or not."
    )
    attachments: list[AttachmentOut] = Field(
        ...,
        description=(
            "The files the caller may open. A denunciation's files are listed only to those "
            "who may read the denouncer's identity; others see only attachment_count."
        ),
    )


class ClassifyIn(Schema):
    version: Int32
    kind: PetitionKind
    eligible: bool
    competence: _text("competence") = ""  # type: ignore[valid-type]
    ineligible_reason: _text("ineligible_reason") = ""  # type: ignore[valid-type]
    topic_code: TopicCode | None = None  # type: ignore[valid-type]
    transfer_to_name: _text("transfer_to_name") = ""  # type: ignore[valid-type]
    instance: model_int(Petition, "instance") = 1  # type: ignore[valid-type]
    is_complex: bool = False
    is_especially_complex: bool = Field(
        False, description="Vụ việc đặc biệt phức tạp: a denunciation may be extended twice."
    )
    is_remote: bool = False


class TransitionIn(Schema):
    version: Int32
    target: PetitionState
    on: dt.date | None = None
    note: model_text(PetitionEvent, "note") = ""  # type: ignore[valid-type]
    answer: _text("answer") = ""  # type: ignore[valid-type]


PetitionQuery = filter_schema(PetitionFilter)


def _row(p: Petition, today: dt.date, identity: dict[str, str] | None = None) -> dict[str, Any]:
    shown = identity if identity is not None else masked(p)
    if identity is None and p.is_anonymous:
        shown = dict.fromkeys(shown, "")
    return {
        "id": p.pk,
        "tracking_code": p.tracking_code,
        "handling_unit_id": p.handling_unit_id,
        "place_id": p.place_id,
        "kind": p.kind,
        "source": p.source,
        "topic": p.topic.code if p.topic_id and p.topic else None,
        "received_on": p.received_on,
        "state": p.state,
        "title": p.title,
        "is_crowded": p.is_crowded,
        "escalated": p.escalated,
        "case_id": p.case_id,
        "step_rule": p.step_rule,
        "due_on": p.due_on,
        "overdue": p.is_overdue(today),
        "version": p.version,
        **shown,
    }


def _detail(request: HttpRequest, p: Petition, just_created: bool = False) -> dict[str, Any]:
    from django.utils import timezone

    if just_created and not p.is_confidential:
        identity: dict[str, str] | None = {k: getattr(p, k) for k in masked(p)}  # echo of input
    else:
        identity = identity_for(request.user, p, "api.detail", current_request_id(request) or "")
    if identity is None and not p.is_confidential:
        identity = dict.fromkeys(masked(p), "")
    data = _row(p, timezone.localdate(), identity)
    # A petition registered through this API has no files yet (JSON carries none): no query.
    listing = (
        AttachmentListing(files=[], count=0) if just_created else attachments_for(request.user, p)
    )
    data.update(
        content=p.content,
        eligible=p.eligible,
        ineligible_reason=p.ineligible_reason,
        competence=p.competence,
        answer=p.answer,
        extensions=p.extensions,
        attachment_count=listing.count,
        attachments=[
            {
                "id": a.pk,
                "name": a.original_name,
                "size": a.size,
                "content_type": a.content_type,
                "download_url": request.build_absolute_uri(
                    reverse("api:download_attachment", args=[p.pk, a.pk])
                ),
            }
            for a in listing.files
        ],
    )
    return data


def _topic(code: str | None) -> Topic | None:
    if not code:
        return None
    topic = Topic.objects.filter(code=code).first()
    if topic is None:
        from danvan.core.errors import UserError

        raise UserError(_("There is no field with the code «%(code)s».") % {"code": code})
    return topic


@router.get("", response=list[PetitionOut], summary="Petitions visible to the caller")
@paginate(Pagination)
def list_petitions(request: HttpRequest, filters: Query[PetitionQuery]):  # type: ignore[no-untyped-def,valid-type]
    from django.utils import timezone

    qs = (
        Petition.objects.visible_to(request.user)
        .with_timeliness(timezone.localdate())
        .select_related("topic")
    )
    return filter_api(PetitionFilter, filters, qs, request)


@router.post(
    "",
    response={201: PetitionDetailOut},
    summary="Register a received petition",
    description=(
        "Send an `Idempotency-Key` header (1–255 visible ASCII characters, e.g. a UUID) and "
        "retry freely: a repeated request with the same key answers with the petition the "
        "first one stored (header `Idempotent-Replayed: true`), never a second petition. The "
        "same key with a different petition is refused with 409."
    ),
)
def create_petition(
    request: HttpRequest,
    response: HttpResponse,
    payload: PetitionIn,
    idempotency_key: str | None = Header(default=None, alias="Idempotency-Key"),
) -> Status[dict[str, Any]]:
    # Both units from the per-process cache; intake checks the caller's right to add there.
    units = units_by_id([payload.handling_unit_id, payload.place_id or 0])
    unit = units.get(payload.handling_unit_id)
    if unit is None:
        raise HttpError(404, _("There is no such handling unit."))
    place = units.get(payload.place_id) if payload.place_id else None
    if payload.place_id and place is None:
        raise HttpError(404, _("There is no such commune or ward where the matter arises."))
    case = (
        get_object_for_user(Petition, request.user, pk=payload.case_id) if payload.case_id else None
    )
    try:
        petition = services.intake(
            services.PetitionInput(
                handling_unit=unit,
                title=payload.title,
                content=payload.content,
                received_on=payload.received_on,
                source=payload.source,
                kind=payload.kind or "",
                topic=_topic(payload.topic_code),
                place=place,
                is_anonymous=payload.is_anonymous,
                petitioner_name=payload.petitioner_name,
                petitioner_id_number=payload.petitioner_id_number,
                petitioner_address=payload.petitioner_address,
                petitioner_phone=payload.petitioner_phone,
                petitioner_email=payload.petitioner_email,
                crowd_size=payload.crowd_size,
                case=case,
                idempotency_key=idempotency_key or "",
                idempotency_scope=f"user:{request.user.pk}",
            ),
            actor=request.user,
        )
    except PermissionDenied:
        raise HttpError(403, str(_NO_PERMISSION)) from None
    if getattr(petition, "replayed", False):
        response["Idempotent-Replayed"] = "true"
    return Status(201, _detail(request, petition, just_created=True))


def _get(request: HttpRequest, petition_id: Id) -> Petition:
    return get_object_for_user(
        Petition.objects.select_related("topic", "handling_unit"), request.user, pk=petition_id
    )


@router.get("/{petition_id}", response=PetitionDetailOut, summary="One petition")
def get_petition(request: HttpRequest, petition_id: Id) -> dict[str, Any]:
    return _detail(request, _get(request, petition_id))


def _require_change(request: HttpRequest, petition: Petition) -> None:
    if not user_can(request.user, Petition, Action.CHANGE, petition):
        raise HttpError(403, str(_NO_PERMISSION))


@router.post("/{petition_id}/classify", response=PetitionDetailOut, summary="Classify a petition")
def classify_petition(request: HttpRequest, petition_id: Id, payload: ClassifyIn) -> dict[str, Any]:
    petition = _get(request, petition_id)
    _require_change(request, petition)
    petition = services.classify(
        petition,
        services.Classification(
            kind=payload.kind,
            eligible=payload.eligible,
            competence=payload.competence,
            ineligible_reason=payload.ineligible_reason,
            topic=_topic(payload.topic_code),
            transfer_to_name=payload.transfer_to_name,
            instance=payload.instance,
            is_complex=payload.is_complex,
            is_especially_complex=payload.is_especially_complex,
            is_remote=payload.is_remote,
        ),
        payload.version,
        actor=request.user,
    )
    return _detail(request, _get(request, petition.pk))


@router.post(
    "/{petition_id}/transitions", response=PetitionDetailOut, summary="Move a petition along"
)
def transition_petition(
    request: HttpRequest, petition_id: Id, payload: TransitionIn
) -> dict[str, Any]:
    petition = _get(request, petition_id)
    _require_change(request, petition)
    services.transition(
        petition,
        payload.target,
        payload.version,
        on=payload.on,
        note=payload.note,
        answer=payload.answer,
        actor=request.user,
    )
    return _detail(request, _get(request, petition.pk))


@router.get(
    "/{petition_id}/attachments/{attachment_id}",
    summary="Download a file attached to a petition",
    url_name="download_attachment",
    openapi_extra={
        "responses": {
            200: {
                "description": "The file, as a download with its original name.",
                "content": {
                    "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}
                },
            },
            404: {"description": "No such file, or not one the caller may open."},
        }
    },
)
def download_attachment(request: HttpRequest, petition_id: Id, attachment_id: Id) -> FileResponse:
    """The file's bytes with its stored content type; 404 outside the caller's scope and, for a
    denunciation, to anyone who may not read the denouncer's identity. Each download of a
    denunciation's file is recorded."""
    opened = open_attachment(
        request.user,
        petition_id,
        attachment_id,
        "api.attachment",
        current_request_id(request) or "",
    )
    return file_response(opened)
