"""Compile the gettext catalogues (.po → .mo) without GNU gettext.

A fresh machine has Python and make only, so `msgfmt` may be missing; polib does the same job.
Catalogues live in locale/ (the shared one) and in each app's own danvan/<app>/locale/, so that
apps can be worked on side by side without fighting over one file.
"""

from __future__ import annotations

from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def catalogues() -> list[Path]:
    found = list((ROOT / "locale").glob("*/LC_MESSAGES/*.po"))
    found += (ROOT / "danvan").glob("*/locale/*/LC_MESSAGES/*.po")
    return sorted(found)


if __name__ == "__main__":
    for po_path in catalogues():
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
