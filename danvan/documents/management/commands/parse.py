"""``danvan parse FILE [--json]``: what the parser finds in one document (no database)."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = (
        "Đọc một văn bản hành chính (.docx, .pdf, .doc, .odt, .txt) và in số, ngày, viện dẫn, "
        "thời hạn, chế độ báo cáo, chỉ tiêu và phân công (--json: dạng JSON)."
    )
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE")
        parser.add_argument("--json", action="store_true", help="in kết quả dạng JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        from danvan.documents.parsing.cli import main

        argv = [options["file"]] + (["--json"] if options["json"] else [])
        code = main(argv)
        if code:
            # The parser's CLI has already written its Vietnamese message to stderr.
            sys.exit(code)
