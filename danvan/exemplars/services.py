"""Domain operations of «Dân vận khéo» models: register a model with its evidence, review it on
its cycle, record replications, commendations and contest entries.

Every write runs in one transaction as the acting official (audited) and refuses bad input with
a Vietnamese :class:`UserError` before anything is written; files are checked before the
transaction, so a refused photo leaves nothing behind.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from danvan.core import scoping
from danvan.core.audit import acting_as
from danvan.core.errors import UserError
from danvan.core.scoping import Action, holds_at, permission_name, user_can
from danvan.core.uploads import CheckedUpload, UploadPurpose, check_upload
from danvan.orgs.models import OrgUnit, OrgUnitKind

from .models import (
    Commendation,
    ContestEntry,
    Criterion,
    Effectiveness,
    EvidenceFile,
    Exemplar,
    ExemplarField,
    ExemplarKind,
    ExemplarLevel,
    Review,
    ReviewCycle,
)

# Photos of a model's results: images only, small enough for a phone to show.
PHOTO_UPLOAD = UploadPurpose(
    "exemplars.photo",
    exts=(".jpg", ".jpeg", ".png"),
    size_setting="EXEMPLARS_MAX_PHOTO_BYTES",
    noun="ảnh minh chứng",
)
# Documents: the registration, a report of results, a decision.
DOCUMENT_UPLOAD = UploadPurpose(
    "exemplars.document",
    exts=(".pdf", ".docx", ".doc", ".odt"),
    size_setting="EXEMPLARS_MAX_DOCUMENT_BYTES",
    noun="tài liệu minh chứng",
)
MAX_FILES = 10
EXEMPLAR_FIELDS = (
    "title", "kind", "person_name", "field", "level", "serves", "started_on", "description",
    "evidence", "registered_with", "registered_on",
)  # fmt: skip
#: Kinds of unit expected to build at least one new model a year.
OWING_KINDS = (OrgUnitKind.COMMUNE, OrgUnitKind.DEPARTMENT)


def units_where(user: Any, action: str = Action.ADD) -> QuerySet[OrgUnit]:
    return scoping.units_where(user, permission_name(Exemplar, action))


def criteria_for(unit: OrgUnit) -> QuerySet[Criterion]:
    """The criteria the unit's province applies: its own when it set any, else the national."""
    from danvan.orgs.paths import SEGMENT_WIDTH

    own = Criterion.objects.filter(province__path=unit.path[:SEGMENT_WIDTH], active=True)
    if own.exists():
        return own.order_by("position", "id")
    return Criterion.objects.filter(province__isnull=True, active=True).order_by("position", "id")


def _required(value: Any, label: str) -> None:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise UserError(f"Thiếu {label}.")


def _clean(fields: dict[str, Any], today: dt.date) -> dict[str, Any]:
    clean = {k: (v.strip() if isinstance(v, str) else v) for k, v in fields.items()
             if k in EXEMPLAR_FIELDS}  # fmt: skip
    for key, label in (("title", "tên mô hình"), ("field", "lĩnh vực"), ("started_on",
                       "ngày bắt đầu thực hiện")):  # fmt: skip
        if key in clean:
            _required(clean[key], label)
    if "field" in clean and clean["field"] not in ExemplarField.values:
        raise UserError(
            "Lĩnh vực không hợp lệ (kinh tế; văn hóa – xã hội; quốc phòng – an ninh; "
            "xây dựng hệ thống chính trị)."
        )
    if "kind" in clean and clean["kind"] not in ExemplarKind.values:
        raise UserError("Loại mô hình không hợp lệ (tập thể hoặc cá nhân điển hình).")
    if "level" in clean and clean["level"] not in ExemplarLevel.values:
        raise UserError("Cấp mô hình không hợp lệ.")
    started = clean.get("started_on")
    if started is not None and not isinstance(started, dt.date):
        raise UserError("Ngày bắt đầu thực hiện không hợp lệ (định dạng NNNN-TT-NN).")
    if started is not None and started > today:
        raise UserError("Ngày bắt đầu thực hiện mô hình không được ở tương lai.")
    registered = clean.get("registered_on")
    if registered is not None and not isinstance(registered, dt.date):
        raise UserError("Ngày đăng ký không hợp lệ (định dạng NNNN-TT-NN).")
    if registered is not None and registered > today:
        raise UserError("Ngày đăng ký mô hình không được ở tương lai.")
    return clean


def _check_files(
    photos: Sequence[Any], documents: Sequence[Any]
) -> list[tuple[bool, CheckedUpload]]:
    if len(photos) + len(documents) > MAX_FILES:
        raise UserError(f"Mỗi lần chỉ gửi tối đa {MAX_FILES} tệp minh chứng.")
    checked = [(True, check_upload(PHOTO_UPLOAD, f.name or "", f)) for f in photos]
    checked += [(False, check_upload(DOCUMENT_UPLOAD, f.name or "", f)) for f in documents]
    return checked


def _store_files(exemplar: Exemplar, files: list[tuple[bool, CheckedUpload]]) -> None:
    for is_photo, upload in files:
        row = EvidenceFile(
            exemplar=exemplar, is_photo=is_photo, name=upload.name[:255],
            content_type=upload.content_type, sha256=upload.sha256,
        )  # fmt: skip
        row.file.save(upload.name, ContentFile(upload.data), save=False)
        row.save()


def _check_replicates(unit: OrgUnit, original: Exemplar | None, actor: Any) -> None:
    if original is None:
        return
    if original.unit_id == unit.pk:
        raise UserError("Mô hình nhân rộng phải ở đơn vị khác với mô hình gốc.")
    if not Exemplar.objects.visible_to(actor).filter(pk=original.pk).exists():
        raise UserError("Không tìm thấy mô hình gốc được nhân rộng.")


def create_exemplar(
    unit: OrgUnit,
    *,
    photos: Sequence[Any] = (),
    documents: Sequence[Any] = (),
    replicates: Exemplar | None = None,
    person: Any = None,
    today: dt.date | None = None,
    actor: Any,
    **fields: Any,
) -> Exemplar:
    """Register a model of ``unit`` with its evidence (photos and documents)."""
    if not holds_at(actor, permission_name(Exemplar, Action.ADD), unit):
        raise PermissionDenied
    today = today or timezone.localdate()
    for key in ("title", "field", "started_on"):
        fields.setdefault(key, None)
    clean = _clean(fields, today)
    if clean.get("kind") == ExemplarKind.INDIVIDUAL and not (person or clean.get("person_name")):
        raise UserError("Điển hình cá nhân phải ghi rõ họ tên người được ghi nhận.")
    if person is not None and not clean.get("person_name"):
        clean["person_name"] = person.display_name
    _check_replicates(unit, replicates, actor)
    if replicates is not None and clean["started_on"] < replicates.started_on:
        raise UserError("Mô hình nhân rộng không thể bắt đầu trước mô hình gốc.")
    files = _check_files(photos, documents)
    with transaction.atomic(), acting_as(actor):
        exemplar = Exemplar.objects.create(
            unit=unit, created_by=actor, person=person, replicates=replicates, **clean
        )
        _store_files(exemplar, files)
    return exemplar


def update_exemplar(
    exemplar: Exemplar, *, version: int | None, today: dt.date | None = None, actor: Any,
    **fields: Any,
) -> Exemplar:  # fmt: skip
    """Correct a model's record; refuses a stale ``version``."""
    if not user_can(actor, Exemplar, Action.CHANGE, exemplar):
        raise PermissionDenied
    clean = _clean(fields, today or timezone.localdate())
    with transaction.atomic(), acting_as(actor):
        current = Exemplar.objects.select_for_update().get(pk=exemplar.pk)
        current.check_version(version)
        if (
            "started_on" in clean
            and current.reviews.filter(reviewed_on__lt=clean["started_on"]).exists()
        ):
            raise UserError("Đã có kỳ đánh giá trước ngày bắt đầu mới; hãy kiểm tra lại ngày.")
        for key, value in clean.items():
            setattr(current, key, value)
        current.bump_version()
        current.save()
    return current


def add_files(
    exemplar: Exemplar, *, photos: Sequence[Any] = (), documents: Sequence[Any] = (), actor: Any
) -> int:
    if not user_can(actor, Exemplar, Action.CHANGE, exemplar):
        raise PermissionDenied
    files = _check_files(photos, documents)
    if not files:
        raise UserError("Chưa chọn tệp minh chứng nào.")
    with transaction.atomic(), acting_as(actor):
        _store_files(exemplar, files)
    return len(files)


def add_review(
    exemplar: Exemplar,
    *,
    cycle: ReviewCycle | None,
    reviewed_on: dt.date | None,
    effectiveness: str,
    assessment: str,
    today: dt.date | None = None,
    actor: Any,
) -> Review:
    """Record a review of the model on its cycle (hằng năm, sơ kết, tổng kết)."""
    if not user_can(actor, Exemplar, Action.CHANGE, exemplar):
        raise PermissionDenied
    today = today or timezone.localdate()
    if cycle is None:
        raise UserError("Thiếu kỳ đánh giá (hằng năm, sơ kết hoặc tổng kết).")
    if reviewed_on is None:
        raise UserError("Thiếu ngày đánh giá.")
    if reviewed_on < exemplar.started_on:
        raise UserError(
            f"Ngày đánh giá ({reviewed_on:%d/%m/%Y}) không được trước ngày mô hình bắt đầu "
            f"thực hiện ({exemplar.started_on:%d/%m/%Y})."
        )
    if reviewed_on > today:
        raise UserError("Ngày đánh giá không được ở tương lai.")
    if effectiveness not in Effectiveness.values:
        raise UserError("Mức hiệu quả không hợp lệ.")
    _required(assessment, "nội dung đánh giá hiệu quả")
    with transaction.atomic(), acting_as(actor):
        return Review.objects.create(
            exemplar=exemplar, cycle=cycle, reviewed_on=reviewed_on, effectiveness=effectiveness,
            assessment=assessment.strip(), by=actor,
        )  # fmt: skip


def add_commendation(
    exemplar: Exemplar,
    *,
    awarded_by: str,
    form: str,
    decision_number: str,
    decided_on: dt.date | None,
    today: dt.date | None = None,
    actor: Any,
) -> Commendation:
    """Record a commendation (Luật Thi đua, khen thưởng 2022: who awarded, form, decision)."""
    if not user_can(actor, Exemplar, Action.CHANGE, exemplar):
        raise PermissionDenied
    today = today or timezone.localdate()
    _required(awarded_by, "cấp khen thưởng")
    _required(form, "hình thức khen thưởng")
    _required(decision_number, "số quyết định khen thưởng")
    if decided_on is None:
        raise UserError("Thiếu ngày quyết định khen thưởng.")
    if decided_on < exemplar.started_on or decided_on > today:
        raise UserError(
            "Ngày quyết định khen thưởng phải sau ngày mô hình bắt đầu và không ở tương lai."
        )
    with transaction.atomic(), acting_as(actor):
        return Commendation.objects.create(
            exemplar=exemplar, awarded_by=awarded_by.strip(), form=form.strip(),
            decision_number=decision_number.strip(), decided_on=decided_on,
        )  # fmt: skip


def add_contest_entry(
    exemplar: Exemplar, *, contest: str, held_on: dt.date | None, result: str = "", actor: Any
) -> ContestEntry:
    if not user_can(actor, Exemplar, Action.CHANGE, exemplar):
        raise PermissionDenied
    _required(contest, "tên hội thi")
    if held_on is None:
        raise UserError("Thiếu ngày tổ chức hội thi.")
    if held_on < exemplar.started_on:
        raise UserError("Hội thi không thể diễn ra trước ngày mô hình bắt đầu.")
    with transaction.atomic(), acting_as(actor):
        return ContestEntry.objects.create(
            exemplar=exemplar, contest=contest.strip(), held_on=held_on, result=result.strip()
        )


def link_replication(replica: Exemplar, original: Exemplar | None, *, actor: Any) -> Exemplar:
    """Record that ``replica`` replicates ``original`` (in another unit); None unlinks."""
    if not user_can(actor, Exemplar, Action.CHANGE, replica):
        raise PermissionDenied
    _check_replicates(replica.unit, original, actor)
    seen = {replica.pk}
    step = original
    while step is not None:  # a replication chain must not loop back
        if step.pk in seen:
            raise UserError("Liên kết nhân rộng tạo thành vòng lặp.")
        seen.add(step.pk)
        step = step.replicates
    with transaction.atomic(), acting_as(actor):
        replica.replicates = original
        replica.bump_version()
        replica.save(update_fields=["replicates", "version", "updated_at"])
    return replica
