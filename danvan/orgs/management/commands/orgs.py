"""``danvan orgs load`` and ``danvan orgs load-history``: the org-unit tree from real data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from danvan.core.audit import SYSTEM
from danvan.core.errors import UserError
from danvan.orgs.history import load_history
from danvan.orgs.loading import all_provinces, find_province, load_divisions
from danvan.orgs.models import OrgUnitKind


class Command(BaseCommand):
    help = "Nạp cây đơn vị: đơn vị hành chính hiện hành và lịch sử sáp nhập."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, parser_class=CommandParser)
        load = sub.add_parser(
            "load",
            help="Nạp tỉnh, xã và các cơ quan chuẩn từ gói vietnam-provinces (sau 1/7/2025).",
        )
        which = load.add_mutually_exclusive_group(required=True)
        which.add_argument("--province", action="append", metavar="CODENAME", help="vd. cao_bang")
        which.add_argument("--all", action="store_true", help="cả 34 tỉnh, thành phố")
        history = sub.add_parser(
            "load-history", help="Nạp đơn vị trước 2025 và sự kiện sáp nhập từ CSV."
        )
        history.add_argument("file", type=Path)
        sub.add_parser("provinces", help="Liệt kê mã (codename) của các tỉnh, thành phố.")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "load":
            provinces = (
                all_provinces()
                if options["all"]
                else [find_province(c) for c in options["province"]]
            )
            result = load_divisions(provinces, actor=SYSTEM)
            self.stdout.write(
                _("created: %(created)s, already there: %(existing)s")
                % {"created": result.created, "existing": result.existing}
            )
            for kind in OrgUnitKind.values:
                if result.counts.get(kind):
                    self.stdout.write(f"{kind}: {result.counts[kind]}")
        elif action == "load-history":
            if not options["file"].is_file():
                raise UserError(_("The file «%(file)s» was not found.") % {"file": options["file"]})
            history = load_history(options["file"], actor=SYSTEM)
            self.stdout.write(
                _("rows: %(rows)s, units created: %(units)s, events created: %(events)s")
                % {
                    "rows": history.rows,
                    "units": history.units_created,
                    "events": history.events_created,
                }
            )
        elif action == "provinces":
            for province in all_provinces():
                self.stdout.write(f"{province.codename}\t{province.name}")
