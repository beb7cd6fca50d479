"""The name a person reads for a reporting period code («2026-S1» is «6 tháng đầu năm 2026»).

Codes (``2026-03``, ``2026-Q3``, ``2026-S1``, ``2026-N9``, ``2026``, ``2026-AH``) are the keys of
``reporting`` and travel in URLs, notification keys and the API; every page, tile and
notification shows this label instead. Pure: no database, so any app may call it.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

_CODE = re.compile(r"^(\d{4})(?:-(?:(0[1-9]|1[0-2])|Q([1-4])|S([12])|(N9)|(AH)))?$")
_ROMAN = ("I", "II", "III", "IV")


def period_label(code: object) -> str:
    """«Tháng 10/2026», «Quý III/2026», «6 tháng đầu năm 2026», «9 tháng năm 2026», «Năm 2026».

    Anything that is not a period code is returned as it was.
    """
    text = str(code or "")
    match = _CODE.match(text)
    if match is None:
        return text
    year, month, quarter, half, nine, adhoc = match.groups()
    if month:
        return _("Month %(month)s/%(year)s") % {"month": int(month), "year": year}
    if quarter:
        return _("Quarter %(quarter)s/%(year)s") % {
            "quarter": _ROMAN[int(quarter) - 1],
            "year": year,
        }
    if half == "1":
        return _("First six months of %(year)s") % {"year": year}
    if half == "2":
        return _("Last six months of %(year)s") % {"year": year}
    if nine:
        return _("Nine months of %(year)s") % {"year": year}
    if adhoc:
        return _("Ad hoc report %(year)s") % {"year": year}
    return _("Year %(year)s") % {"year": year}
