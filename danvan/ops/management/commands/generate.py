"""``danvan generate --scale small|province|national [--only parts] [--seed N]``: realistic data
in every module on the real units (see :mod:`danvan.ops.generate`)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from danvan.core.errors import UserError
from danvan.ops import generate


class Command(BaseCommand):
    help = (
        "Sinh dữ liệu giống thật cho mọi phân hệ trên các đơn vị hành chính thật: "
        "--scale small (một tỉnh nhỏ), province (một tỉnh lớn) hoặc national (cả nước). "
        "Chạy lại thì bỏ qua phần đã sinh xong; bị ngắt thì chạy tiếp từ phần dở."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        # Checked in handle, not by argparse's choices: a wrong value gets a Vietnamese message.
        parser.add_argument("--scale", required=True, help="small | province | national")
        parser.add_argument(
            "--only",
            default="",
            help="các phần cần sinh, cách nhau bởi dấu phẩy: " + ", ".join(generate.PARTS),
        )
        parser.add_argument(
            "--seed", default=str(generate.DEFAULT_SEED), help="hạt giống ngẫu nhiên"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        scale = str(options["scale"]).strip().lower()
        if scale not in generate.ALL_SCALES:
            raise CommandError(
                _("Unknown scale «%(scale)s»: choose small, province or national.")
                % {"scale": options["scale"]}
            )
        try:
            seed = int(str(options["seed"]))
        except ValueError:
            raise CommandError(
                _("The seed must be a whole number, not «%(seed)s».") % {"seed": options["seed"]}
            ) from None
        only = [p.strip() for p in str(options["only"]).split(",") if p.strip()] or None
        try:
            outcomes = generate.run(scale, only=only, seed=seed, out=self.stdout)
        except UserError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(generate.table(outcomes))
