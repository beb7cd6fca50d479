"""The process ``danvan serve`` becomes: starts gunicorn and the task consumer, watches both.

``danvan serve`` validates its options with Django loaded, then replaces itself (``exec``) with
this module, which imports no Django: a supervisor that only starts two programs and waits held
107 MB when it kept the whole application it had loaded to read its options (issue #17), and
now holds about 10 MB.

Ctrl-C or SIGTERM stops both children; if either dies the other is stopped too, so a supervisor
above us (systemd) sees the failure.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time


def commands(options: argparse.Namespace) -> list[list[str]]:
    web = [
        sys.executable, "-m", "gunicorn", "danvan.wsgi:application",
        # Preloaded application, frozen garbage collector: see serving/gunicorn_conf.py.
        "--config", "python:danvan.core.serving.gunicorn_conf",
        "--bind", options.bind,
        "--workers", str(options.workers),
        "--threads", str(options.threads),
        # A kept-alive connection stays with the worker that accepted it, and a worker runs
        # Python on one core at a time: a few busy clients pinned to one worker left the
        # other idle (intake bench: 114 instead of 180 requests/s). Behind a reverse proxy
        # every request is a new connection anyway.
        "--keep-alive", os.environ.get("WEB_KEEPALIVE", "0"),
        # No gunicorn access log: the application writes the request line (danvan.request)
        # with its request id and user id, and without the query string, where a search for a
        # person's name would otherwise be kept.
        "--forwarded-allow-ips", os.environ.get("FORWARDED_ALLOW_IPS", ""),
    ]  # fmt: skip
    result = [web]
    if not options.no_consumer:
        # --skip-checks: Django's system checks load the whole URL configuration (every view,
        # the API and its schemas: 23 MB) into a process that serves no request; ``danvan
        # serve`` has just run them before it became this supervisor.
        consumer = [
            sys.executable,
            "-m",
            "danvan.cli",
            "run_huey",
            "--flush-locks",
            "--skip-checks",
        ]
        result.append(consumer)
    return result


def run(options: argparse.Namespace) -> int:
    children = [subprocess.Popen(command) for command in commands(options)]
    print(f"Dân Vận đang chạy tại http://{options.bind}/  (Ctrl-C để dừng)", flush=True)

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
                child.wait()
    failed = [c for c in children if c.returncode not in (0, -signal.SIGTERM, None)]
    if failed:
        print("Lỗi: Một tiến trình đã dừng bất thường; xem nhật ký phía trên.", file=sys.stderr)
        return 2
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="danvan serve")
    parser.add_argument("--bind", required=True)
    parser.add_argument("--workers", type=int, required=True)
    parser.add_argument("--threads", type=int, required=True)
    parser.add_argument("--no-consumer", action="store_true")
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
