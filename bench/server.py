"""The one way a benchmark starts the real server: ``danvan serve`` as production runs it.

gunicorn (``--workers`` processes × ``--threads`` threads), DANVAN_ENV=production, DEBUG off,
persistent database connections, access log on stdout, no task consumer; on the database the
calling benchmark points ``DATABASE_URL`` at. Requests must carry ``X-Forwarded-Proto: https``
(production redirects plain HTTP, as the TLS proxy in front of it would have been passed).

Used by bench_petitions.py (intake) and bench_pages.py (the page crawl).
"""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: The server's SECRET_KEY: a benchmark that creates sessions itself (bench_pages.py) sets the
#: same one in its own process, since a session's auth hash is signed with it.
SECRET_KEY = "bench-" + "k" * 60
#: What every request to the server carries: the proxy's word that the client used HTTPS.
HEADERS = {"X-Forwarded-Proto": "https"}
#: Where the server's static files are collected, kept between runs (see collect_static).
STATIC_ROOT = ROOT / "var" / "bench" / "static"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def default_workers() -> int:
    """``danvan serve``'s own default: 2 × cores + 1 processes."""
    return 2 * (os.cpu_count() or 1) + 1


def production_env() -> dict[str, str]:
    """The environment ``danvan serve`` runs in: production settings on this checkout's code."""
    return {
        **os.environ,
        "PYTHONPATH": str(ROOT),  # this checkout's code, whatever the virtualenv was built from
        "DANVAN_ENV": "production",
        "DEBUG": "false",
        "SECRET_KEY": SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1",
        "DB_CONN_MAX_AGE": "600",
        "LOG_LEVEL": "WARNING",
        "STATIC_ROOT": str(STATIC_ROOT),
    }


def collect_static() -> None:
    """``collectstatic`` as production stores it (hashed names and a manifest), which a page
    needs before production settings can render it (an API answer does not)."""
    manifest = STATIC_ROOT / "staticfiles.json"
    sources = [p for p in (ROOT / "danvan").glob("**/static/**/*") if p.is_file()]
    if manifest.exists() and all(p.stat().st_mtime < manifest.stat().st_mtime for p in sources):
        return  # kept from an earlier run: hashing and compressing again takes 15 s
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT, env=production_env(), check=True,
    )  # fmt: skip
    print(f"  collectstatic (production storage) in {time.perf_counter() - started:.1f} s")


@contextmanager
def served(
    *, workers: int, threads: int = 1, boot_seconds: float = 120
) -> Iterator[tuple[int, subprocess.Popen[bytes]]]:
    """``danvan serve`` on a free port until ``/healthz`` answers 200; yields (port, process) and
    stops it (SIGTERM, then SIGKILL) on the way out."""
    port = free_port()
    env = production_env()
    # BENCH_SERVER_LOG=1 shows the server's log (a 500's traceback) instead of discarding it.
    log = None if os.environ.get("BENCH_SERVER_LOG") else subprocess.DEVNULL
    server = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "danvan"), "serve", "--no-consumer", "--port", str(port),
         "--workers", str(workers), "--threads", str(threads)],
        cwd=ROOT, env=env, stdout=log, stderr=log,
    )  # fmt: skip
    booting = time.perf_counter()
    try:
        while True:
            if server.poll() is not None:
                raise SystemExit(f"danvan serve stopped (exit {server.returncode})")
            if time.perf_counter() - booting > boot_seconds:
                raise SystemExit(f"danvan serve did not answer /healthz in {boot_seconds:.0f} s")
            try:
                probe = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                probe.request("GET", "/healthz", headers=HEADERS)
                if probe.getresponse().status == 200:
                    break
            except OSError:
                pass
            time.sleep(0.2)
        print(f"  gunicorn answered /healthz {time.perf_counter() - booting:.1f} s after start")
        yield port, server
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
