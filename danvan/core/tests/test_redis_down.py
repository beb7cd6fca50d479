"""Faults (issue 17): Redis stops while ``REDIS_URL`` is set, then comes back.

The test starts a redis-server of its own on a free port (``danvan.testing.redisserver``, never
the shared one on 6379), a site on SQLite in a temporary directory with ``REDIS_URL`` pointing at it (Django's cache and huey's
queue), and a real task consumer. With Redis stopped:

- pages serve: health, the portal, the sign-in page, an official's dashboard and plan list
  (sessions are in the database; rate limits, counted in Redis, fall back to the database,
  ``core.ratelimit`` and ``core/tests/test_ratelimit_redis.py``);
- a request whose transaction enqueues a job after commit (a plan cascaded to the communes over
  the API, whose notices go out from the task consumer) still answers 200: the job cannot be
  enqueued, so the notices are sent in the request instead, and none is lost;
- the consumer keeps running.

Redis is started again on the same port: the same consumer, not restarted, runs the next job
(the notices of a second cascade). Skipped only without redis-server.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from danvan.testing import redisserver
from danvan.testing.pgcluster import free_port

ROOT = Path(__file__).resolve().parents[3]
pytestmark = pytest.mark.skipif(bool(redisserver.missing()), reason=redisserver.missing() or "")

SETUP = """
import django, json; django.setup()
from danvan.core.actors import SYSTEM
from danvan.orgs.services import create_unit
from danvan.accounts.services import create_official, assign_role, issue_token
from danvan.plans.services import create_plan

province = create_unit(name="UBND tỉnh Thử Redis", kind="province", key="rd-p1", actor=SYSTEM)
communes = [create_unit(name=f"UBND xã Thử {n}", kind="commune", key=f"rd-w{n}", parent=province,
                        actor=SYSTEM) for n in (1, 2)]
leader = create_official(username="rd.lanhdao", password=None, org_unit=province, actor=SYSTEM)
assign_role(leader, "leader", province, actor=SYSTEM)
for n, commune in enumerate(communes, start=1):
    officer = create_official(username=f"rd.congchuc{n}", password=None, org_unit=commune,
                              actor=SYSTEM)
    assign_role(officer, "officer", commune, actor=SYSTEM)
plans = [create_plan(owner=province, title=f"Kế hoạch thử Redis {n}", year_from=2026,
                     actor=SYSTEM).pk for n in (1, 2)]
print(json.dumps({"plans": plans,
                  "token": issue_token(leader, "thử redis", actor=SYSTEM)[1]}))
"""

REQUESTS = """
import django, json, sys; django.setup()
from django.test import Client
from danvan.accounts.models import User
from danvan.plans.models import ImplementationObligation
from danvan.notifications.models import Notification
from danvan.testing.fixtures import signed_in

data = json.loads(sys.argv[1])
answers = {}
anonymous = Client(raise_request_exception=False)
for url in ("/portal/", "/accounts/login/"):
    answers[url] = anonymous.get(url).status_code
health = anonymous.get("/healthz")
answers["/healthz"] = [health.status_code, health.json()["status"], health.json()["checks"]]
official = signed_in(User.objects.get(username="rd.lanhdao"))
official.raise_request_exception = False
for url in ("/dashboard/", "/plans/", f"/plans/{data['plan']}/"):
    answers[url] = official.get(url).status_code
api = Client(raise_request_exception=False)
response = api.post(
    f"/api/v1/plans/{data['plan']}/cascade", {"kinds": ["commune"], "due_on": "2026-12-31"},
    content_type="application/json",
    headers={"Authorization": f"Bearer {data['token']}"},
)
answers["cascade"] = response.status_code
print(json.dumps({
    "answers": answers,
    "obligations": ImplementationObligation.objects.filter(plan_id=data["plan"]).count(),
    "notices": Notification.objects.filter(recipient__username__startswith="rd.congchuc").count(),
}))
"""

NOTICES = """
import django; django.setup()
from danvan.notifications.models import Notification
print(Notification.objects.filter(recipient__username__startswith="rd.congchuc").count())
"""


@pytest.fixture
def site(tmp_path: Path) -> Iterator[dict[str, str]]:
    port = free_port()
    env = {
        **os.environ, "DANVAN_ENV": "demo", "DANVAN_VAR_DIR": str(tmp_path / "var"),
        "DJANGO_SETTINGS_MODULE": "danvan.settings", "REDIS_URL": f"redis://127.0.0.1:{port}/0",
        "ALLOWED_HOSTS": "testserver,localhost", "AXES_ENABLED": "false", "HUEY_WORKERS": "1",
        "REDIS_PORT_FOR_TEST": str(port),
    }  # fmt: skip
    env.pop("DATABASE_URL", None)
    yield env


def _python(env: dict[str, str], code: str, *args: str) -> str:
    done = subprocess.run([sys.executable, "-c", code, *args], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=300)  # fmt: skip
    assert done.returncode == 0, done.stderr[-4000:]
    return done.stdout.strip().splitlines()[-1]


def test_pages_serve_and_jobs_resume_when_redis_stops(site: dict[str, str], tmp_path: Path) -> None:
    env = site
    port = int(env["REDIS_PORT_FOR_TEST"])
    redis = redisserver.start(port, tmp_path)
    log = tmp_path / "consumer.log"
    consumer = None
    try:
        subprocess.run([sys.executable, "manage.py", "migrate", "-v", "0"], env=env, cwd=ROOT,
                       check=True, capture_output=True, timeout=600)  # fmt: skip
        data = json.loads(_python(env, SETUP))
        consumer = subprocess.Popen(
            [sys.executable, "manage.py", "run_huey", "--workers", "1", "--no-periodic"],
            env=env, cwd=ROOT, stdout=log.open("ab"), stderr=subprocess.STDOUT,
        )  # fmt: skip
        time.sleep(2)

        redisserver.stop(redis)
        first, second = data["plans"]
        down = json.loads(_python(env, REQUESTS, json.dumps({**data, "plan": first})))
        # The health check tells the truth (Redis is down) while the pages serve, and stays
        # 200 so that a load balancer keeps the server in.
        redis_down = [200, "degraded", {"database": "ok", "redis": "down"}]
        assert down["answers"] == {"/healthz": redis_down, "/portal/": 200,
                                   "/accounts/login/": 200, "/dashboard/": 200, "/plans/": 200,
                                   f"/plans/{first}/": 200, "cascade": 200}, down  # fmt: skip
        assert down["obligations"] == 2, down
        assert down["notices"] == 2, f"the communes were not told while the queue was down {down}"
        assert consumer.poll() is None, "the consumer died with Redis: " + log.read_text()[-2000:]

        redis = redisserver.start(port, tmp_path)
        up = json.loads(_python(env, REQUESTS, json.dumps({**data, "plan": second})))
        assert up["answers"]["cascade"] == 200 and up["obligations"] == 2, up
        assert up["answers"]["/healthz"] == [200, "ok", {"database": "ok", "redis": "ok"}], up
        # The same consumer, not restarted, takes the job from Redis and tells the communes.
        deadline = time.monotonic() + 60
        while int(_python(env, NOTICES)) < 4:
            assert time.monotonic() < deadline, (
                "no job ran after Redis came back:\n" + (log.read_text()[-3000:])
            )
            time.sleep(1)
        assert consumer.poll() is None
        time.sleep(2)
        assert int(_python(env, NOTICES)) == 4, "a notice was sent twice"
    finally:
        if consumer is not None:
            consumer.terminate()
            try:
                consumer.wait(timeout=10)
            except subprocess.TimeoutExpired:
                consumer.kill()
        redisserver.stop(redis)
