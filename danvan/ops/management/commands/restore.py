"""``danvan restore FILE``: put a backup back, all or nothing (see danvan/ops/backup.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

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

                raise UserError(_("The backup file «%(file)s» was not found.") % {"file": source})
            manifest = backup.verify(source)
            self.stdout.write(
                _("The backup file is valid: %(what)s.") % {"what": backup.describe(manifest)}
            )
            self.stdout.write(_("Content hash: %(hash)s") % {"hash": manifest["content_hash"]})
            return
        say = self.stdout.write if options["verbosity"] > 1 else (lambda _: None)
        manifest = backup.restore(source, force=options["force"], progress=say)
        self.stdout.write(
            _("Restored from %(file)s: %(what)s.")
            % {"file": source, "what": backup.describe(manifest)}
        )
        self.stdout.write(_("Content hash: %(hash)s") % {"hash": manifest["content_hash"]})
