"""``danvan serve``: the production WSGI server (gunicorn) and the task consumer (huey).

This command checks its options with Django loaded, then becomes the small supervisor of
``danvan.core.serving.supervisor`` (same process id, so systemd and Ctrl-C still reach it),
which starts both as child processes; Ctrl-C or SIGTERM stops both, and if either dies the
other is stopped too, so a supervisor (systemd) sees the failure.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import connections
from django.utils.translation import gettext as _

from danvan.core.errors import UserError


class Command(BaseCommand):
    help = "Chạy máy chủ web (gunicorn) và bộ xử lý tác vụ nền (huey)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", default=os.environ.get("PORT", "8000"))
        # One thread per process, 2 × cores + 1 processes (gunicorn's own advice): threads of one
        # process take turns on its interpreter lock at every database round trip, which made
        # the slowest requests wait (intake bench, 2 cores: 2 × 4 threads gave p99 290–620 ms,
        # 4–5 × 1 gave 155–200 ms at the same or better throughput).
        parser.add_argument(
            "--workers",
            type=int,
            default=int(os.environ.get("WEB_WORKERS", 2 * (os.cpu_count() or 1) + 1)),
        )
        parser.add_argument("--threads", type=int, default=int(os.environ.get("WEB_THREADS", "1")))
        parser.add_argument("--no-consumer", action="store_true", help="chỉ chạy máy chủ web")

    def handle(self, *args: Any, **options: Any) -> None:
        port = str(options["port"])
        if not port.isdigit() or not 0 < int(port) < 65536:
            raise UserError(
                _("The port (PORT) «%(port)s» is not valid; use a number from 1 to 65535.")
                % {"port": port}
            )
        bind = f"{options['host']}:{port}"
        if options["workers"] < 1 or options["threads"] < 1:
            raise UserError(
                _(
                    "The number of processes (WEB_WORKERS) and threads (WEB_THREADS) must be 1 "
                    "or more."
                )
            )
        launcher = [
            sys.executable, "-m", "danvan.core.serving.supervisor",
            "--bind", bind,
            "--workers", str(options["workers"]),
            "--threads", str(options["threads"]),
        ]  # fmt: skip
        if options["no_consumer"]:
            launcher.append("--no-consumer")
        self.stdout.flush()
        connections.close_all()  # exec keeps file descriptors a library opened without CLOEXEC
        # Replaced by a process that imports no Django (serving/supervisor.py): kept alive
        # here it would hold the whole loaded application while it only waits on two children.
        os.execv(sys.executable, launcher)
