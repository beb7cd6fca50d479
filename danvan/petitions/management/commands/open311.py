"""``danvan open311 key NAME [--unit KEY]``: issue an Open311 API key (printed once)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from danvan.core.errors import UserError
from danvan.orgs.models import OrgUnit


class Command(BaseCommand):
    help = "Cấp khóa API Open311 GeoReport v2: danvan open311 key TÊN [--unit MÃ_ĐƠN_VỊ]"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        key = sub.add_parser("key", help="Cấp một khóa mới và in ra (chỉ hiển thị một lần).")
        key.add_argument("name", help="Tên ứng dụng dùng khóa.")
        key.add_argument("--unit", default="", help="Khóa đơn vị tiếp nhận (ví dụ p04).")

    def handle(self, *args: Any, **options: Any) -> None:
        from danvan.petitions.open311 import issue_key

        unit = None
        if options.get("unit"):
            unit = OrgUnit.objects.filter(key=options["unit"]).first()
            if unit is None:
                raise UserError(
                    _("There is no unit with the key «%(key)s».") % {"key": options["unit"]}
                )
        _key, raw = issue_key(options["name"], unit)
        self.stdout.write(raw)
