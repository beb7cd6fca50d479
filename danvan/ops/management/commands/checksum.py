"""``danvan checksum``: the content hash of the live database and uploads."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from danvan.ops import backup


class Command(BaseCommand):
    help = (
        "In mã nội dung (SHA-256) của CSDL và tệp tải lên; "
        "trùng với mã trong tệp sao lưu khi nội dung giống hệt."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(backup.checksum())
