"""Refresh a Vietnamese catalogue: `python scripts/make_messages.py [APP]`.

With APP (e.g. `reporting`) the strings of danvan/APP go to danvan/APP/locale/vi; without it, the
strings of every app that has no catalogue of its own go to locale/vi. Translate the new entries,
then run scripts/compile_messages.py.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OPTIONS = {"locale": ["vi"], "no_location": True, "no_obsolete": True, "no_wrap": True}


def _fix_header(po_path: Path) -> None:
    """A new catalogue starts with template placeholders; Vietnamese has a single plural form."""
    import polib

    po = polib.pofile(str(po_path), wrapwidth=0)
    po.metadata["Language"] = "vi"
    po.metadata["Plural-Forms"] = "nplurals=1; plural=0;"
    po.metadata["Content-Type"] = "text/plain; charset=UTF-8"
    po.metadata_is_fuzzy = False
    po.save()


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    import django
    from django.conf import settings
    from django.core.management import call_command

    django.setup()
    own = sorted(p.parent.name for p in (ROOT / "danvan").glob("*/locale"))
    if argv:
        app_dir = ROOT / "danvan" / argv[0]
        if not app_dir.is_dir():
            print(f"Lỗi: không có ứng dụng danvan/{argv[0]}", file=sys.stderr)
            return 2
        (app_dir / "locale").mkdir(exist_ok=True)
        os.chdir(app_dir)
        # makemessages sends every file to the first LOCALE_PATHS entry that contains it;
        # without the shared one, the app's own locale/ is the only candidate.
        settings.LOCALE_PATHS = []
        call_command("makemessages", **OPTIONS)
        _fix_header(app_dir / "locale" / "vi" / "LC_MESSAGES" / "django.po")
    else:
        os.chdir(ROOT)
        ignore = [".venv", ".tools", "var", "danvan/documents/parsing/*"]
        ignore += [f"danvan/{app}/*" for app in own]
        call_command("makemessages", ignore_patterns=ignore, **OPTIONS)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
