"""``danvan restore FILE``: put a backup back, all or nothing (see danvan/ops/backup.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from danvan.ops import backup


class Command(BaseCommand):
    help = (
        "Khôi phục CSDL và tệp tải lên từ tệp sao lưu (thay toàn bộ; "
        "CSDL đã có dữ liệu cần --force). Nên dừng danvan serve trước."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="tệp sao lưu do danvan backup tạo")
        parser.add_argument(
            "--force", action="store_true", help="xoá và thay dữ liệu đang có trong CSDL đích"
        )
        parser.add_argument(
            "--check", action="store_true", help="chỉ kiểm tra tệp sao lưu, không khôi phục"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        source = Path(options["file"])
        if options["check"]:
            if not source.is_file():
                from danvan.core.errors import UserError

                raise UserError(f"Không tìm thấy tệp sao lưu «{source}».")
            manifest = backup.verify(source)
            self.stdout.write(f"Tệp sao lưu hợp lệ: {backup.describe(manifest)}.")
            self.stdout.write(f"Mã nội dung: {manifest['content_hash']}")
            return
        say = self.stdout.write if options["verbosity"] > 1 else (lambda _: None)
        manifest = backup.restore(source, force=options["force"], progress=say)
        self.stdout.write(f"Đã khôi phục từ {source}: {backup.describe(manifest)}.")
        self.stdout.write(f"Mã nội dung: {manifest['content_hash']}")
