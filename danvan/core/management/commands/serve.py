"""``danvan serve``: the production WSGI server (gunicorn) and the task consumer (huey).

Both run as child processes; Ctrl-C or SIGTERM stops both, and if either dies the other is
stopped too, so a supervisor (systemd) sees the failure.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

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
            raise UserError(f"Cổng (PORT) «{port}» không hợp lệ; dùng số từ 1 đến 65535.")
        bind = f"{options['host']}:{port}"
        web = [
            sys.executable, "-m", "gunicorn", "danvan.wsgi:application",
            "--bind", bind,
            "--workers", str(options["workers"]),
            "--threads", str(options["threads"]),
            # A kept-alive connection stays with the worker that accepted it, and a worker runs
            # Python on one core at a time: a few busy clients pinned to one worker left the
            # other idle (intake bench: 114 instead of 180 requests/s). Behind a reverse proxy
            # every request is a new connection anyway.
            "--keep-alive", os.environ.get("WEB_KEEPALIVE", "0"),
            "--access-logfile", "-",
            "--forwarded-allow-ips", os.environ.get("FORWARDED_ALLOW_IPS", ""),
        ]  # fmt: skip
        children = [subprocess.Popen(web)]
        if not options["no_consumer"]:
            consumer = [sys.executable, "-m", "danvan.cli", "run_huey", "--flush-locks"]
            children.append(subprocess.Popen(consumer))
        self.stdout.write(f"Dân Vận đang chạy tại http://{bind}/  (Ctrl-C để dừng)")

        def stop(*_: object) -> None:
            for child in children:
                if child.poll() is None:
                    child.terminate()

        # Both signals explicitly: a shell that starts us in the background ignores SIGINT.
        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        try:
            while all(child.poll() is None for child in children):
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
        finally:
            stop()
            for child in children:
                try:
                    child.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    child.kill()
        failed = [c for c in children if c.returncode not in (0, -signal.SIGTERM, None)]
        if failed:
            raise UserError("Một tiến trình đã dừng bất thường; xem nhật ký phía trên.")
