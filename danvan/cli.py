"""The ``danvan`` command: every management command of the project (``danvan migrate``,
``danvan orgs load --province cao_bang``, ``danvan demo``, ``danvan serve``…).

Configuration problems and bad input end with a Vietnamese message and a non-zero exit,
never a traceback.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    argv = list(sys.argv if argv is None else argv)
    argv[0] = "danvan"
    from django.core.exceptions import ImproperlyConfigured

    try:
        import django

        django.setup()
    except ImproperlyConfigured as exc:
        print(f"Lỗi cấu hình: {exc}", file=sys.stderr)
        return 2
    from django.core.management import execute_from_command_line

    from danvan.core.errors import UserError

    try:
        execute_from_command_line(argv)
    except UserError as exc:
        from django.utils.translation import gettext as _

        print(_("Error: %(message)s") % {"message": exc.message}, file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
