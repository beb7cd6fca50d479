"""``danvan tokens issue USERNAME NAME`` / ``list`` / ``revoke PREFIX``: API tokens for machines.

The token is printed once; only its hash is stored. It acts with its owner's roles and scope.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.accounts.models import ApiToken, User
from danvan.accounts.services import issue_token, revoke_token
from danvan.core.audit import SYSTEM
from danvan.core.errors import UserError


class Command(BaseCommand):
    help = "Cấp, liệt kê, thu hồi mã truy cập API."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True, parser_class=CommandParser)
        issue = sub.add_parser("issue", help="cấp mã cho một tài khoản")
        issue.add_argument("username")
        issue.add_argument("name", help="tên gợi nhớ, ví dụ: hệ thống một cửa")
        issue.add_argument("--days", type=int, default=None, help="hết hạn sau số ngày này")
        sub.add_parser("list", help="liệt kê các mã")
        revoke = sub.add_parser("revoke", help="thu hồi mã theo tiền tố")
        revoke.add_argument("prefix")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "issue":
            user = User.objects.filter(username=options["username"]).first()
            if user is None:
                raise UserError(
                    _("There is no account «%(name)s».") % {"name": options["username"]}
                )
            days = options["days"]
            if days is not None and days <= 0:
                raise UserError(_("The number of days of validity must be greater than 0."))
            expires = timezone.now() + dt.timedelta(days=days) if days else None
            _token, raw = issue_token(user, options["name"], expires_at=expires, actor=SYSTEM)
            self.stdout.write(raw)
        elif options["action"] == "list":
            for token in ApiToken.objects.select_related("user").order_by("created_at"):
                state = _("revoked") if token.revoked_at else _("valid")
                self.stdout.write(f"{token.prefix}\t{token.user.username}\t{token.name}\t{state}")
        else:
            matches = list(
                ApiToken.objects.filter(prefix=options["prefix"], revoked_at__isnull=True)
            )
            if len(matches) != 1:
                raise UserError(
                    _("There is not exactly one valid token with the prefix «%(prefix)s».")
                    % {"prefix": options["prefix"]}
                )
            revoke_token(matches[0], actor=SYSTEM)
            self.stdout.write(_("Revoked."))
