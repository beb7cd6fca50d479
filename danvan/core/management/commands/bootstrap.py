"""``danvan bootstrap``: migrate, collect static files and seed the demo in one process.

`make run` calls it; one Django start instead of three keeps a second `make run` quick.
"""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Chuẩn bị để chạy: cập nhật CSDL, tệp tĩnh và dữ liệu trình diễn."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-demo", action="store_true", help="không nạp dữ liệu trình diễn")

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        if not options["no_demo"]:
            call_command("demo", stdout=self.stdout)
