"""Domain operations of training: hold a class, record who attended (one by one or from an
.xlsx list). Every write is one transaction as the acting official; bad input is refused with a
Vietnamese :class:`UserError` before anything is written (an import with one unknown official
writes nothing).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.db.models.functions import Lower

from danvan.accounts.models import User
from danvan.core import scoping
from danvan.core.audit import acting_as
from danvan.core.errors import UserError
from danvan.core.scoping import Action, check_assignees, holds_at, permission_name, user_can
from danvan.core.uploads import UploadPurpose, check_upload
from danvan.orgs.models import OrgUnit

from .models import Attendance, TrainingClass

# The attendance list (danh sách học viên) as a spreadsheet: a header row, then one official a
# row with the username (tên đăng nhập) in the first column; other columns are for people.
IMPORT_UPLOAD = UploadPurpose(
    "training.attendance", exts=(".xlsx",), size_setting="TRAINING_MAX_IMPORT_BYTES",
    noun="danh sách học viên",
)  # fmt: skip
MAX_IMPORT_ROWS = 2000
TRAINING_FIELDS = ("topic", "starts_on", "ends_on", "place", "trainers", "materials")


def units_where(user: Any, action: str = Action.ADD) -> QuerySet[OrgUnit]:
    return scoping.units_where(user, permission_name(TrainingClass, action))


def _clean(fields: dict[str, Any]) -> dict[str, Any]:
    clean = {k: (v.strip() if isinstance(v, str) else v) for k, v in fields.items()
             if k in TRAINING_FIELDS}  # fmt: skip
    for key, label in (("topic", "chủ đề tập huấn"), ("starts_on", "ngày bắt đầu"),
                       ("ends_on", "ngày kết thúc"), ("place", "địa điểm")):  # fmt: skip
        if key in clean and (clean[key] is None or clean[key] == ""):
            raise UserError(f"Thiếu {label}.")
    if clean.get("starts_on") and clean.get("ends_on") and clean["ends_on"] < clean["starts_on"]:
        raise UserError("Ngày kết thúc lớp tập huấn không được trước ngày bắt đầu.")
    return clean


def create_training(organiser: OrgUnit, *, actor: Any, **fields: Any) -> TrainingClass:
    """Record a training class organised by ``organiser``."""
    if not holds_at(actor, permission_name(TrainingClass, Action.ADD), organiser):
        raise PermissionDenied
    for key in ("topic", "starts_on", "ends_on", "place"):
        fields.setdefault(key, None)
    clean = _clean(fields)
    with transaction.atomic(), acting_as(actor):
        return TrainingClass.objects.create(organiser=organiser, created_by=actor, **clean)


def update_training(
    training: TrainingClass, *, version: int | None, actor: Any, **fields: Any
) -> TrainingClass:
    if not user_can(actor, TrainingClass, Action.CHANGE, training):
        raise PermissionDenied
    clean = _clean(fields)
    with transaction.atomic(), acting_as(actor):
        current = TrainingClass.objects.select_for_update().get(pk=training.pk)
        current.check_version(version)
        for key, value in clean.items():
            setattr(current, key, value)
        _clean({"starts_on": current.starts_on, "ends_on": current.ends_on})
        current.bump_version()
        current.save()
    return current


def _check_participants(training: TrainingClass, officials: Sequence[User]) -> None:
    for person in officials:
        if person.org_unit_id is None:
            raise UserError(f"Cán bộ {person.display_name} chưa thuộc đơn vị nào.")
    # A class trains the officials of the organiser's own area (its subtree): a participant
    # from elsewhere is a unit the organiser cannot address.
    units = {p.org_unit_id: p.org_unit for p in officials}
    try:
        check_assignees(training.organiser, list(units.values()), noun="lớp tập huấn")
    except UserError as refused:
        raise UserError(
            f"Học viên thuộc đơn vị ngoài phạm vi của {training.organiser.name}: {refused.message}"
        ) from None


def add_participants(
    training: TrainingClass, officials: Sequence[User], *, actor: Any
) -> list[Attendance]:
    """Record that ``officials`` attended; those already recorded are kept once."""
    if not user_can(actor, TrainingClass, Action.CHANGE, training):
        raise PermissionDenied
    if not officials:
        raise UserError("Chưa chọn học viên nào.")
    _check_participants(training, officials)
    already = set(training.attendances.values_list("official_id", flat=True))
    created = []
    with transaction.atomic(), acting_as(actor):
        for person in officials:
            unit = person.org_unit
            if person.pk in already or unit is None:  # no unit: refused above
                continue
            already.add(person.pk)
            created.append(
                Attendance.objects.create(
                    training=training,
                    official=person,
                    unit=unit,
                    position=person.position,
                )  # fmt: skip
            )
    return created


@dataclass
class ImportResult:
    added: int
    already: int


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def read_attendance_sheet(data: bytes) -> list[tuple[int, str]]:
    """(row number, username) of each filled row after the header; refuses an unreadable file."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a broken file
        raise UserError("Không đọc được tệp .xlsx danh sách học viên (tệp hỏng?).") from None
    sheet = book.worksheets[0]
    rows = []
    for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        if number == 1:
            continue  # the header
        username = _cell_text(row[0] if row else None)
        if username:
            rows.append((number, username))
        if len(rows) > MAX_IMPORT_ROWS:
            raise UserError(f"Danh sách học viên quá dài: tối đa {MAX_IMPORT_ROWS} dòng.")
    book.close()
    if not rows:
        raise UserError(
            "Danh sách học viên không có dòng nào: cột đầu tiên ghi tên đăng nhập của cán bộ, "
            "dòng đầu là tiêu đề."
        )
    return rows


def import_attendance(actor: Any, training: TrainingClass, upload: Any) -> ImportResult:
    """Import the attendance list; an unknown official or one from outside the organiser's area
    refuses the whole file (nothing written) with the rows named."""
    if not user_can(actor, TrainingClass, Action.CHANGE, training):
        raise PermissionDenied
    checked = check_upload(IMPORT_UPLOAD, getattr(upload, "name", "") or "", upload)
    rows = read_attendance_sheet(checked.data)
    wanted = {name.lower() for _n, name in rows}
    found = {
        u.username.lower(): u
        for u in User.objects.annotate(folded=Lower("username"))
        .filter(folded__in=wanted, is_active=True)
        .select_related("org_unit")
    }
    missing = [(n, name) for n, name in rows if name.lower() not in found]
    if missing:
        listed = ", ".join(f"dòng {n} «{name}»" for n, name in missing[:10])
        more = f" và {len(missing) - 10} dòng khác" if len(missing) > 10 else ""
        raise UserError(
            f"Không tìm thấy cán bộ có tên đăng nhập: {listed}{more}. Chưa ghi nhận học viên nào."
        )
    officials = list({found[name.lower()].pk: found[name.lower()] for _n, name in rows}.values())
    created = add_participants(training, officials, actor=actor)
    return ImportResult(added=len(created), already=len(officials) - len(created))


def remove_participant(attendance: Attendance, *, actor: Any) -> None:
    if not user_can(actor, TrainingClass, Action.CHANGE, attendance.training):
        raise PermissionDenied
    with transaction.atomic(), acting_as(actor):
        attendance.delete()
