"""Figures of source-backed elements taken from the platform's own records (reporting.sources)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext as _

from danvan.core.audit import acting_as
from danvan.core.errors import UserError

from .. import sources
from ..models import DataElement, Submission
from .rows import row_to_edit, write_values
from .values import parse_value


def system_figures(
    submission: Submission, elements: Iterable[DataElement] | None = None
) -> dict[str, Decimal | None]:
    """The figure of each source-backed element computed now from system data for the
    submission's unit (itself, not its subtree) and data window (period_start..period_end).

    Elements whose source is not registered (any more) are left out.
    """
    figures: dict[str, Decimal | None] = {}
    for element in elements if elements is not None else submission.form.elements.all():
        source = sources.get(element.source) if element.source else None
        if source is not None:
            figures[element.code] = source.compute(
                submission.unit, submission.period_start, submission.period_end
            )
    return figures


def fill_from_sources(submission: Submission, elements: list[DataElement]) -> int:
    """Write the system figures into the submission's values (inside the caller's transaction),
    each with a comment saying where it came from; returns how many figures were written."""
    values, comments = source_values(submission, elements)
    write_values(submission, values, comments, elements)
    return len(values)


def source_values(
    submission: Submission, elements: list[DataElement]
) -> tuple[dict[str, Decimal | None], dict[str, str]]:
    """The system figures for ``submission`` as values and comments by code (writes nothing)."""
    by_code = {e.code: e for e in elements}
    values: dict[str, Decimal | None] = {}
    comments: dict[str, str] = {}
    day = f"{timezone.localdate():%d/%m/%Y}"
    for code, figure in system_figures(submission, elements).items():
        if figure is None:
            continue  # the source has nothing to say: keep whatever is there
        element = by_code[code]
        source = sources.get(element.source)
        try:
            values[code] = parse_value(element, figure)
        except UserError as exc:
            values[code] = None
            comments[code] = gettext(
                "The figure from system data (%(figure)s) does not fit this field: %(error)s"
            ) % {"figure": f"{figure.normalize():f}", "error": exc.message}
            continue
        comments[code] = gettext(
            "Figure taken automatically from system data on %(day)s: %(source)s."
        ) % {"day": day, "source": source.label if source else element.source}
    return values, comments


def refresh_from_sources(submission: Submission, *, version: int | None, actor: Any) -> Submission:
    """Take the source-backed figures again from system data (lấy lại số liệu từ hệ thống).

    Overwrites the values of the elements that have a source — including values the officer
    typed over them — with the current system figures; other figures and texts are kept. Only a
    draft or a returned report; refused once submitted or approved. Sends the version read.
    """
    with transaction.atomic(), acting_as(actor):
        submission = row_to_edit(
            submission,
            version,
            actor,
            _(
                "The report has been sent or approved, so its figures cannot be taken from the "
                "system again. Only a draft or returned report can take them again."
            ),
        )
        elements = list(submission.form.elements.all())
        if not any(e.source for e in elements):
            raise UserError(_("This form has no indicator whose figures come from the system."))
        fill_from_sources(submission, elements)
        submission.bump_version()
        submission.save(update_fields=["version", "updated_at"])
    return submission
