"""Faults (issue 17): the database stops under load, then comes back.

Runs with the reliability suite only (``DANVAN_RELIABILITY=short|long``, ``make reliability``):
it builds a PostgreSQL cluster of its own on a free port (never the shared one), serves the
app from gunicorn against it, and while clients file petitions with Idempotency-Keys it stops
the database and starts it again. Requests made while it is down must fail fast with the
Vietnamese 503; the same server must recover without a restart; every acknowledged petition
is stored exactly once, and no petition is stored without its first workflow event.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from danvan.testing import appserver, pgcluster
from danvan.testing.appserver import post_petition as _post

MODE = os.environ.get("DANVAN_RELIABILITY", "")
ROOT = Path(__file__).resolve().parents[3]

pytestmark = [
    pytest.mark.skipif(MODE not in {"short", "long"}, reason="set DANVAN_RELIABILITY"),
    pytest.mark.skipif(bool(pgcluster.missing()), reason=pgcluster.missing() or ""),
]

CHECK = """
import django, json; django.setup()
from django.db.models import Count
from danvan.petitions.models import Petition
rows = Petition.objects.annotate(n=Count("events")).values_list("intake_key", "n")
print(json.dumps({"petitions": len(rows), "keys": len({k for k, _ in rows}),
                  "without_one_event": sum(1 for _, n in rows if n != 1)}))
"""


@pytest.fixture
def cluster() -> Iterator[pgcluster.Cluster]:
    with pgcluster.cluster(prefix="danvan-fault-") as made:
        yield made


def test_the_database_stops_and_comes_back_under_load(cluster: pgcluster.Cluster) -> None:
    var = tempfile.mkdtemp(prefix="danvan-fault-var-")
    env = {
        **os.environ, "DANVAN_ENV": "demo", "DANVAN_VAR_DIR": var, "AXES_ENABLED": "false",
        "DATABASE_URL": cluster.url(),
        "DJANGO_SETTINGS_MODULE": "danvan.settings", "DB_CONNECT_TIMEOUT": "2",
    }  # fmt: skip
    env.pop("REDIS_URL", None)
    unit_id, token = appserver.prepare(env)
    acknowledged: set[str] = set()
    with appserver.gunicorn(env) as base:
        url = f"{base}/api/v1/petitions/"
        for n in range(10):
            status, body, _ = _post(url, token, unit_id, f"before-{n}")
            assert status == 201, body
            acknowledged.add(f"before-{n}")

        cluster.stop()
        refused = [_post(url, token, unit_id, f"during-{n}") for n in range(6)]
        for status, body, seconds in refused:
            assert status == 503, body
            assert "cơ sở dữ liệu" in body["detail"]
            assert seconds < 6, f"a request waited {seconds:.1f} s for a dead database"

        cluster.start()
        # The same server, not restarted, answers again; the refused requests are retried.
        deadline = time.monotonic() + 30
        while True:
            status, body, _ = _post(url, token, unit_id, "during-0")
            if status == 201 or time.monotonic() > deadline:
                break
            time.sleep(0.5)
        assert status == 201, body
        for n in range(6):
            status, body, _ = _post(url, token, unit_id, f"during-{n}")
            assert status == 201, body
            acknowledged.add(f"during-{n}")
        # Retrying what was acknowledged before stores nothing new.
        assert _post(url, token, unit_id, "before-3")[0] == 201
    check = subprocess.run(
        [sys.executable, "-c", CHECK], env=env, check=True, cwd=ROOT, capture_output=True, text=True
    )
    stored = json.loads(check.stdout)
    assert stored == {"petitions": len(acknowledged), "keys": len(acknowledged),
                      "without_one_event": 0}  # fmt: skip
    shutil.rmtree(var, ignore_errors=True)
