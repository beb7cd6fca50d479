"""Throw-away PostgreSQL clusters for tests that stop, kill or replicate a database.

Such a test must never touch the shared server (127.0.0.1:5432): it builds a cluster of its own
with Debian's binaries (``initdb`` as the ``postgres`` user, since initdb refuses root) in a
temporary directory, on a free port, with its socket and lock file there too, and removes it
all afterwards. :func:`replica_of` makes a streaming hot standby of one (``pg_basebackup -R``).
Used by ``core/tests/test_faults.py`` (the database stopped under load) and
``ops/tests/test_multi_server.py`` (two app servers, a replica serving read-only pages).
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PG_BIN = next(iter(sorted(glob.glob("/usr/lib/postgresql/*/bin"))), "")


def missing() -> str | None:
    """Why a throw-away cluster cannot be made here, or None when it can."""
    if not PG_BIN:
        return "needs Debian's PostgreSQL binaries (/usr/lib/postgresql/*/bin)"
    if shutil.which("runuser") is None or os.geteuid() != 0:
        return "needs root to run PostgreSQL's binaries as the postgres user"
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def as_postgres(*args: str, check: bool = True) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        ["runuser", "-u", "postgres", "--", *args], check=check, capture_output=True, timeout=120
    )


class Cluster:
    """One PostgreSQL server: its data directory under ``base``, listening on ``port``."""

    def __init__(self, base: Path, port: int, settings: dict[str, str] | None = None) -> None:
        self.base = base
        self.data = base / "data"
        self.port = port
        self.settings = {"listen_addresses": "127.0.0.1", "fsync": "off", **(settings or {})}

    def url(self, database: str = "postgres") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def start(self) -> None:
        options = f"-p {self.port} -k {self.base} " + " ".join(
            f"-c {name}={value}" for name, value in self.settings.items()
        )
        as_postgres(f"{PG_BIN}/pg_ctl", "-D", str(self.data), "-o", options,
                    "-l", str(self.base / "log"), "-w", "start")  # fmt: skip

    def stop(self, mode: str = "immediate", check: bool = True) -> None:
        as_postgres(f"{PG_BIN}/pg_ctl", "-D", str(self.data), "-m", mode, "stop", check=check)


def _new_base(prefix: str) -> Path:
    base = Path(tempfile.mkdtemp(prefix=prefix, dir="/tmp"))
    base.chmod(0o755)
    shutil.chown(base, "postgres")  # the server writes its socket and lock file here
    return base


@contextmanager
def _running(cluster: Cluster) -> Iterator[Cluster]:
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.stop(check=False)
        shutil.rmtree(cluster.base, ignore_errors=True)


@contextmanager
def cluster(prefix: str = "danvan-pg-", **settings: str) -> Iterator[Cluster]:
    """A new, empty, started cluster (trust authentication), gone when the block ends."""
    made = Cluster(_new_base(prefix), free_port(), settings)
    try:
        made.data.mkdir()
        shutil.chown(made.data, "postgres")
        as_postgres(f"{PG_BIN}/initdb", "-D", str(made.data), "-A", "trust", "-U", "postgres",
                    "--no-sync", "-E", "UTF8")  # fmt: skip
    except BaseException:
        shutil.rmtree(made.base, ignore_errors=True)
        raise
    with _running(made):
        yield made


@contextmanager
def replica_of(
    primary: Cluster, prefix: str = "danvan-replica-", **settings: str
) -> Iterator[Cluster]:
    """A streaming hot standby of ``primary`` (initdb's pg_hba trusts local replication).

    ``--checkpoint=fast``: the default spread checkpoint made the copy wait up to minutes.
    """
    made = Cluster(_new_base(prefix), free_port(), {"hot_standby": "on", **settings})
    try:
        as_postgres(f"{PG_BIN}/pg_basebackup", "-h", "127.0.0.1", "-p", str(primary.port),
                    "-U", "postgres", "-D", str(made.data), "-R", "-X", "stream",
                    "--no-sync", "--checkpoint=fast")  # fmt: skip
    except BaseException:
        shutil.rmtree(made.base, ignore_errors=True)
        raise
    with _running(made):
        yield made


__all__ = ["PG_BIN", "Cluster", "as_postgres", "cluster", "free_port", "missing", "replica_of"]
