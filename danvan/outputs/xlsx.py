"""The one way the platform writes .xlsx files (openpyxl underneath).

Every export goes through :class:`Workbook` so that all of them
- never carry a live formula: text that citizens or officials typed («=HYPERLINK(…)», «+…»,
  «-…», «@…») is stored as a string cell, which Excel and LibreOffice show and never evaluate
  (CWE-1236, formula injection);
- read as Vietnamese officials expect: dates as dd/mm/yyyy, whole numbers with a thousands
  separator and decimals with one or two places (the spreadsheet shows «1.234,5» under a
  Vietnamese locale), bold headers, sensible column widths.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
INTEGER_FORMAT = "#,##0"
DECIMAL_FORMAT = "#,##0.##"
#: A cell starting with one of these is read as a formula by some spreadsheet programs.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def _put(cell: Any, value: Any) -> None:
    """Write ``value`` into ``cell`` with its Vietnamese number or date format."""
    if value is None:
        return
    if isinstance(value, bool):
        cell.value = "Có" if value else "Không"
    elif isinstance(value, dt.datetime):
        cell.value = value.replace(tzinfo=None)
        cell.number_format = DATETIME_FORMAT
    elif isinstance(value, dt.date):
        cell.value = value
        cell.number_format = DATE_FORMAT
    elif isinstance(value, int):
        cell.value = value
        cell.number_format = INTEGER_FORMAT
    elif isinstance(value, Decimal | float):
        cell.value = float(value)
        cell.number_format = DECIMAL_FORMAT
    else:
        text = str(value)
        cell.value = text
        # openpyxl turns a string starting with "=" into a formula; forcing the string type
        # keeps every typed text as text, whatever it starts with.
        cell.data_type = "s"


class Sheet:
    """One worksheet: title lines, a bold header, rows of plain values."""

    def __init__(self, worksheet: Worksheet) -> None:
        self.ws = worksheet
        self.next_row = 1

    def row(self, values: Sequence[Any] = (), *, bold: bool = False) -> None:
        """Append one row (an empty one is a blank line between blocks)."""
        from openpyxl.styles import Font

        for column, value in enumerate(values, start=1):
            cell = self.ws.cell(row=self.next_row, column=column)
            _put(cell, value)
            if bold:
                cell.font = Font(bold=True)
        self.next_row += 1

    def header(self, values: Sequence[str]) -> None:
        self.row(values, bold=True)

    def rows(self, rows: Iterable[Sequence[Any]]) -> None:
        for values in rows:
            self.row(values)

    def widths(self, *widths: float) -> None:
        from openpyxl.utils import get_column_letter

        for number, width in enumerate(widths, start=1):
            self.ws.column_dimensions[get_column_letter(number)].width = width

    def wrap(self, column: int, first_row: int = 1) -> None:
        """Wrap long text in ``column`` (1-based) from ``first_row`` down, aligned to the top."""
        from openpyxl.styles import Alignment

        for (cell,) in self.ws.iter_rows(min_row=first_row, min_col=column, max_col=column):
            cell.alignment = Alignment(wrap_text=True, vertical="top")


class Workbook:
    """An .xlsx file being written: ``sheet()`` per tab, then ``to_bytes()``."""

    def __init__(self) -> None:
        from openpyxl import Workbook as OpenpyxlWorkbook

        self._book = OpenpyxlWorkbook()
        self._fresh = True

    def sheet(self, title: str) -> Sheet:
        # Excel refuses sheet titles over 31 characters or with []:*?/\ in them.
        clean = "".join(c for c in title if c not in "[]:*?/\\")[:31] or "Sheet"
        # Two sheets of one name: openpyxl would append a digit past the 31 characters.
        taken = {name.casefold() for name in self._book.sheetnames} if not self._fresh else set()
        base, number = clean, 1
        while clean.casefold() in taken:
            number += 1
            clean = f"{base[: 31 - len(str(number)) - 3]} ({number})"
        if self._fresh:
            self._fresh = False
            worksheet = self._book.active
            worksheet.title = clean
        else:
            worksheet = self._book.create_sheet(clean)
        return Sheet(worksheet)

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self._book.save(buffer)
        return buffer.getvalue()


__all__ = ["XLSX_MIME", "Sheet", "Workbook"]
