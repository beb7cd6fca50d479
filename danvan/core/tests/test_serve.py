"""``danvan serve``: a supervisor without Django, workers forked from a preloaded application."""

from __future__ import annotations

import io
import subprocess
import sys
from typing import Any

import pytest
from django.core.management import call_command

from danvan.core.errors import UserError
from danvan.core.serving import gunicorn_conf, supervisor


def test_the_supervisor_imports_no_django() -> None:
    code = (
        "import sys, danvan.core.serving.supervisor as s, danvan.core.serving.gunicorn_conf; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_serve_becomes_the_supervisor(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[list[str]] = []

    def fake_execv(path: str, argv: list[str]) -> None:
        calls.append(argv)

    monkeypatch.setattr("os.execv", fake_execv)
    call_command("serve", "--port", "8799", "--workers", "3", "--no-consumer", stdout=io.StringIO())
    (argv,) = calls
    assert argv[1:3] == ["-m", "danvan.core.serving.supervisor"]
    assert argv[argv.index("--bind") + 1] == "127.0.0.1:8799"
    assert argv[argv.index("--workers") + 1] == "3"
    assert "--no-consumer" in argv


@pytest.mark.parametrize("option", [["--port", "0"], ["--port", "http"], ["--workers", "0"]])
def test_serve_refuses_bad_options_in_vietnamese(
    monkeypatch: pytest.MonkeyPatch, option: list[str]
) -> None:
    monkeypatch.setattr("os.execv", lambda *a: pytest.fail("must not start"))
    with pytest.raises(UserError) as caught:
        call_command("serve", *option, stdout=io.StringIO())
    assert "không hợp lệ" in caught.value.message or "phải từ 1" in caught.value.message


def test_gunicorn_preloads_and_starts_each_worker_with_the_master_frozen() -> None:
    cmd = supervisor.commands(
        supervisor.argparse.Namespace(bind="127.0.0.1:1", workers=2, threads=1, no_consumer=False)
    )
    web, consumer = cmd
    assert web[web.index("--config") + 1] == "python:danvan.core.serving.gunicorn_conf"
    assert "run_huey" in consumer
    assert "--skip-checks" in consumer  # serve ran them; they would load every view
    assert gunicorn_conf.preload_app is True


def test_the_master_loads_urls_and_templates_before_forking() -> None:
    from django.template import engines

    engine: Any = engines["django"]
    gunicorn_conf.when_ready(server=None)
    loader = engine.engine.template_loaders[0]
    assert any("base.html" in str(key) for key in loader.get_template_cache)


def test_serve_answers_and_stops_with_its_children(tmp_path: Any) -> None:
    """The real thing: supervisor without Django, preloaded workers answering, clean stop."""
    import http.client
    import os
    import signal
    import socket
    import time
    from pathlib import Path

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE"}}
    env.update(DANVAN_VAR_DIR=str(tmp_path), DANVAN_ENV="demo", LOG_LEVEL="WARNING")
    server = subprocess.Popen(
        [sys.executable, "-m", "danvan.cli", "serve", "--port", str(port), "--workers", "2"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        status = None
        while time.monotonic() < deadline and status != 200:
            time.sleep(0.3)
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                conn.request("GET", "/healthz")
                status = conn.getresponse().status
                conn.close()
            except OSError:
                pass
        assert status == 200
        cmdline = Path(f"/proc/{server.pid}/cmdline").read_bytes().replace(b"\0", b" ")
        assert b"danvan.core.serving.supervisor" in cmdline  # same pid, exec'd
        status_text = Path(f"/proc/{server.pid}/status").read_text()
        rss_kb = int(next(x for x in status_text.splitlines() if x.startswith("VmRSS")).split()[1])
        assert rss_kb < 40_000  # about 12 MB; with Django loaded it was over 100 MB
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=30) == 0
        # Nothing of the group is left running.
        time.sleep(0.5)
        with pytest.raises(ProcessLookupError):
            os.killpg(server.pid, 0)
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGKILL)
