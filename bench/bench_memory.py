"""Memory of a running demo server (``danvan serve``) and the throughput it keeps.

Starts ``danvan serve`` on the demo database (``danvan bootstrap`` in a temporary var
directory, or BENCH_VAR_DIR when given), then reads ``/proc/<pid>/smaps_rollup`` of every
process of the tree: the supervisor, the gunicorn master, each web worker and the task
consumer. PSS (proportional set size) is the honest figure: pages shared by forked workers are
divided between them, so the sum of PSS is what the server really holds; RSS counts each shared
page once per process. Figures are printed idle (after a warm-up that reaches every worker) and
at their peak while ``wrk`` loads ``/healthz`` and one database page (the public reception
calendar) for BENCH_SECONDS seconds each.

Goal (issue #17): the whole demo server under 500 MB (sum of PSS at peak) without losing
throughput.

Run: ``.venv/bin/python bench/bench_memory.py`` (BENCH_PORT, default 8765; BENCH_SECONDS,
default 10; BENCH_CONNECTIONS, default 8; WEB_WORKERS and the other ``danvan serve`` variables
pass through). BENCH_SOURCE names a directory holding another version's ``danvan`` package
(``git archive OLD danvan | tar -x -C DIR``) to measure it with the same interpreter and
database, for a before/after comparison. Without ``wrk`` (Debian package) the load comes from
Python threads.
"""

from __future__ import annotations

import http.client
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import results  # bench/results.py: the one writer of var/bench/results.jsonl

ROOT = Path(__file__).resolve().parent.parent
DANVAN = str(Path(sys.executable).with_name("danvan"))
PORT = int(os.environ.get("BENCH_PORT", "8765"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))
GOAL_MB = 500
URLS = ["/healthz", "/portal/reception/"]


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        # The command name may hold spaces and parentheses: the ppid follows the last ")".
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(ppid, []).append(int(entry))
    return tree


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode().strip()
    except OSError:
        return ""


def processes(root: int) -> dict[int, str]:
    """Every process under ``root`` (itself included), named by its role."""
    tree = _children()
    roles = {root: "supervisor"}
    frontier = [root]
    while frontier:
        pid = frontier.pop()
        for child in tree.get(pid, []):
            cmd = _cmdline(child)
            if "run_huey" in cmd:
                roles[child] = "consumer"
            elif roles.get(pid) == "gunicorn master":
                roles[child] = "web worker"
            elif "gunicorn" in cmd:
                roles[child] = "gunicorn master"
            else:
                roles[child] = cmd.split(" ", 1)[0] or "?"
            frontier.append(child)
    return roles


def memory(pid: int) -> tuple[int, int] | None:
    """RSS and PSS of ``pid`` in kB, or None when it has gone."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return None
    rss = int(re.search(r"^Rss:\s+(\d+)", text, re.M).group(1))  # type: ignore[union-attr]
    pss = int(re.search(r"^Pss:\s+(\d+)", text, re.M).group(1))  # type: ignore[union-attr]
    return rss, pss


def high_water(pid: int) -> int:
    """Peak RSS of ``pid`` in kB over its whole life (VmHWM)."""
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    match = re.search(r"^VmHWM:\s+(\d+)", text, re.M)
    return int(match.group(1)) if match else 0


class Sampler(threading.Thread):
    """Polls every process of the tree and keeps each one's and the total's peak."""

    def __init__(self, root: int) -> None:
        super().__init__(daemon=True)
        self.root = root
        self.peak: dict[int, tuple[int, int]] = {}
        self.peak_total = 0
        self.running = True

    def sample(self) -> None:
        total = 0
        for pid in processes(self.root):
            figures = memory(pid)
            if figures is None:
                continue
            rss, pss = figures
            old = self.peak.get(pid, (0, 0))
            self.peak[pid] = (max(old[0], rss), max(old[1], pss))
            total += pss
        self.peak_total = max(self.peak_total, total)

    def run(self) -> None:
        while self.running:
            self.sample()
            time.sleep(0.2)


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time the processes have used so far."""
    ticks = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
    return ticks / os.sysconf("SC_CLK_TCK")


def get(path: str) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=10)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


def wait_ready(server: subprocess.Popen[bytes], timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"danvan serve stopped (exit {server.returncode})")
        try:
            if get("/healthz") == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit("danvan serve did not answer /healthz in time")


def load(path: str) -> tuple[float, float, int]:
    """Requests per second, p99 in ms and requests served of ``wrk`` (or threads) on ``path``."""
    if shutil.which("wrk"):
        out = subprocess.run(
            ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--latency", "--timeout", "10s",
             f"http://127.0.0.1:{PORT}{path}"],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
        p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
        assert p99 is not None, out
        scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[p99.group(2)]
        bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
        if bad:
            print(f"   !! {bad.group(1)} responses were not 2xx/3xx on {path}")
        count = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
        return rate, float(p99.group(1)) * scale, count
    latencies: list[float] = []
    stop_at = time.perf_counter() + SECONDS

    def client() -> None:
        while time.perf_counter() < stop_at:
            started = time.perf_counter()
            get(path)
            latencies.append((time.perf_counter() - started) * 1000)

    threads = [threading.Thread(target=client) for _ in range(CONNECTIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()
    return len(latencies) / SECONDS, latencies[int(len(latencies) * 0.99)], len(latencies)


def report(title: str, roles: dict[int, str], figures: dict[int, tuple[int, int]]) -> int:
    print(f"\n{title}")
    print(f"   {'process':<16} {'pid':>7} {'RSS MB':>8} {'PSS MB':>8}")
    total = 0
    for pid, role in sorted(roles.items(), key=lambda item: (item[1], item[0])):
        if pid not in figures:
            continue
        rss, pss = figures[pid]
        total += pss
        print(f"   {role:<16} {pid:>7} {rss / 1024:>8.1f} {pss / 1024:>8.1f}")
    print(f"   {'total (PSS)':<16} {'':>7} {'':>8} {total / 1024:>8.1f}")
    return total


def main() -> int:
    env = dict(os.environ, PORT=str(PORT), LOG_LEVEL="WARNING")
    var_dir = os.environ.get("BENCH_VAR_DIR")
    created = not var_dir
    if not var_dir:
        var_dir = tempfile.mkdtemp(prefix="danvan-bench-memory-")
        env["DANVAN_VAR_DIR"] = var_dir
        env.pop("DATABASE_URL", None)
        print(f"demo database in {var_dir} (danvan bootstrap)…", flush=True)
        subprocess.run([DANVAN, "bootstrap"], env=env, check=True, stdout=subprocess.DEVNULL)
    else:
        env["DANVAN_VAR_DIR"] = var_dir
    source = os.environ.get("BENCH_SOURCE")
    command = [DANVAN, "serve"]
    if source:
        env["PYTHONPATH"] = source
        command = [sys.executable, "-m", "danvan.cli", "serve"]
    server = subprocess.Popen(
        command, env=env, cwd=source or ROOT, start_new_session=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        wait_ready(server)
        # Warm-up: enough requests that every worker has served both pages once.
        for _ in range(40):
            for path in URLS:
                get(path)
        time.sleep(2)
        roles = processes(server.pid)
        idle = {pid: m for pid in roles if (m := memory(pid)) is not None}
        report("idle after warm-up", roles, idle)

        sampler = Sampler(server.pid)
        sampler.start()
        # CPU time of the web processes per request: what the server can sustain per core,
        # steadier than requests/s on a machine other work shares.
        web = [pid for pid, role in roles.items() if role in {"web worker", "gunicorn master"}]
        rates = {}
        for path in URLS:
            cpu = cpu_seconds(web)
            rate, p99, count = load(path)
            rates[path] = (rate, p99, (cpu_seconds(web) - cpu) * 1000 / max(count, 1))
        sampler.running = False
        sampler.join()
        roles = processes(server.pid)
        report("peak under load (each process's own peak)", roles, sampler.peak)
        print(f"   peak of the total PSS at one instant: {sampler.peak_total / 1024:.1f} MB")
        print("   peak RSS over each process's life (VmHWM):")
        for pid, role in sorted(roles.items(), key=lambda item: (item[1], item[0])):
            print(f"     {role:<16} {pid:>7} {high_water(pid) / 1024:>8.1f} MB")
        print(f"\nthroughput, wrk {CONNECTIONS} connections × {SECONDS} s:")
        for path, (rate, p99, cpu_ms) in rates.items():
            print(
                f"   {path:<22} {rate:>8.1f} requests/s   p99 {p99:>7.1f} ms   "
                f"{cpu_ms:>5.1f} ms CPU per request in the web processes"
            )
        results.record(
            "memory.demo_server.peak_pss", sampler.peak_total / 1024, "MB", database="sqlite",
            goal=f"< {GOAL_MB} MB",
        )  # fmt: skip
        by_role: dict[str, float] = {}
        for pid, role in roles.items():
            by_role[role] = max(by_role.get(role, 0.0), sampler.peak.get(pid, (0, 0))[1] / 1024)
        for role, peak in sorted(by_role.items()):
            name = role.replace(" ", "_")
            results.record(f"memory.{name}.peak_pss", peak, "MB", database="sqlite")
        for path, (rate, p99, cpu_ms) in rates.items():
            name = "healthz" if path == "/healthz" else "portal_reception"
            results.record(f"memory.load.{name}.rate", rate, "req/s", database="sqlite")
            results.record(f"memory.load.{name}.p99", p99, "ms", database="sqlite")
            results.record(f"memory.load.{name}.cpu_per_request", cpu_ms, "ms", database="sqlite")
        verdict = "met" if sampler.peak_total / 1024 < GOAL_MB else "MISSED"
        print(
            f"\ngoal: whole server < {GOAL_MB} MB PSS — {verdict} "
            f"({sampler.peak_total / 1024:.1f} MB)"
        )
    finally:
        # The supervisor stops its children on SIGTERM; the group kill is the safety net.
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            pass
        try:
            os.killpg(server.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        if created:
            shutil.rmtree(var_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
