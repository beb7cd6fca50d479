"""Reliability of the whole API under schemathesis (issue 17).

Runs only when ``DANVAN_RELIABILITY`` is set: ``short`` (``.ci/run``: a few examples per
operation × caller × mode, a few minutes on two cores) or ``long`` (``make reliability``).
The demo province is loaded once into this module's transaction so that identifiers in paths
hit real petitions, plans, documents…; tokens of several roles drive the calls.
"""

from __future__ import annotations

import io
import logging
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

MODE = os.environ.get("DANVAN_RELIABILITY", "")
EXAMPLES = {"short": 4, "long": 25}

pytestmark = pytest.mark.skipif(
    MODE not in EXAMPLES, reason="set DANVAN_RELIABILITY=short|long (make reliability)"
)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker) -> Iterator[None]:  # type: ignore[no-untyped-def]
    from django.core.management import call_command
    from django.db import transaction

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command("demo", stdout=io.StringIO())
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def test_schemathesis_whole_api(demo: None, db: None, settings) -> None:  # type: ignore[no-untyped-def]
    from danvan.testing.reliability import issue_tokens, run

    settings.ALLOWED_HOSTS = ["*"]
    settings.DEBUG_PROPAGATE_EXCEPTIONS = False
    # Thousands of expected 4xx would each log a warning; a 5xx still logs as an error.
    requests_log = logging.getLogger("django.request")
    level = requests_log.level
    requests_log.setLevel(logging.ERROR)
    try:
        report = run(
            max_examples=EXAMPLES[MODE],
            tokens=issue_tokens(),
            deadline_seconds=float(os.environ.get("DANVAN_RELIABILITY_SECONDS", "0")) or None,
            operations=os.environ.get("DANVAN_RELIABILITY_ONLY") or None,
        )
    finally:
        requests_log.setLevel(level)
    summary = report.summary()
    out = Path(os.environ.get("DANVAN_RELIABILITY_REPORT", "var/reliability-schemathesis.txt"))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(summary + "\n", encoding="utf-8")
    print(summary)
    assert report.requests > 0 and not report.truncated
    assert report.server_errors == 0, summary
    assert report.schema_violations == 0, summary
    assert not report.undeclared, summary
    assert not report.findings, summary
