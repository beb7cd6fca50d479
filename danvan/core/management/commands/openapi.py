"""``danvan openapi --write FILE`` / ``--check FILE``: the committed OpenAPI document.

CI runs ``--check`` so that the document clients read never drifts from the code.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from danvan.core.errors import UserError


def render_openapi() -> str:
    from danvan.api import api

    schema = api.get_openapi_schema(path_prefix="/api/v1")
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


class Command(BaseCommand):
    help = "Ghi hoặc kiểm tra tài liệu OpenAPI của API."

    def add_arguments(self, parser: CommandParser) -> None:
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--write", type=Path, metavar="FILE")
        group.add_argument("--check", type=Path, metavar="FILE")

    def handle(self, *args: Any, **options: Any) -> None:
        document = render_openapi()
        if options["write"]:
            options["write"].write_text(document, encoding="utf-8")
        elif options["check"]:
            path: Path = options["check"]
            if not path.exists() or path.read_text(encoding="utf-8") != document:
                raise UserError(
                    _(
                        "The OpenAPI document «%(path)s» is out of date; run `make openapi` and "
                        "commit."
                    )
                    % {"path": path}
                )
            self.stdout.write(_("OpenAPI: matches the source code."))
        else:
            self.stdout.write(document)
