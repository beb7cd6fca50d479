"""``danvan import FILE --unit KEY [--user USERNAME] [--confirm]``: import into the registry."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from danvan.core.audit import SYSTEM
from danvan.core.errors import UserError


class Command(BaseCommand):
    help = (
        "Nhập một văn bản vào sổ văn bản của một đơn vị: lưu tệp gốc, trích xuất nội dung, "
        "liên kết các văn bản được viện dẫn."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE", help="tệp .docx, .pdf, .doc, .odt hoặc .txt")
        parser.add_argument(
            "--unit", required=True, metavar="KEY", help="mã khóa đơn vị, ví dụ p04"
        )
        parser.add_argument(
            "--user", metavar="USERNAME", help="người nhập (được ghi vào nhật ký, kiểm tra quyền)"
        )
        parser.add_argument(
            "--confirm", action="store_true", help="xác nhận luôn thông tin trích xuất được"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from django.contrib.auth import get_user_model

        from danvan.documents.services import import_path
        from danvan.orgs.models import OrgUnit

        unit = OrgUnit.objects.filter(key=options["unit"]).first()
        if unit is None:
            raise UserError(
                _("There is no unit with the key «%(key)s».") % {"key": options["unit"]}
            )
        # Without --user the administrator running the command imports as the platform.
        actor: Any = SYSTEM
        if options["user"]:
            actor = get_user_model().objects.filter(username=options["user"]).first()
            if actor is None:
                raise UserError(_("There is no account «%(name)s».") % {"name": options["user"]})
        try:
            result = import_path(
                options["file"], owner=unit, actor=actor, confirm=options["confirm"]
            )
        except PermissionDenied:
            raise UserError(
                _("The account «%(name)s» may not import documents for %(unit)s.")
                % {"name": options["user"], "unit": unit}
            ) from None
        self.stdout.write(result.message)
        document = result.document
        if result.created:
            cited = document.citations.count()
            state = document.get_status_display()
            self.stdout.write(
                _("Document id: %(id)s · %(state)s · cites %(cited)s documents.")
                % {"id": document.pk, "state": state, "cited": cited}
            )
