"""Reporting over the API: forms, periods, submissions with values, completeness, consolidation,
and bulk submission of values (JSON) for other systems.

No ``from __future__ import annotations`` here (django-ninja resolves annotations at runtime).
"""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from danvan.core.api_types import ApiError, Id, Int32, Pagination, Text, Year, model_text, text
from danvan.core.errors import UserError
from danvan.core.lists import filter_api, filter_schema
from danvan.core.scoping import get_object_for_user
from danvan.orgs.models import OrgUnit

from . import services
from .consolidation import completeness as compute_completeness
from .consolidation import consolidate, indicators
from .filters import ReportFormFilter, ReviewQueueFilter, SubmissionFilter
from .models import ReportForm, Submission
from .periods import periods_of_year

Period = model_text(Submission, "period")
Code = text(60)

router = Router(tags=["reporting"])
SubmissionQuery = filter_schema(SubmissionFilter)
ReviewQueueQuery = filter_schema(ReviewQueueFilter)
ReportFormQuery = filter_schema(ReportFormFilter)


class ElementOut(Schema):
    code: str
    name: str
    group: str
    value_type: str
    aggregation: str
    unit_label: str
    comment_when_missing: bool
    source: str = Field(
        "", description="Data source of the figure (e.g. petitions.received); empty: typed in."
    )


class FormOut(Schema):
    id: int
    code: str
    name: str
    period_type: str
    owner_id: int
    recipient_id: int
    assigned_root_id: int | None
    assigned_kinds: list[str]
    elements: list[ElementOut]


class PeriodOut(Schema):
    code: str
    start: dt.date
    end: dt.date
    due: dt.date


class ValueOut(Schema):
    code: str
    value: Decimal | None
    comment: str


class SubmissionOut(Schema):
    id: int
    form_id: int
    unit_id: int
    period: str
    status: str
    version: int
    due_on: dt.date
    first_submitted_at: dt.datetime | None
    on_time: bool | None
    review_comment: str
    values: list[ValueOut]
    narratives: dict[str, str]

    # A list reads these from the rows it prefetched (``_SUBMISSION_ROWS``); one report read
    # alone comes as the dict ``_submission_out`` builds.
    @staticmethod
    def resolve_values(obj: Any) -> Any:
        if isinstance(obj, dict):
            return obj["values"]
        return [{"code": v.element.code, "value": v.value, "comment": v.comment}
                for v in obj.values.all()]  # fmt: skip

    @staticmethod
    def resolve_narratives(obj: Any) -> Any:
        if isinstance(obj, dict):
            return obj["narratives"]
        return {n.section.code: n.text for n in obj.narratives.all()}


# A value as a client sends it: a number, a numeric string, yes/no, or nothing.
Value = int | float | bool | text(100) | None  # type: ignore[valid-type]


class SubmissionIn(Schema):
    unit_id: Id
    period: Period = Field(..., description="E.g. 2026-03, 2026-Q1, 2026-S1, 2026-N9, 2026.")  # type: ignore[valid-type]
    values: dict[Code, Value] = Field(  # type: ignore[valid-type]
        default_factory=dict, max_length=2000, description="Element code → value."
    )
    comments: dict[Code, Text] = Field(default_factory=dict, max_length=2000)  # type: ignore[valid-type]
    narratives: dict[Code, Text] = Field(  # type: ignore[valid-type]
        default_factory=dict, max_length=200, description="Section code → text."
    )
    submit: bool = Field(False, description="Send to the recipient after saving.")
    # Left out only to create a report (nobody can have read one yet); an existing report
    # without it is a 400, with an old one a 409.
    version: Int32 | None = Field(
        None,
        description="The version read: required once the report exists; a stale one gets 409.",
    )


class RefreshIn(Schema):
    version: Int32 = Field(..., description="The version read; a stale one is refused.")


class BulkIn(Schema):
    submissions: list[SubmissionIn] = Field(..., max_length=10_000)


Error = ApiError


class CompletenessCountsOut(Schema):
    expected: int
    submitted: int
    on_time: int
    late: int
    missing: int
    approved: int


class UnitStateOut(Schema):
    unit_id: int
    name: str
    state: str
    status: str | None


class CompletenessOut(Schema):
    period: PeriodOut
    counts: CompletenessCountsOut
    units: list[UnitStateOut]


class FigureOut(Schema):
    code: str
    name: str
    aggregation: str
    value: Decimal | None
    reported_by: int


class IndicatorOut(Schema):
    code: str
    name: str
    value: Decimal | None


class ConsolidatedOut(Schema):
    unit_id: int
    period: str
    figures: list[FigureOut]
    indicators: list[IndicatorOut]


def _form(request: HttpRequest, pk: Id) -> ReportForm:
    form = ReportForm.objects.visible_to(request.user).filter(pk=pk).first()
    if form is None:
        raise Http404
    return form


def _submission_out(submission: Submission) -> dict[str, Any]:
    return {
        "id": submission.pk, "form_id": submission.form_id, "unit_id": submission.unit_id,
        "period": submission.period, "status": submission.status, "version": submission.version,
        "due_on": submission.due_on, "first_submitted_at": submission.first_submitted_at,
        "on_time": submission.on_time, "review_comment": submission.review_comment,
        "values": [
            {"code": v.element.code, "value": v.value, "comment": v.comment}
            for v in submission.values.select_related("element")
        ],
        "narratives": {
            n.section.code: n.text for n in submission.narratives.select_related("section")
        },
    }  # fmt: skip


def _counts(c: Any) -> dict[str, int]:
    return {"expected": c.expected, "submitted": c.submitted, "on_time": c.on_time,
            "late": c.late, "missing": c.missing, "approved": c.approved}  # fmt: skip


@router.get("/forms", response=list[FormOut])
@paginate(Pagination)
def list_forms(request: HttpRequest, filters: Query[ReportFormQuery]) -> Any:  # type: ignore[valid-type]
    qs = ReportForm.objects.visible_to(request.user).prefetch_related("elements")
    return filter_api(ReportFormFilter, filters, qs, request)


# Not paged: the periods of one year of one form, at most twelve (monthly) by construction.
@router.get("/forms/{form_id}/periods", response=list[PeriodOut])
def list_periods(request: HttpRequest, form_id: Id, year: Year) -> Any:
    form = _form(request, form_id)
    return [
        {"code": p.code, "start": p.start, "end": p.end, "due": p.due}
        for p in periods_of_year(form.period_type, year, form)
    ]


_SUBMISSION_ROWS = ("values__element", "narratives__section")


@router.get("/forms/{form_id}/submissions", response=list[SubmissionOut])
@paginate(Pagination)
def list_submissions(request: HttpRequest, form_id: Id, filters: Query[SubmissionQuery]) -> Any:  # type: ignore[valid-type]
    form = _form(request, form_id)
    qs = Submission.objects.visible_to(request.user).filter(form=form)
    qs = qs.prefetch_related(*_SUBMISSION_ROWS)
    return filter_api(SubmissionFilter, filters, qs, request)


@router.get(
    "/review-queue",
    response=list[SubmissionOut],
    summary="Reports the caller may review (waiting ones unless `status` says otherwise)",
)
@paginate(Pagination)
def review_queue(request: HttpRequest, filters: Query[ReviewQueueQuery]) -> Any:  # type: ignore[valid-type]
    qs = Submission.objects.reviewable_by(request.user).prefetch_related(*_SUBMISSION_ROWS)
    return filter_api(ReviewQueueFilter, filters, qs, request)


@router.get("/submissions/{submission_id}", response=SubmissionOut)
def get_submission(request: HttpRequest, submission_id: Id) -> Any:
    return _submission_out(get_object_for_user(Submission, request.user, pk=submission_id))


def _save(request: HttpRequest, form: ReportForm, item: SubmissionIn) -> Submission:
    unit = get_object_for_user(OrgUnit, request.user, pk=item.unit_id)
    return services.submit_values(
        form, unit, item.period, values=item.values, comments=item.comments,
        narratives=item.narratives, send=item.submit, version=item.version, actor=request.user,
    )  # fmt: skip


@router.post("/forms/{form_id}/submissions", response={200: SubmissionOut, 400: Error})
def save_submission(request: HttpRequest, form_id: Id, payload: SubmissionIn) -> Any:
    """Save (and optionally send) one submission. A new submission starts with the figures of
    the elements that have a ``source`` taken from system data; the values sent replace them."""
    form = _form(request, form_id)
    try:
        return _submission_out(_save(request, form, payload))
    except services.ValuesInvalid as exc:
        return Status(400, {"detail": exc.message, "errors": exc.errors})


# Not a list to page: the answer of a write, the submissions the caller just sent (BulkIn bounds
# them), all or none.
@router.post("/forms/{form_id}/submissions/bulk", response={200: list[SubmissionOut], 400: Error})
def bulk_submissions(request: HttpRequest, form_id: Id, payload: BulkIn) -> Any:
    """All or nothing: one bad submission and none is saved (the message names it)."""
    from django.db import transaction

    form = _form(request, form_id)
    saved = []
    try:
        with transaction.atomic():
            for index, item in enumerate(payload.submissions, start=1):
                try:
                    saved.append(_save(request, form, item))
                except UserError as exc:
                    errors = getattr(exc, "errors", None)
                    raise services.ValuesInvalid(
                        {
                            **(errors or {}),
                            "": _(
                                "Report %(index)s (unit %(unit)s, period %(period)s): %(message)s"
                            )
                            % {
                                "index": index,
                                "unit": item.unit_id,
                                "period": item.period,
                                "message": exc.message,
                            },
                        }
                    ) from None
                except Http404:
                    raise UserError(
                        _("Report %(index)s: there is no unit %(unit)s in your scope.")
                        % {"index": index, "unit": item.unit_id}
                    ) from None
    except services.ValuesInvalid as exc:
        return Status(400, {"detail": exc.errors.get("", exc.message), "errors": exc.errors})
    return [_submission_out(s) for s in saved]


@router.post(
    "/submissions/{submission_id}/refresh-sources", response={200: SubmissionOut, 400: Error}
)
def refresh_sources(request: HttpRequest, submission_id: Id, payload: RefreshIn) -> Any:
    """Take the figures of the source-backed elements again from system data, overwriting the
    values typed for them (a draft or returned submission only; refused once submitted)."""
    submission = get_object_for_user(Submission, request.user, pk=submission_id)
    return _submission_out(
        services.refresh_from_sources(submission, version=payload.version, actor=request.user)
    )


@router.get("/forms/{form_id}/completeness", response=CompletenessOut)
def get_completeness(
    request: HttpRequest,
    form_id: Id,
    period: Period,  # type: ignore[valid-type]
    unit_id: Id | None = None,
) -> Any:
    form = _form(request, form_id)
    unit = services.unit_of_form(request.user, form, unit_id) or form.assigned_root
    if unit is None:
        raise UserError(_("Choose a unit (unit_id) for a national form."))
    if unit_id is None:
        services.unit_of_form(request.user, form, unit.pk)  # the area itself must be readable
    result = compute_completeness(form, period, unit)
    p = result.period
    return {
        "period": {"code": p.code, "start": p.start, "end": p.end, "due": p.due},
        "counts": _counts(result.counts),
        "units": [
            {"unit_id": s.unit.pk, "name": s.unit.name, "state": s.state,
             "status": s.submission.status if s.submission else None}
            for s in result.units
        ],
    }  # fmt: skip


@router.get("/forms/{form_id}/consolidated", response=ConsolidatedOut)
def get_consolidated(
    request: HttpRequest,
    form_id: Id,
    period: Period,  # type: ignore[valid-type]
    unit_id: Id,
) -> Any:
    form = _form(request, form_id)
    unit = services.unit_of_form(request.user, form, unit_id)
    assert unit is not None  # an id always names a unit or raises 404
    from .periods import period_for

    period_for(form, period)
    figures = consolidate(form, period, unit)
    return {
        "unit_id": unit.pk,
        "period": period,
        "figures": [f.__dict__ for f in figures.values()],
        "indicators": [i.__dict__ for i in indicators(form, figures)],
    }
