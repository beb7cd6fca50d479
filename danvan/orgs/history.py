"""Loading a province's units from before the 2025 reform, and their merges into today's.

The file is CSV (UTF-8, with or without BOM, comma-separated) with this header row::

    key,name,short_name,kind,code,parent,valid_from,valid_to,successors,event_date,legal_basis

* ``key``: stable key of the historic unit, e.g. ``d040`` (a district) or ``c01270``.
* ``kind``: ``district``, ``commune``, ``village`` or another kind of :class:`OrgUnitKind`.
* ``parent``: key of a unit in this file (above it) or already loaded (``p04``).
* ``valid_from``, ``valid_to``: ISO dates (YYYY-MM-DD); ``valid_to`` is the last day it existed.
* ``successors``: keys of the units that carry it on, separated by ``;`` (e.g. ``w01273``).
* ``event_date``: the day the merge took effect (default: the day after ``valid_to``).
* ``legal_basis``: the resolution that decided it (e.g. ``Nghị quyết số 1657/NQ-UBTVQH15``).

Rows with the same successors, date and basis form one event: a merge (sáp nhập) of all their
units into the successors, or a split (chia tách) when one unit goes to several. The whole file
is checked before anything is written; then it is written in one transaction. Loading the same
file again creates nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from danvan.core.audit import acting_as
from danvan.core.errors import UserError

from .models import OrgUnit, OrgUnitEvent, OrgUnitEventKind, OrgUnitKind
from .services import create_unit, record_succession

COLUMNS = [
    "key",
    "name",
    "short_name",
    "kind",
    "code",
    "parent",
    "valid_from",
    "valid_to",
    "successors",
    "event_date",
    "legal_basis",
]
REQUIRED = {"key", "name", "kind", "parent", "valid_to"}
MAX_BYTES = 20 * 1024 * 1024


@dataclass
class HistoryRow:
    line: int
    key: str
    name: str
    short_name: str
    kind: str
    code: str
    parent: str
    valid_from: dt.date | None
    valid_to: dt.date
    successors: tuple[str, ...]
    event_date: dt.date
    legal_basis: str


@dataclass
class HistoryResult:
    units_created: int = 0
    events_created: int = 0
    rows: int = 0


def _read_text(path: Path) -> str:
    try:
        size = path.stat().st_size
    except OSError:
        raise UserError(
            _("Cannot read the file «%(path)s»: it does not exist or may not be read.")
            % {"path": path}
        ) from None
    if size > MAX_BYTES:
        raise UserError(
            _("The file «%(name)s» is too large (%(size)s MB); at most 20 MB.")
            % {"name": path.name, "size": size // 1024 // 1024}
        )
    raw = path.read_bytes()
    if b"\x00" in raw:
        raise UserError(
            _("The file «%(name)s» is not a plain-text CSV file.") % {"name": path.name}
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UserError(
            _("The file «%(name)s» is not encoded in UTF-8; save it again as CSV UTF-8.")
            % {"name": path.name}
        ) from None


def _date(value: str, line: int, column: str, required: bool) -> dt.date | None:
    value = value.strip()
    if not value:
        if required:
            raise UserError(
                _("Line %(line)s: the column «%(column)s» has no value.")
                % {"line": line, "column": column}
            )
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UserError(
            _(
                "Line %(line)s: «%(value)s» in the column «%(column)s» is not a date of"
                " the form YYYY-MM-DD."
            )
            % {"line": line, "value": value, "column": column}
        ) from None


def parse_history(text: str) -> list[HistoryRow]:
    """Check the whole file and return its rows; the first problem raises :class:`UserError`."""
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip() for h in reader.fieldnames or []]
    missing = REQUIRED - set(header)
    if missing:
        raise UserError(
            _("The file lacks the columns: %(missing)s. The first line must be: %(header)s")
            % {"missing": ", ".join(sorted(missing)), "header": ",".join(COLUMNS)}
        )
    rows: list[HistoryRow] = []
    seen: set[str] = set()
    for number, raw in enumerate(reader, start=2):
        if None in raw:
            raise UserError(
                _("Line %(line)s: it has more columns than the header line.") % {"line": number}
            )
        cell = {k.strip(): (v or "").strip() for k, v in raw.items() if k}
        if not any(cell.values()):
            continue
        for column in REQUIRED:
            if not cell.get(column):
                raise UserError(
                    _("Line %(line)s: the column «%(column)s» has no value.")
                    % {"line": number, "column": column}
                )
        if cell["kind"] not in OrgUnitKind.values:
            raise UserError(
                _("Line %(line)s: the kind «%(kind)s» is not valid; use one of: %(kinds)s")
                % {"line": number, "kind": cell["kind"], "kinds": ", ".join(OrgUnitKind.values)}
            )
        if cell["key"] in seen:
            raise UserError(
                _("Line %(line)s: the key «%(key)s» is repeated.")
                % {"line": number, "key": cell["key"]}
            )
        seen.add(cell["key"])
        valid_to = _date(cell["valid_to"], number, "valid_to", True)
        assert valid_to is not None
        valid_from = _date(cell.get("valid_from", ""), number, "valid_from", False)
        if valid_from and valid_from > valid_to:
            raise UserError(_("Line %(line)s: valid_from is after valid_to.") % {"line": number})
        event_date = _date(cell.get("event_date", ""), number, "event_date", False)
        rows.append(
            HistoryRow(
                line=number,
                key=cell["key"],
                name=cell["name"],
                short_name=cell.get("short_name", ""),
                kind=cell["kind"],
                code=cell.get("code", ""),
                parent=cell["parent"],
                valid_from=valid_from,
                valid_to=valid_to,
                successors=tuple(
                    s.strip() for s in cell.get("successors", "").split(";") if s.strip()
                ),
                event_date=event_date or valid_to + dt.timedelta(days=1),
                legal_basis=cell.get("legal_basis", ""),
            )
        )
    if not rows:
        raise UserError(_("The file has no data rows."))
    return rows


def load_history(
    path: Path,
    *,
    actor: Any,
) -> HistoryResult:
    """Add historic units and their merge events from a CSV file (format in the module doc)."""
    rows = parse_history(_read_text(path))
    file_keys = {r.key for r in rows}
    referenced = {r.parent for r in rows} | {s for r in rows for s in r.successors}
    existing = OrgUnit.objects.in_bulk(list(file_keys | referenced), field_name="key")
    for row in rows:
        if row.parent not in file_keys and row.parent not in existing:
            raise UserError(
                _("Line %(line)s: the parent unit «%(parent)s» was not found.")
                % {"line": row.line, "parent": row.parent}
            )
        for key in row.successors:
            if key not in file_keys and key not in existing:
                raise UserError(
                    _("Line %(line)s: the successor unit «%(key)s» was not found.")
                    % {"line": row.line, "key": key}
                )
    result = HistoryResult(rows=len(rows))
    with transaction.atomic(), acting_as(actor):
        units = dict(existing)
        pending = [r for r in rows if r.key not in units]
        # Parents may come later in the file than their children: create in dependency order.
        while pending:
            ready = [r for r in pending if r.parent in units]
            if not ready:
                raise UserError(
                    _("Line %(line)s: the parent unit «%(parent)s» makes a cycle.")
                    % {"line": pending[0].line, "parent": pending[0].parent}
                )
            for row in ready:
                units[row.key] = create_unit(
                    name=row.name,
                    short_name=row.short_name,
                    kind=row.kind,
                    key=row.key,
                    code=row.code,
                    parent=units[row.parent],
                    valid_from=row.valid_from,
                    valid_to=row.valid_to,
                    actor=actor,
                )
                result.units_created += 1
            pending = [r for r in pending if r.key not in units]
        groups: dict[tuple[tuple[str, ...], dt.date, str], list[HistoryRow]] = defaultdict(list)
        for row in rows:
            if row.successors:
                groups[(tuple(sorted(row.successors)), row.event_date, row.legal_basis)].append(row)
        for (successor_keys, day, basis), members in groups.items():
            predecessors = [units[r.key] for r in members]
            successors = [units[k] for k in successor_keys]
            if _event_exists(predecessors, successors, day):
                continue
            kind = (
                OrgUnitEventKind.SPLIT
                if len(predecessors) == 1 and len(successors) > 1
                else OrgUnitEventKind.MERGE
            )
            record_succession(
                kind=kind,
                predecessors=predecessors,
                successors=successors,
                effective_on=day,
                legal_basis=basis,
                actor=actor,
            )
            result.events_created += 1
    return result


def _event_exists(predecessors: list[OrgUnit], successors: list[OrgUnit], day: dt.date) -> bool:
    candidates = OrgUnitEvent.objects.filter(effective_on=day, predecessors=predecessors[0])
    wanted_pred = {u.pk for u in predecessors}
    wanted_succ = {u.pk for u in successors}
    for event in candidates.prefetch_related("predecessors", "successors"):
        if {u.pk for u in event.predecessors.all()} == wanted_pred and {
            u.pk for u in event.successors.all()
        } == wanted_succ:
            return True
    return False
