from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import translation
from django.utils.translation import gettext as _

from danvan.core.demo.seed import DEMO_PASSWORD, seed_demo


class Command(BaseCommand):
    help = (
        "Nạp dữ liệu trình diễn: tỉnh Cao Bằng và tài khoản mẫu cho mọi vai trò (chạy lại an toàn)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        translation.activate("vi")
        logins = seed_demo()
        self.stdout.write("")
        self.stdout.write(
            _("Demo accounts (shared password: %(password)s):") % {"password": DEMO_PASSWORD}
        )
        width = max(len(login.username) for login in logins)
        for login in logins:
            self.stdout.write(f"  {login.username.ljust(width)}  {login.role} — {login.unit}")
        self.stdout.write(
            "  "
            + _("(The *.quantri accounts must set up a two-factor app at their first sign-in.)")
        )
