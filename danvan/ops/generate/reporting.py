"""Reporting: a monthly form that communes and departments report, years of submissions and
their values (≈ 12 million national: 50 elements × 60 months × ≈ 4,000 units), province totals.

Each month is one chunk: its submissions (96 % of the units report, 90 % approved, 12 % late)
and their values. On PostgreSQL the submissions go in with COPY and the values with one
``INSERT … SELECT`` on the server (every derived column of a value — form, period, unit, path,
approved — taken from its submission and unit), with the secondary indexes dropped during the
load and built again after; elsewhere through ``bulk_create``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import connection

from .base import Context, bulk_write, drop_indexes, part, restore_indexes

FORM_CODE = "bench_national_50"
TABLE = "reporting_datavalue"

# A value is a function of its submission and element ids: deterministic without a random
# stream per row (the same expression on the server and in Python).
VALUE_SQL = "((s.id * 7919 + e.id * 104729) %% 200)::numeric"


def value_of(submission_id: int, element_id: int) -> Decimal:
    return Decimal((submission_id * 7919 + element_id * 104729) % 200)


def the_form(ctx: Context) -> Any:
    from danvan.core.audit import SYSTEM
    from danvan.orgs.models import OrgUnit
    from danvan.reporting.models import ReportForm
    from danvan.reporting.services import ElementSpec, FormSpec, define_form

    form = ReportForm.objects.filter(code=FORM_CODE).first()
    if form is not None:
        return form
    department = OrgUnit.objects.filter(kind="department").order_by("path").first()
    assert department is not None, "the orgs part runs first"
    return define_form(
        FormSpec(
            code=FORM_CODE,
            name=f"Báo cáo tháng ({ctx.size.report_elements} chỉ tiêu) — dữ liệu sinh tự động",
            owner=department,
            recipient=department,
            assigned_root=None,
            period_type="monthly",
            assigned_kinds=["commune", "department"],
            elements=[
                ElementSpec(f"e{i:02d}", f"Chỉ tiêu {i}") for i in range(ctx.size.report_elements)
            ],
        ),
        actor=SYSTEM,
    )


@part("reporting")
def generate(ctx: Context) -> None:
    """a monthly report form, its submissions and values, province totals"""
    from danvan.reporting import rollup
    from danvan.reporting.models import Submission
    from danvan.reporting.periods import periods_of_year

    done = ctx.finished_chunks()
    if "form" not in done:
        with ctx.chunk("form") as written:
            the_form(ctx)
            written[0] += 1
    form = the_form(ctx)
    periods = [p for y in ctx.size.report_years for p in periods_of_year("monthly", y)]
    chosen = {c.pk for c in ctx.communes()}
    units = [
        pk
        # The units of today's map (after the 1/7/2025 reorganisation) report for every period,
        # the earlier ones too: the generated history is theirs.
        for pk, kind in form.assigned_units(periods[-1].end).values_list("id", "kind")
        if kind != "commune" or pk in chosen
    ]
    todo = [p for p in periods if p.code not in done]
    if todo:
        drop_indexes(ctx, TABLE)
        superuser = False
        if ctx.postgres:
            with connection.cursor() as cursor:
                cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
                superuser = bool(cursor.fetchone()[0])
        progress = ctx.progress("months", len(periods))
        progress.advance(len(periods) - len(todo))
        for period in todo:
            rng = ctx.rng(period.code)
            with ctx.chunk(period.code) as written:
                rows = []
                for unit_id in units:
                    roll = rng.random()
                    if roll < 0.04:
                        continue  # not reported
                    status = "approved" if roll < 0.94 else "submitted"
                    late = rng.random() < 0.12
                    day = period.due + dt.timedelta(days=rng.randint(1, 6) if late else 0)
                    when = dt.datetime.combine(day, dt.time(2, 0), tzinfo=dt.UTC)
                    reviewed = when + dt.timedelta(days=2) if status == "approved" else None
                    rows.append(
                        Submission(
                            form_id=form.pk,
                            unit_id=unit_id,
                            period=period.code,
                            period_start=period.start,
                            period_end=period.end,
                            due_on=period.due,
                            status=status,
                            version=3,
                            first_submitted_at=when,
                            submitted_at=when,
                            reviewed_at=reviewed,
                            created_at=when,
                            updated_at=when,
                        )  # fmt: skip
                    )
                written[0] += bulk_write(Submission, rows)
                written[0] += _values(ctx, form, period.code, superuser)
            progress.advance()
        restore_indexes(ctx, TABLE)
    if "totals" not in done:
        with ctx.chunk("totals") as written:
            rollup.rebuild(form.pk)
            written[0] += 0
    if ctx.postgres:
        with connection.cursor() as cursor:
            # The visibility map, for index-only scans of the consolidation (VACUUM cannot run
            # inside a transaction: a test's).
            if not connection.in_atomic_block:
                cursor.execute("VACUUM (ANALYZE) reporting_datavalue")
            cursor.execute("ANALYZE reporting_submission")
            cursor.execute("ANALYZE reporting_provincetotal")
            cursor.execute("ANALYZE orgs_orgunit")


def _values(ctx: Context, form: Any, period: str, superuser: bool) -> int:
    """The values of the period's submissions: one per element."""
    from danvan.reporting.models import DataElement, DataValue, Submission

    if ctx.postgres:
        with connection.cursor() as cursor:
            if superuser:
                # The rows are consistent by construction (ids read from the same tables in the
                # same statement): the foreign-key triggers would only check what is known.
                cursor.execute("SET LOCAL session_replication_role = replica")
            cursor.execute(
                f"""
                INSERT INTO reporting_datavalue
                    (submission_id, element_id, value, comment, form_id, period, unit_id, path,
                     approved)
                SELECT s.id, e.id, {VALUE_SQL}, '', s.form_id, s.period, s.unit_id, u.path,
                       s.status = 'approved'
                FROM reporting_submission s
                JOIN orgs_orgunit u ON u.id = s.unit_id
                JOIN reporting_dataelement e ON e.form_id = s.form_id
                WHERE s.form_id = %s AND s.period = %s
                """,  # noqa: S608 (constant expression)
                [form.pk, period],
            )
            count = int(cursor.rowcount)
            if superuser:
                cursor.execute("SET LOCAL session_replication_role = DEFAULT")
            return count
    elements = list(DataElement.objects.filter(form=form).values_list("id", flat=True))
    submissions = (
        Submission.objects.filter(form=form, period=period)
        .select_related("unit")
        .only("id", "form_id", "period", "status", "unit__path")
    )
    return bulk_write(
        DataValue,
        (
            DataValue.of(sub, eid, value_of(sub.pk, eid))
            for sub in submissions.iterator(chunk_size=2000)
            for eid in elements
        ),
    )
