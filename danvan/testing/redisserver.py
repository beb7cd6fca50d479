"""Throw-away Redis servers for tests: Debian's ``redis-server`` on a free port, no persistence.

Never the shared one on 6379: a test that stops Redis or counts keys must own its server. Used
by ``core/tests/test_redis_down.py`` (Redis stopped and started again), ``core/tests/
test_ratelimit_redis.py`` (rate limits shared through Redis) and ``ops/tests/
test_multi_server.py`` (two app servers, one Redis).
"""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REDIS_BIN = shutil.which("redis-server")


def missing() -> str | None:
    """Why a throw-away Redis cannot be started here, or None when it can."""
    return None if REDIS_BIN else "needs Debian's redis-server (apt-get install redis-server)"


def start(port: int, folder: Path, log: Path | None = None) -> subprocess.Popen[bytes]:
    """Start redis-server on 127.0.0.1:``port`` (working directory ``folder``) and wait until it
    accepts connections."""
    assert REDIS_BIN is not None, missing()
    output = log.open("ab") if log is not None else subprocess.DEVNULL
    server = subprocess.Popen(
        [REDIS_BIN, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no", "--dir", str(folder)],
        stdout=output, stderr=subprocess.STDOUT,
    )  # fmt: skip
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return server
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                stop(server)
                raise AssertionError(f"redis-server did not start on port {port}") from None
            time.sleep(0.1)


def stop(server: subprocess.Popen[bytes]) -> None:
    """Kill it at once, as when its machine dies (nothing is persisted anyway)."""
    if server.poll() is None:
        server.send_signal(signal.SIGKILL)
        server.wait(timeout=10)


@contextmanager
def redis_server(folder: Path, port: int, log: Path | None = None) -> Iterator[int]:
    """A running redis-server on ``port`` for the ``with`` block; yields the port."""
    server = start(port, folder, log)
    try:
        yield port
    finally:
        stop(server)
