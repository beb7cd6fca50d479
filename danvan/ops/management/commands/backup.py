"""``danvan backup FILE``: database and uploads in one archive (see danvan/ops/backup.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from danvan.ops import backup


class Command(BaseCommand):
    help = "Sao lưu CSDL và tệp tải lên vào một tệp (.tar.gz), kèm mã nội dung để kiểm tra."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", nargs="?", help="tệp sao lưu sẽ ghi (ví dụ danvan.tar.gz)")
        parser.add_argument(
            "--hash-only",
            action="store_true",
            help="chỉ in mã nội dung của CSDL và tệp tải lên hiện tại, không ghi tệp",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["hash_only"]:
            self.stdout.write(backup.checksum())
            return
        if not options["file"]:
            from danvan.core.errors import UserError

            raise UserError(_("Name the backup file, for example: danvan backup danvan.tar.gz"))
        say = self.stdout.write if options["verbosity"] > 1 else (lambda _: None)
        manifest = backup.backup(Path(options["file"]), progress=say)
        self.stdout.write(
            _("Backed up to %(file)s: %(what)s.")
            % {"file": options["file"], "what": backup.describe(manifest)}
        )
        self.stdout.write(_("Content hash: %(hash)s") % {"hash": manifest["content_hash"]})
