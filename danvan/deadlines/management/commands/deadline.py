"""``danvan deadline RULE START [--complex] [--especially-complex] [--remote] [--extensions N]``:
one due date."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from danvan.core.errors import UserError
from danvan.deadlines.engine import compute_due_date, parse_day


class Command(BaseCommand):
    help = (
        "Tính hạn cuối theo quy định thời hạn (ví dụ: danvan deadline complaint.first 2026-02-13). "
        "Dòng 1: hạn cuối (YYYY-MM-DD); dòng 2: căn cứ pháp lý; -v 2 in thêm cách tính."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("rule", help="mã quy định, ví dụ complaint.first, denunciation.resolve")
        parser.add_argument("start", help="ngày xảy ra sự kiện: YYYY-MM-DD hoặc DD/MM/YYYY")
        parser.add_argument("--complex", action="store_true", help="vụ việc phức tạp")
        parser.add_argument(
            "--especially-complex", action="store_true", help="vụ việc đặc biệt phức tạp"
        )
        parser.add_argument("--remote", action="store_true", help="vùng sâu, vùng xa")
        parser.add_argument("--extensions", default="0", metavar="N", help="số lần gia hạn")

    def handle(self, *args: Any, **options: Any) -> None:
        raw_extensions = str(options["extensions"]).strip()
        if not raw_extensions.isdigit():
            raise UserError(
                _("The number of extensions «%(value)s» must be a whole number, not negative.")
                % {"value": raw_extensions}
            )
        due = compute_due_date(
            options["rule"],
            parse_day(options["start"]),
            complex=options["complex"],
            remote=options["remote"],
            extensions=int(raw_extensions),
            especially_complex=options["especially_complex"],
        )
        self.stdout.write(due.due_date.isoformat())
        self.stdout.write(due.basis)
        if options["verbosity"] >= 2:
            self.stdout.write(due.explanation)
