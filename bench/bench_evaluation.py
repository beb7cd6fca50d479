"""The yearly evaluation at national scale on PostgreSQL: every commune and department of the
country evaluated for one year, and one unit's scorecard page.

Data (``danvan generate``'s evaluation part and what it needs, generated once, reused when
present) in its own database ``dv_bench_evaluation``: the units of the 34 provinces, and for each
commune and department its yearly plans' tasks (some late), dialogues and a satisfaction
questionnaire's answers for one unit in ten, so every kind of computed criterion has rows to
count. One scheme per province (the model scheme, ``evaluation/data/model_scheme.py``).

Goals (issue #16): computing the evaluation of every commune and department of the country for
one year < 60 s (opening every province's round: every criterion of every unit computed from its
source and stored); one unit's scorecard page < 300 ms (p95). The reference of the page is
``GET /healthz`` through the same client.

Run: ``.venv/bin/python bench/bench_evaluation.py`` (``BENCH_SCALE=small`` for Cao Bằng only).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import results  # noqa: E402
import scales  # noqa: E402

DB_NAME = scales.use_postgres("evaluation")
DATABASE = f"postgresql:{DB_NAME}"
scales.temporary_var_dir()
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
os.environ.setdefault("LOG_LEVEL", "WARNING")
os.environ.setdefault("AXES_ENABLED", "false")
YEAR = 2025
RUNS = 30

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from danvan.evaluation import services  # noqa: E402
from danvan.evaluation.data.model_scheme import BANDS, BASIS, CAPS, GROUPS  # noqa: E402
from danvan.evaluation.models import Assessment, Scheme, SchemeStatus, Score  # noqa: E402
from danvan.orgs.models import OrgUnit, OrgUnitKind  # noqa: E402
from danvan.surveys.models import Questionnaire  # noqa: E402


def _admin():  # type: ignore[no-untyped-def]
    from django.contrib.auth import get_user_model

    model = get_user_model()
    admin = model.objects.filter(username="bench-admin").first()
    if admin is None:
        admin = model.objects.create(username="bench-admin", is_superuser=True, is_staff=True)
    return admin


def evaluated_units() -> list[OrgUnit]:
    return list(
        OrgUnit.objects.current().filter(kind__in=[OrgUnitKind.COMMUNE, OrgUnitKind.DEPARTMENT])
    )


def schemes() -> list[Scheme]:
    admin = _admin()
    out = []
    for province in OrgUnit.objects.current().filter(kind=OrgUnitKind.PROVINCE, parent=None):
        scheme = Scheme.objects.filter(owner=province, year=YEAR).first() or services.create_scheme(
            province, YEAR, title="Đánh giá, xếp loại", basis=BASIS, groups=GROUPS,
            bands=BANDS, caps=CAPS, actor=admin,
        )  # fmt: skip
        out.append(scheme)
    return out


def evaluate_country(all_schemes: list[Scheme]) -> tuple[float, int]:
    """Open every province's round from scratch; the seconds it took and the units evaluated."""
    Score.objects.all().delete()
    Assessment.objects.all().delete()
    Scheme.objects.update(status=SchemeStatus.DRAFT)
    admin = _admin()
    started = time.perf_counter()
    units = 0
    for scheme in all_schemes:
        scheme.refresh_from_db()
        units += services.open_round(scheme, scheme.version, actor=admin)
    return time.perf_counter() - started, units


def timed(fn) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    fn()
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        fn()
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.95) - 1]


def main() -> None:
    call_command("migrate", verbosity=0)
    print(f"database: {connection.vendor} ({DB_NAME})")
    scales.generate("evaluation")
    all_schemes = schemes()
    seconds, units = evaluate_country(all_schemes)
    scores = Score.objects.count()
    goal = "< 60 s" if scales.SCALE == "national" else None
    print(
        f"evaluation of {units} units ({scores} points) for {YEAR}: {seconds:.1f} s (goal < 60 s)"
    )
    results.record(
        "evaluation.country_round", seconds, "s", database=DATABASE, rows=units, goal=goal
    )

    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_static.models import StaticDevice

    admin = _admin()
    client = Client(HTTP_HOST="localhost")
    client.force_login(admin)
    device, _ = StaticDevice.objects.get_or_create(
        user=admin, name="bench", defaults={"confirmed": True}
    )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    reference = timed(lambda: client.get("/healthz"))
    # The unit with the most survey answers and tasks: a full scorecard.
    unit_id = Questionnaire.objects.values_list("owner_id", flat=True).first()
    assessment = Assessment.objects.filter(unit_id=unit_id).first() or Assessment.objects.first()
    assert assessment is not None
    page = f"/evaluation/units/{assessment.pk}/"
    assert client.get(page).status_code == 200
    median, p95 = timed(lambda: client.get(page))
    verdict = "ok" if p95 < 300 else "OVER GOAL"
    print(f"scorecard page: median {median:.1f} ms, p95 {p95:.1f} ms (goal < 300 ms) {verdict}")
    for stat, value, ref, g in (
        ("median", median, reference[0], None),
        ("p95", p95, reference[1], "< 300 ms"),
    ):
        results.record(
            f"evaluation.scorecard_page.{stat}", value, "ms", database=DATABASE, rows=scores,
            reference=f"GET /healthz ({stat})", reference_value=ref,
            goal=g if scales.SCALE == "national" else None,
        )  # fmt: skip
    print(f"command: BENCH_SCALE={scales.SCALE} .venv/bin/python bench/bench_evaluation.py")


if __name__ == "__main__":
    main()
