"""Domain operations on petitions: intake, classification, transitions, extensions, answers.

Every write runs in one ``transaction.atomic`` block, checks the actor's scope, validates all
input before writing anything, records a :class:`PetitionEvent` for each state change and is
audited by django-auditlog (identity fields masked). Bad input raises :class:`UserError` with a
Vietnamese message.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from danvan.core.audit import acting_as
from danvan.core.errors import UserError
from danvan.core.scoping import (
    Action,
    path_q,
    permission_name,
    scope_roots,
    subtree_upper_bound,
    user_can,
)
from danvan.core.text import fold
from danvan.orgs.models import OrgUnit, OrgUnitKind

from ..deadlines.engine import compute_due_date, rule_in_force
from .confidentiality import can_see_identity
from .duplicates import Match, find_similar, search_text_for
from .models import (
    Competence,
    Petition,
    PetitionAttachment,
    PetitionEvent,
    PetitionExtension,
    PetitionKind,
    PetitionSource,
    PetitionState,
    Topic,
)
from .workflow import ALLOWED, is_allowed, step_rule_for, step_starts_at_receipt

S = PetitionState

TRACKING_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
ALLOWED_ATTACHMENTS = {
    "pdf": ("application/pdf", b"%PDF"),
    "jpg": ("image/jpeg", b"\xff\xd8\xff"),
    "jpeg": ("image/jpeg", b"\xff\xd8\xff"),
    "png": ("image/png", b"\x89PNG"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", b"PK"),
    "odt": ("application/vnd.oasis.opendocument.text", b"PK"),
    "txt": ("text/plain", b""),
}
DEFAULT_MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024
MAX_ATTACHMENTS = 5
CROWD_SIZE = 5


def max_attachment_bytes() -> int:
    return int(getattr(settings, "PETITIONS_MAX_ATTACHMENT_BYTES", DEFAULT_MAX_ATTACHMENT_BYTES))


# --- scope helpers ---------------------------------------------------------------------------


def units_for(user: Any, action: str = Action.ADD) -> QuerySet[OrgUnit]:
    """Current units where ``user`` may ``action`` petitions."""
    roots = scope_roots(user, permission_name(Petition, action))
    units = OrgUnit.objects.current()
    if roots is None:
        return units
    return units.filter(path_q("path", "id", roots))


def can_act_at(user: Any, unit: OrgUnit, action: str = Action.ADD) -> bool:
    """Whether ``user`` may ``action`` petitions of ``unit``: the test of :func:`path_q`, made on
    the unit in hand (its id and path) instead of one more query."""
    roots = scope_roots(user, permission_name(Petition, action))
    if roots is None:
        return True
    return any(
        root.path <= unit.path < subtree_upper_bound(root.path)
        if root.include_subtree
        else root.unit_id == unit.pk
        for root in roots
    )


def _require_change(user: Any, petition: Petition) -> None:
    if user is None:
        return
    if not user_can(user, Petition, Action.CHANGE, petition):
        raise PermissionDenied


def _check_version(petition: Petition, version: int | None) -> None:
    if version is not None and int(version) != petition.version:
        raise UserError(
            "Đơn đã được người khác cập nhật sau khi bạn mở; hãy tải lại trang và thực hiện lại."
        )


def _today() -> dt.date:
    return timezone.localdate()


def _check_day(day: dt.date, label: str, not_before: dt.date | None = None) -> None:
    if day > _today():
        raise UserError(f"{label} ({day:%d/%m/%Y}) không được ở sau ngày hôm nay.")
    if not_before and day < not_before:
        raise UserError(f"{label} ({day:%d/%m/%Y}) không được trước ngày {not_before:%d/%m/%Y}.")


# --- intake ------------------------------------------------------------------------------------


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


def new_tracking_code() -> str:
    raw = "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(8))
    return f"{raw[:4]}-{raw[4:]}"


def read_upload(name: str, stream: IO[bytes]) -> Upload:
    """Read an uploaded file, refusing one over the size limit before reading it all."""
    limit = max_attachment_bytes()
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise UserError(
            f"Tệp «{name}» quá lớn; mỗi tệp đính kèm tối đa {limit // (1024 * 1024)} MB."
        )
    return Upload(name=name, content=data)


def validate_attachments(uploads: list[Upload]) -> list[tuple[Upload, str, str]]:
    """Check count, type (by suffix and content) and size; returns (upload, type, sha256)."""
    if len(uploads) > MAX_ATTACHMENTS:
        raise UserError(f"Chỉ được gửi tối đa {MAX_ATTACHMENTS} tệp đính kèm.")
    limit = max_attachment_bytes()
    checked = []
    allowed = ", ".join(sorted(ALLOWED_ATTACHMENTS))
    for upload in uploads:
        suffix = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
        if suffix not in ALLOWED_ATTACHMENTS:
            raise UserError(
                f"Tệp «{upload.name}» có định dạng không được chấp nhận; chỉ nhận: {allowed}."
            )
        content_type, magic = ALLOWED_ATTACHMENTS[suffix]
        if len(upload.content) > limit:
            raise UserError(
                f"Tệp «{upload.name}» quá lớn; mỗi tệp đính kèm tối đa {limit // (1024 * 1024)} MB."
            )
        if not upload.content:
            raise UserError(f"Tệp «{upload.name}» rỗng.")
        if magic and not upload.content.startswith(magic):
            raise UserError(
                f"Nội dung tệp «{upload.name}» không đúng định dạng .{suffix} như tên tệp."
            )
        if suffix == "txt":
            try:
                upload.content.decode("utf-8")
            except UnicodeDecodeError:
                raise UserError(f"Tệp «{upload.name}» không phải văn bản UTF-8.") from None
        checked.append((upload, content_type, hashlib.sha256(upload.content).hexdigest()))
    return checked


def _clean_input(data: PetitionInput) -> PetitionInput:
    data.title = (data.title or "").strip()
    data.content = (data.content or "").strip()
    if not data.title:
        raise UserError("Thiếu tóm tắt nội dung đơn (bắt buộc).")
    if not data.content:
        raise UserError("Thiếu nội dung đơn (bắt buộc).")
    if len(data.title) > 255:
        raise UserError("Tóm tắt nội dung đơn dài quá 255 ký tự.")
    if data.received_on is None:
        raise UserError("Thiếu ngày nhận đơn (bắt buộc).")
    _check_day(data.received_on, "Ngày nhận đơn")
    if data.source not in PetitionSource.values:
        raise UserError(f"Nguồn đơn «{data.source}» không hợp lệ.")
    if data.kind and data.kind not in PetitionKind.values:
        raise UserError(f"Loại đơn «{data.kind}» không hợp lệ.")
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
        raise UserError("Thiếu họ tên người gửi đơn (hoặc đánh dấu đơn không rõ tên).")
    if data.petitioner_id_number and not data.petitioner_id_number.isalnum():
        raise UserError("Số giấy tờ tùy thân chỉ gồm chữ và số.")
    if data.crowd_size < 1:
        raise UserError("Số người gửi đơn phải từ 1 trở lên.")
    if data.place is not None and data.place.kind not in (OrgUnitKind.COMMUNE, OrgUnitKind.VILLAGE):
        raise UserError("Nơi phát sinh vụ việc phải là một xã, phường.")
    if (data.latitude is None) != (data.longitude is None):
        raise UserError("Vị trí cần cả vĩ độ và kinh độ.")
    if data.latitude is not None and data.longitude is not None:
        if not (-90 <= data.latitude <= 90 and -180 <= data.longitude <= 180):
            raise UserError("Vĩ độ hoặc kinh độ nằm ngoài phạm vi hợp lệ (WGS84).")
        data.latitude = round(Decimal(data.latitude), 6)
        data.longitude = round(Decimal(data.longitude), 6)
    return data


#: Tries at a fresh tracking code when a new one clashes with an existing one (31^8 codes).
TRACKING_CODE_ATTEMPTS = 3


def intake(actor: Any, data: PetitionInput) -> Petition:
    """Register a received petition: state «received», step «petition.handle» (10 working days).

    ``actor`` is None for a citizen filing on the public portal. Input, scope and due date are
    checked before the transaction; the rows are written in one. The unique constraint on the
    tracking code decides whether a random code is free: on the rare clash the whole write is
    rolled back and tried again with another code (no query per intake to look for it first).
    Inside a caller's transaction a clash would spoil that transaction, so there the code is
    looked up first as before.
    """
    data = _clean_input(data)
    if actor is not None and not can_act_at(actor, data.handling_unit, Action.ADD):
        raise PermissionDenied
    checked = validate_attachments(data.attachments)
    due = compute_due_date("petition.handle", data.received_on)
    escalated = data.escalated
    if data.case is not None:
        escalated = escalated or _is_escalation(data.case, data.handling_unit)
    if transaction.get_connection().in_atomic_block:
        with transaction.atomic():
            code = new_tracking_code()
            while Petition.objects.filter(tracking_code=code).exists():
                code = new_tracking_code()
            return _register(actor, data, checked, due.due_date, escalated, code)
    for attempt in range(TRACKING_CODE_ATTEMPTS):
        try:
            with transaction.atomic():
                return _register(actor, data, checked, due.due_date, escalated, new_tracking_code())
        except IntegrityError as exc:
            if "tracking_code" not in str(exc) or attempt == TRACKING_CODE_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


def _register(
    actor: Any,
    data: PetitionInput,
    checked: list[tuple[Upload, str, str]],
    due_on: dt.date,
    escalated: bool,
    code: str,
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
            is_anonymous=data.is_anonymous,
            petitioner_name=data.petitioner_name,
            petitioner_id_number=data.petitioner_id_number,
            petitioner_address=data.petitioner_address,
            petitioner_phone=data.petitioner_phone,
            petitioner_email=data.petitioner_email,
            crowd_size=data.crowd_size,
            is_crowded=data.crowd_size >= CROWD_SIZE,
            escalated=escalated,
            case=_root_case(data.case),
            received_by=actor,
            step_rule="petition.handle",
            step_started_on=data.received_on,
            due_on=due_on,
            name_key=fold(data.petitioner_name)[:150],
            address_key=fold(data.petitioner_address)[:255],
            search_text=search_text_for(data.title, data.content),
        )
        PetitionEvent.objects.create(
            petition=petition,
            from_state="",
            to_state=S.RECEIVED,
            actor=actor,
            on=data.received_on,
            due_on=due_on,
            note=str(PetitionSource(data.source).label),
        )
        for upload, content_type, digest in checked:
            attachment = PetitionAttachment(
                petition=petition,
                original_name=upload.name[:255],
                content_type=content_type,
                size=len(upload.content),
                sha256=digest,
            )
            attachment.file.save(upload.name, ContentFile(upload.content), save=False)
            attachment.save()
    return petition


def _root_case(case: Petition | None) -> Petition | None:
    """One case per matter: link to the first petition of the chain."""
    seen = set()
    while case is not None and case.case_id and case.pk not in seen:
        seen.add(case.pk)
        case = case.case
    return case


def _is_escalation(case: Petition, unit: OrgUnit) -> bool:
    """A repeat sent to a unit above the one handling the earlier petition (vượt cấp)."""
    lower = case.handling_unit.path
    return len(unit.path) < len(lower) and lower.startswith(unit.path)


# --- duplicates -------------------------------------------------------------------------------


def similar_petitions(user: Any, **criteria: Any) -> list[Match]:
    """Similar earlier petitions the user may see; identity matches never reveal a denouncer."""
    base = Petition.objects.visible_to(user)
    matches = find_similar(base, today=_today(), **criteria)
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
    actor: Any, petition: Petition, case: Petition | None, version: int | None
) -> Petition:
    """Mark ``petition`` as a repeat of ``case`` (one case per matter) or unlink it."""
    petition = Petition.objects.select_for_update().get(pk=petition.pk)
    _require_change(actor, petition)
    _check_version(petition, version)
    root = _root_case(case)
    if root is not None and root.pk == petition.pk:
        raise UserError("Không thể liên kết một đơn với chính nó.")
    petition.case = root
    if root is not None and _is_escalation(root, petition.handling_unit):
        petition.escalated = True
    petition.version += 1
    with acting_as(actor):
        petition.save()
    return petition


# --- classification and transitions ---------------------------------------------------------

ANONYMOUS_DENUNCIATION_REASON = (
    "Tố cáo không rõ họ tên, địa chỉ người tố cáo: không xử lý theo thủ tục giải quyết tố cáo "
    "(khoản 1 Điều 25 Luật Tố cáo 2018). Nếu nội dung rõ ràng về người vi phạm, có tài liệu, "
    "chứng cứ cụ thể và có cơ sở thẩm tra, xác minh thì chuyển thanh tra, kiểm tra phục vụ công "
    "tác quản lý (khoản 2 Điều 25)."
)


@dataclass
class Classification:
    kind: str
    eligible: bool
    competence: str = ""
    ineligible_reason: str = ""
    topic: Topic | None = None
    place: OrgUnit | None = None
    transfer_to: OrgUnit | None = None
    transfer_to_name: str = ""
    instance: int = 1
    is_complex: bool = False
    is_remote: bool = False
    assigned_officer: Any = None


@transaction.atomic
def classify(
    actor: Any,
    petition: Petition,
    data: Classification,
    version: int | None,
    on: dt.date | None = None,
) -> Petition:
    """Classify per Thông tư 05/2021/TT-TTCP: kind, eligible or not (why), competence."""
    petition = Petition.objects.select_for_update().get(pk=petition.pk)
    _require_change(actor, petition)
    _check_version(petition, version)
    if not is_allowed(petition.state, S.CLASSIFIED):
        raise UserError(
            f"Không thể phân loại đơn đang ở trạng thái «{petition.get_state_display()}»."
        )
    if data.kind not in PetitionKind.values:
        raise UserError("Chọn loại đơn: khiếu nại, tố cáo, kiến nghị hoặc phản ánh.")
    if data.competence and data.competence not in Competence.values:
        raise UserError("Thẩm quyền xử lý không hợp lệ.")
    reason = (data.ineligible_reason or "").strip()
    eligible = data.eligible
    if data.kind == PetitionKind.DENUNCIATION and petition.is_anonymous:
        eligible = False
        reason = reason or ANONYMOUS_DENUNCIATION_REASON
    if not eligible and not reason:
        raise UserError("Đơn không đủ điều kiện xử lý: phải ghi rõ lý do.")
    if eligible and not data.competence:
        raise UserError(
            "Chọn hướng xử lý: thuộc thẩm quyền, chuyển cơ quan có thẩm quyền hay hướng dẫn."
        )
    if data.competence == Competence.TRANSFER and not (data.transfer_to or data.transfer_to_name):
        raise UserError("Ghi rõ cơ quan có thẩm quyền nhận đơn chuyển.")
    if data.instance not in (1, 2):
        raise UserError("Lần giải quyết khiếu nại chỉ có thể là lần đầu hoặc lần hai.")
    day = on or _today()
    _check_day(day, "Ngày phân loại", petition.received_on)
    petition.kind = data.kind
    petition.eligible = eligible
    petition.ineligible_reason = "" if eligible else reason
    petition.competence = data.competence if eligible else ""
    petition.transfer_to = data.transfer_to
    petition.transfer_to_name = data.transfer_to_name.strip()
    petition.instance = data.instance
    petition.is_complex = data.is_complex
    petition.is_remote = data.is_remote
    if data.topic is not None:
        petition.topic = data.topic
    if data.place is not None:
        petition.place = data.place
    if data.assigned_officer is not None:
        petition.assigned_officer = data.assigned_officer
    return _move(actor, petition, S.CLASSIFIED, day, note=reason)


def _due_for(
    petition: Petition, state: str, start: dt.date
) -> tuple[str, dt.date | None, dt.date | None]:
    rule = step_rule_for(petition.kind, state, petition.instance)
    if not rule:
        return "", None, None
    begin = petition.received_on if step_starts_at_receipt(state) else start
    if (
        state in (S.VERIFYING, S.CONCLUDED)
        and petition.step_started_on
        and petition.step_rule == rule
    ):
        begin = petition.step_started_on  # the resolution clock keeps running
    due = _compute(
        rule, begin, petition, petition.extensions if rule == "denunciation.resolve" else 0
    )
    return rule, begin, due.due_date


def _compute(rule_id: str, begin: dt.date, petition: Petition, extensions: int) -> Any:
    """The engine's due date, using the complex / remote variants only where the rule has them."""
    rule = rule_in_force(rule_id, begin)
    remote = petition.is_remote and rule.remote_duration is not None
    complex_ = (
        petition.is_complex
        and (rule.remote_complex_duration if remote else rule.complex_duration) is not None
    )
    return compute_due_date(rule_id, begin, complex=complex_, remote=remote, extensions=extensions)


def _move(actor: Any, petition: Petition, target: str, day: dt.date, note: str = "") -> Petition:
    source = petition.state
    rule, begin, due = _due_for(petition, target, day)
    petition.state = target
    petition.step_rule = rule
    petition.step_started_on = begin
    petition.due_on = due
    petition.version += 1
    with acting_as(actor):
        petition.save()
        PetitionEvent.objects.create(
            petition=petition,
            from_state=source,
            to_state=target,
            actor=actor,
            on=day,
            note=note,
            due_on=due,
        )
    return petition


@transaction.atomic
def transition(
    actor: Any,
    petition: Petition,
    target: str,
    version: int | None,
    *,
    on: dt.date | None = None,
    note: str = "",
    answer: str = "",
    publish_answer: bool = True,
) -> Petition:
    """Move ``petition`` to ``target`` if the workflow table allows it, with its checks."""
    petition = (
        Petition.objects.select_for_update().select_related("handling_unit").get(pk=petition.pk)
    )
    _require_change(actor, petition)
    _check_version(petition, version)
    if target == S.CLASSIFIED:
        raise UserError("Dùng chức năng «Phân loại» để phân loại đơn.")
    if target not in S.values:
        raise UserError(f"Trạng thái «{target}» không tồn tại.")
    if not is_allowed(petition.state, target):
        raise UserError(
            f"Không thể chuyển đơn từ «{petition.get_state_display()}» sang «{S(target).label}»."
        )
    day = on or _today()
    _check_day(day, "Ngày thực hiện", petition.received_on)
    note = (note or "").strip()
    if target == S.ACCEPTED:
        if not petition.eligible or petition.competence != Competence.WITHIN:
            raise UserError(
                "Chỉ thụ lý đơn đủ điều kiện và thuộc thẩm quyền; hãy phân loại lại đơn."
            )
    if target == S.TRANSFERRED and petition.competence != Competence.TRANSFER:
        raise UserError("Đơn chưa được phân loại là chuyển cơ quan có thẩm quyền.")
    if target == S.GUIDED and petition.competence != Competence.GUIDE:
        raise UserError("Đơn chưa được phân loại là hướng dẫn người gửi.")
    if target == S.ARCHIVED and not note and petition.eligible is not False:
        raise UserError("Ghi rõ lý do lưu đơn.")
    if target == S.WITHDRAWN and not note:
        raise UserError("Ghi rõ việc người gửi rút đơn (ngày, hình thức).")
    if target == S.ANSWERED:
        answer = (answer or "").strip()
        if not answer:
            raise UserError("Nhập nội dung trả lời người gửi đơn.")
        petition.answer = answer
        petition.answered_on = day
        petition.answer_published = publish_answer
    return _move(actor, petition, target, day, note=note)


@transaction.atomic
def extend(
    actor: Any,
    petition: Petition,
    version: int | None,
    *,
    decision_number: str,
    decision_date: dt.date,
    reason: str = "",
) -> PetitionExtension:
    """Extend the resolution period (gia hạn), recording the decision; the engine checks limits."""
    petition = Petition.objects.select_for_update().get(pk=petition.pk)
    _require_change(actor, petition)
    _check_version(petition, version)
    decision_number = (decision_number or "").strip()
    if not decision_number:
        raise UserError("Thiếu số quyết định gia hạn.")
    if decision_date is None:
        raise UserError("Thiếu ngày quyết định gia hạn.")
    _check_day(decision_date, "Ngày quyết định gia hạn", petition.step_started_on)
    if petition.step_rule != "denunciation.resolve":
        raise UserError(
            "Chỉ gia hạn được thời hạn giải quyết tố cáo đang trong giai đoạn giải quyết."
        )
    number = petition.extensions + 1
    due = _compute(
        petition.step_rule, petition.step_started_on or petition.received_on, petition, number
    )
    petition.extensions = number
    petition.due_on = due.due_date
    petition.version += 1
    with acting_as(actor):
        petition.save()
        return PetitionExtension.objects.create(
            petition=petition,
            number=number,
            decision_number=decision_number,
            decision_date=decision_date,
            reason=(reason or "").strip(),
            due_on=due.due_date,
        )


# --- citizen side ------------------------------------------------------------------------------


def find_by_tracking_code(code: str) -> Petition:
    code = (code or "").strip().upper()
    if len(code) == 8 and "-" not in code:
        code = f"{code[:4]}-{code[4:]}"
    petition = Petition.objects.filter(tracking_code=code).first()
    if petition is None:
        raise UserError(
            f"Không tìm thấy đơn có mã tra cứu «{code}». Kiểm tra lại mã trên giấy biên nhận."
        )
    return petition


@transaction.atomic
def rate_answer(code: str, rating: int, comment: str = "") -> Petition:
    """The citizen rates the published answer (1–5)."""
    petition = find_by_tracking_code(code)
    petition = Petition.objects.select_for_update().get(pk=petition.pk)
    if not (petition.answer_published and petition.answer):
        raise UserError("Đơn chưa có câu trả lời được công khai để đánh giá.")
    if rating not in (1, 2, 3, 4, 5):
        raise UserError("Đánh giá từ 1 đến 5 sao.")
    petition.rating = rating
    petition.rating_comment = (comment or "").strip()[:2000]
    petition.save(update_fields=["rating", "rating_comment", "updated_at"])
    return petition


__all__ = [
    "ALLOWED",
    "Classification",
    "PetitionInput",
    "Upload",
    "classify",
    "extend",
    "find_by_tracking_code",
    "intake",
    "link_case",
    "rate_answer",
    "read_upload",
    "similar_petitions",
    "transition",
]
