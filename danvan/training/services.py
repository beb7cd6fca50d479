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
from django.utils.translation import gettext as _
from django.utils.translation import pgettext, pgettext_lazy

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
    noun=pgettext_lazy("upload", "list of trainees"),
)  # fmt: skip
MAX_IMPORT_ROWS = 2000
TRAINING_FIELDS = ("topic", "starts_on", "ends_on", "place", "trainers", "materials")


def units_where(user: Any, action: str = Action.ADD) -> QuerySet[OrgUnit]:
    return scoping.units_where(user, permission_name(TrainingClass, action))


def _clean(fields: dict[str, Any]) -> dict[str, Any]:
    clean = {k: (v.strip() if isinstance(v, str) else v) for k, v in fields.items()
             if k in TRAINING_FIELDS}  # fmt: skip
    labels = (
        ("topic", _("the topic of the training")),
        ("starts_on", _("the first day of the class")),
        ("ends_on", _("the last day of the class")),
        ("place", _("the place of the class")),
    )
    for key, label in labels:
        if key in clean and (clean[key] is None or clean[key] == ""):
            raise UserError(_("Missing: %(what)s.") % {"what": label})
    if clean.get("starts_on") and clean.get("ends_on") and clean["ends_on"] < clean["starts_on"]:
        raise UserError(_("The last day of a training class cannot be before its first day."))
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
            raise UserError(
                _("Official %(name)s belongs to no unit.") % {"name": person.display_name}
            )
    # A class trains the officials of the organiser's own area (its subtree): a participant
    # from elsewhere is a unit the organiser cannot address.
    units = {p.org_unit_id: p.org_unit for p in officials}
    try:
        check_assignees(
            training.organiser, list(units.values()), noun=pgettext("assignment", "training course")
        )
    except UserError as refused:
        raise UserError(
            _("A participant belongs to a unit outside the area of %(organiser)s: %(reason)s")
            % {"organiser": training.organiser.name, "reason": refused.message}
        ) from None


def add_participants(
    training: TrainingClass, officials: Sequence[User], *, actor: Any
) -> list[Attendance]:
    """Record that ``officials`` attended; those already recorded are kept once."""
    if not user_can(actor, TrainingClass, Action.CHANGE, training):
        raise PermissionDenied
    if not officials:
        raise UserError(_("No participant is chosen."))
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
        raise UserError(_("The attendance .xlsx file cannot be read (is it damaged?).")) from None
    sheet = book.worksheets[0]
    rows = []
    for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        if number == 1:
            continue  # the header
        username = _cell_text(row[0] if row else None)
        if username:
            rows.append((number, username))
        if len(rows) > MAX_IMPORT_ROWS:
            raise UserError(
                _("The attendance list is too long: at most %(n)s rows.") % {"n": MAX_IMPORT_ROWS}
            )
    book.close()
    if not rows:
        raise UserError(
            _(
                "The attendance list has no rows: the first column holds the official's "
                "username, the first row is the header."
            )
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
        listed = ", ".join(
            _("row %(n)s «%(name)s»") % {"n": n, "name": name} for n, name in missing[:10]
        )
        if len(missing) > 10:
            listed = _("%(listed)s and %(n)s more rows") % {
                "listed": listed,
                "n": len(missing) - 10,
            }
        raise UserError(
            _("No official has the username: %(rows)s. No participant is recorded.")
            % {"rows": listed}
        )
    officials = list({found[name.lower()].pk: found[name.lower()] for _n, name in rows}.values())
    created = add_participants(training, officials, actor=actor)
    return ImportResult(added=len(created), already=len(officials) - len(created))


def remove_participant(attendance: Attendance, *, actor: Any) -> None:
    if not user_can(actor, TrainingClass, Action.CHANGE, attendance.training):
        raise PermissionDenied
    with transaction.atomic(), acting_as(actor):
        attendance.delete()
