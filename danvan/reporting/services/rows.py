"""A submission's row as every write takes it (locked, right, version, state) and its values."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from danvan.core.errors import UserError

from ..models import DataElement, DataValue, Submission
from .access import can_fill


def locked_row(submission: Submission) -> Submission:
    return (
        Submission.objects.select_for_update()
        .select_related("form", "unit", "form__recipient")
        .get(pk=submission.pk)
    )


def row_to_edit(submission: Submission, version: int | None, actor: Any, locked: str) -> Submission:
    """The submission's row locked for an edit by ``actor``: their right, the version they
    read and a state that may still change (else ``locked``, the Vietnamese refusal)."""
    submission = locked_row(submission)
    if not can_fill(actor, submission.unit):
        raise UserError(_("You may not edit the reports of this unit."))
    submission.check_version(version)
    if not submission.editable:
        raise UserError(locked)
    return submission


def write_values(
    submission: Submission,
    values: Mapping[str, Decimal | None],
    comments: Mapping[str, str],
    elements: list[DataElement],
) -> None:
    existing = {v.element_id: v for v in submission.values.all()}
    for element in elements:
        if element.code not in values and element.code not in comments:
            continue
        value = values.get(element.code)
        comment = (comments.get(element.code) or "").strip()
        row = existing.get(element.pk)
        if row is None:
            if value is None and not comment:
                continue
            DataValue.objects.create(
                submission=submission, element=element, value=value, comment=comment,
                form_id=submission.form_id, period=submission.period,
                unit_id=submission.unit_id, path=submission.unit.path, approved=False,
            )  # fmt: skip
        elif row.value != value or row.comment != comment:
            row.value = value
            row.comment = comment
            row.save(update_fields=["value", "comment"])
