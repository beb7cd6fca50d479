"""API of the deadlines app: the legal deadline engine under /api/v1/deadlines/.

Deadline rules and the working calendar are public legal facts, the same for every org unit:
any authenticated caller (session or token) may read them and compute with them, so these
endpoints are not scoped to the caller's org units.
"""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from danvan.core.api_types import text

from .engine import compute_due_date, parse_day
from .models import DeadlineRule

deadlines_router = Router(tags=["deadlines"])
# A day as the engine parses it: YYYY-MM-DD or DD/MM/YYYY.
Day = text(20)


class DeadlineRuleOut(Schema):
    rule_id: str
    name: str
    start_event: str
    duration: int
    unit: str
    complex_duration: int | None
    remote_duration: int | None
    remote_complex_duration: int | None
    extension_days: int | None
    max_extensions: int
    complex_max_extensions: int | None
    legal_basis: str
    effective_from: dt.date
    effective_to: dt.date | None
    note: str


class DueDateOut(Schema):
    rule_id: str
    rule_name: str
    start: dt.date
    due_date: dt.date
    days: int
    unit: str
    basis: str
    explanation: str


# Not paged: the catalogue of legal deadline rules and their versions (data loaded by
# migrations from the laws, a few dozen rows), read whole by clients that compute due dates.
@deadlines_router.get(
    "/rules", response=list[DeadlineRuleOut], summary="Deadline rules and their legal basis"
)
def list_rules(request: HttpRequest, on: Day | None = None) -> list[DeadlineRule]:  # type: ignore[valid-type]
    """Every version of every rule, or only those in force on ``on`` (YYYY-MM-DD)."""
    qs = DeadlineRule.objects.order_by("rule_id", "effective_from")
    if on:
        qs = qs.in_force(parse_day(on))
    return list(qs)


class ComputeQuery(Schema):
    rule: text(60) = Field(..., description="Rule id, e.g. complaint.first (see /rules).")  # type: ignore[valid-type]
    start: text(20) = Field(  # type: ignore[valid-type]
        ..., description="Day of the start event: YYYY-MM-DD or DD/MM/YYYY."
    )
    complex: bool = Field(False, description="Complex case (vụ việc phức tạp).")
    remote: bool = Field(False, description="Remote, hard-to-reach area (vùng sâu, vùng xa).")
    extensions: int = Field(0, ge=0, le=10, description="Number of extensions (gia hạn).")
    especially_complex: bool = Field(
        False, description="Especially complex case (vụ việc đặc biệt phức tạp)."
    )


@deadlines_router.get("/compute", response=DueDateOut, summary="Compute a due date")
def compute(request: HttpRequest, params: Query[ComputeQuery]) -> dict[str, object]:
    due = compute_due_date(
        params.rule,
        parse_day(params.start),
        complex=params.complex,
        remote=params.remote,
        extensions=params.extensions,
        especially_complex=params.especially_complex,
    )
    return {
        "rule_id": due.rule.rule_id,
        "rule_name": due.rule.name,
        "start": due.start,
        "due_date": due.due_date,
        "days": due.days,
        "unit": due.unit,
        "basis": due.basis,
        "explanation": due.explanation,
    }
