"""Schemathesis over the committed OpenAPI document, in process (WSGI), as several roles.

Every operation of ``docs/openapi.json`` is called with generated requests, valid and
invalid, once per caller: tokens of officials of several roles on the demo province, and no
credentials at all. Each response goes through schemathesis' checks and every failure is
*counted* instead of stopping at the first one, so a run says how many server errors, schema
violations and undeclared status codes there are, and where.

Used by ``danvan/core/tests/test_api_reliability.py`` (``make reliability`` for the long form,
``.ci/run`` for the short one). No network: the requests go straight to Django's WSGI handler.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from danvan.core.audit import SYSTEM

OPENAPI = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"

# The demo officials whose tokens drive the run: an officer of the province (may classify and
# move petitions), a reception officer of a ward, a read-only viewer and the Front supervisor.
ROLES = ("tinh.congchuc", "thucphan.tiepdan", "tinh.xem", "tinh.mttq")

# Path parameter → model whose ids are worth aiming at (random ids nearly always give 404).
PATH_MODELS = {
    "petition_id": "petitions.Petition",
    "attachment_id": "petitions.PetitionAttachment",
    "plan_id": "plans.Plan",
    "task_id": "plans.Task",
    "unit_id": "orgs.OrgUnit",
    "document_id": "documents.Document",
    "dialogue_id": "dialogues.Dialogue",
    "action_id": "dialogues.FollowUpAction",
    "form_id": "reporting.ReportForm",
    "submission_id": "reporting.Submission",
}

CHECK_NAMES = (
    "not_a_server_error",
    "status_code_conformance",
    "response_schema_conformance",
    "content_type_conformance",
)


@dataclass
class Finding:
    operation: str
    caller: str
    check: str
    status: int
    title: str
    curl: str


@dataclass
class Report:
    requests: int = 0
    findings: list[Finding] = field(default_factory=list)
    statuses: Counter[tuple[str, int]] = field(default_factory=Counter)
    seconds: float = 0.0
    operations: int = 0
    truncated: bool = False

    @property
    def server_errors(self) -> int:
        """Responses with a 5xx status (each one counted)."""
        return sum(n for (_op, status), n in self.statuses.items() if status >= 500)

    def distinct(self, check: str) -> set[tuple[str, int]]:
        return {(f.operation, f.status) for f in self.findings if f.check == check}

    @property
    def schema_violations(self) -> int:
        return sum(1 for f in self.findings if f.check == "response_schema_conformance")

    @property
    def undeclared(self) -> set[tuple[str, int]]:
        """(operation, status) pairs answered but not declared in the document."""
        return self.distinct("status_code_conformance")

    def summary(self) -> str:
        lines = [
            f"operations: {self.operations}, requests: {self.requests} in {self.seconds:.0f} s"
            + (" (stopped at the time budget)" if self.truncated else ""),
            f"server errors (5xx responses): {self.server_errors}",
            f"schema violations (responses): {self.schema_violations} "
            f"over {len(self.distinct('response_schema_conformance'))} operation×status",
            f"undeclared status codes (operation×status): {len(self.undeclared)}",
            f"content-type violations: {len(self.distinct('content_type_conformance'))}",
        ]
        seen: set[tuple[str, str, int]] = set()
        for f in self.findings:
            key = (f.operation, f.check, f.status)
            if key in seen:
                continue
            seen.add(key)
            lines.append(f"- [{f.check}] {f.operation} → {f.status} as {f.caller}: {f.title}")
            lines.append(f"    {f.curl}")
        return "\n".join(lines)


@contextmanager
def _django_keeps_connection() -> Iterator[None]:
    """Django's WSGI handler closes the connection after each request; inside a test
    transaction that would end the test's data. Django's own test client does the same."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def issue_tokens(usernames: tuple[str, ...] = ROLES) -> dict[str, str]:
    from danvan.accounts.models import User
    from danvan.accounts.services import issue_token

    tokens = {}
    for username in usernames:
        user = User.objects.get(username=username)
        _token, raw = issue_token(user, name="schemathesis", actor=SYSTEM)
        tokens[username] = raw
    return tokens


def known_ids() -> dict[str, list[int]]:
    from django.apps import apps

    ids: dict[str, list[int]] = {}
    for param, label in PATH_MODELS.items():
        model = apps.get_model(label)
        ids[param] = list(model.objects.order_by("pk").values_list("pk", flat=True)[:3])
    return ids


def run(
    *,
    max_examples: int,
    tokens: dict[str, str],
    deadline_seconds: float | None = None,
    seed: int = 17,
    operations: str | None = None,
) -> Report:
    """Run every operation (or those whose label contains ``operations``) and count failures."""
    import schemathesis
    from django.core.wsgi import get_wsgi_application
    from schemathesis import GenerationMode
    from schemathesis import checks as all_checks

    checks = [getattr(all_checks, name, None) for name in CHECK_NAMES]
    if any(c is None for c in checks):
        from schemathesis.specs.openapi import checks as openapi_checks

        checks = [
            getattr(all_checks, name, None) or getattr(openapi_checks, name) for name in CHECK_NAMES
        ]

    schema = schemathesis.openapi.from_dict(json.loads(OPENAPI.read_text(encoding="utf-8")))
    app = get_wsgi_application()
    schema.app = app
    report = Report()
    started = time.monotonic()
    ids = known_ids()
    callers: dict[str, dict[str, str]] = {
        name: {"Authorization": f"Bearer {raw}"} for name, raw in tokens.items()
    }
    callers["anonymous"] = {}

    for result in schema.get_all_operations():
        operation = result.ok()  # type: ignore[union-attr]
        label = operation.label
        if operations and operations not in label:
            continue
        report.operations += 1
        path_params = [p.name for p in operation.path_parameters]
        fixed: list[dict[str, Any] | None] = [None]
        if path_params and all(ids.get(p) for p in path_params):
            fixed.append({p: ids[p][0] for p in path_params})
        for caller, headers in callers.items():
            # Without credentials every operation is a 401 whatever is sent: one pass is enough.
            modes = [GenerationMode.POSITIVE] if not headers else list(GenerationMode)
            for mode in modes:
                for path_parameters in fixed if headers else [None]:
                    if deadline_seconds and time.monotonic() - started > deadline_seconds:
                        report.seconds = time.monotonic() - started
                        report.truncated = True
                        return report
                    kwargs: dict[str, Any] = {}
                    if path_parameters:
                        kwargs["path_parameters"] = path_parameters
                    try:
                        strategy = operation.as_strategy(generation_mode=mode, **kwargs)
                    except Exception:  # noqa: BLE001 - no negative form for this operation
                        continue

                    probe = _probe(
                        strategy, label, caller, headers, checks, report, max_examples, seed
                    )
                    with _django_keeps_connection():
                        probe()
    report.seconds = time.monotonic() - started
    return report


def _probe(
    strategy: Any,
    label: str,
    caller: str,
    headers: dict[str, str],
    checks: list[Any],
    report: Report,
    max_examples: int,
    seed: int,
) -> Any:
    """A hypothesis test calling one operation as one caller, recording instead of raising."""
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as hseed
    from schemathesis.core.failures import FailureGroup

    @hseed(seed)
    @settings(
        max_examples=max_examples,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def probe(case: Any) -> None:
        response = case.call(headers=headers)
        report.requests += 1
        report.statuses[(label, response.status_code)] += 1
        try:
            case.validate_response(response, checks=checks, headers=headers)
        except FailureGroup as group:
            for failure in group.exceptions:
                report.findings.append(
                    Finding(
                        label,
                        caller,
                        _check_name(failure),
                        response.status_code,
                        str(getattr(failure, "title", failure))[:300],
                        case.as_curl_command(headers=headers)[:600],
                    )
                )

    return probe


def _check_name(failure: Any) -> str:
    name = type(failure).__name__
    mapping = {
        "ServerError": "not_a_server_error",
        "UndefinedStatusCode": "status_code_conformance",
        "JsonSchemaError": "response_schema_conformance",
        "MalformedJson": "response_schema_conformance",
        "MissingContentType": "content_type_conformance",
        "UndefinedContentType": "content_type_conformance",
        "MalformedMediaType": "content_type_conformance",
    }
    return mapping.get(name, name)
