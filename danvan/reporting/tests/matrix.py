"""Reporting rows of the permission matrix (merged by accounts/tests/test_permission_matrix.py)."""

from __future__ import annotations

from collections.abc import Callable

from django.db import models

from danvan.accounts.models import RoleCode
from danvan.core.audit import SYSTEM
from danvan.orgs.models import OrgUnit
from danvan.reporting.models import (
    DataElement,
    DataValue,
    FormSection,
    Indicator,
    NarrativeText,
    PeriodRule,
    ProvinceTotal,
    ReportForm,
    Submission,
    ValidationRule,
)
from danvan.reporting.services import ElementSpec, FormSpec, define_form


def _form(unit: OrgUnit) -> ReportForm:
    return define_form(
        FormSpec(
            code=f"matrix_{unit.pk}", name="Biểu mẫu", owner=unit, recipient=unit,
            assigned_root=unit, period_type="monthly", assigned_kinds=[unit.kind],
            sections=[("ket_qua", "Kết quả", "")],
            elements=[ElementSpec("a", "A"), ElementSpec("b", "B")],
            rules=[("a", "<=", "b", "A ≤ B")], indicators=[("ab", "A/B", "a", "b")],
        ), actor=SYSTEM
    )  # fmt: skip


def _submission(unit: OrgUnit) -> Submission:
    from danvan.reporting.services import submit_values

    return submit_values(
        _form(unit),
        unit,
        "2026-03",
        values={"a": "1", "b": "2"},
        narratives={"ket_qua": "x"},
        actor=SYSTEM,
    )


CASES: dict[type[models.Model], Callable[[OrgUnit], models.Model]] = {
    ReportForm: _form,
    FormSection: lambda u: _form(u).sections.get(),
    DataElement: lambda u: _form(u).elements.get(code="a"),
    ValidationRule: lambda u: _form(u).rules.get(),
    Indicator: lambda u: _form(u).indicators.get(),
    Submission: _submission,
    DataValue: lambda u: _submission(u).values.get(element__code="a"),
    NarrativeText: lambda u: _submission(u).narratives.get(),
    ProvinceTotal: lambda u: _province_total(u),
}


def _province_total(unit: OrgUnit) -> ProvinceTotal:
    """A total row keyed by the unit's path (as the province totals are keyed by theirs)."""
    form = _form(unit)
    return ProvinceTotal.objects.create(
        form=form, period="2026-03", element=form.elements.get(code="a"), unit=unit,
        prefix=unit.path, n=1, total=1, low=1, high=1,
    )  # fmt: skip


_MODELS = list(CASES)
_WRITERS = {RoleCode.SYSTEM_ADMIN, RoleCode.LEADER, RoleCode.OFFICER}
EXPECTED: dict[str, dict[type[models.Model], tuple[bool, bool]]] = {
    role: dict.fromkeys(_MODELS, (True, role in _WRITERS)) for role in RoleCode
}

NATIONAL_DATA = {PeriodRule: "/admin/reporting/periodrule/"}


def _addressed_submission(owner: OrgUnit, addressee: OrgUnit) -> Submission:
    """A report of ``owner`` on a form that names ``addressee`` as its recipient."""
    from danvan.reporting.services import submit_values

    form = ReportForm.objects.filter(code=f"addressed_{addressee.pk}").first()
    if form is None:
        form = define_form(
            FormSpec(
                code=f"addressed_{addressee.pk}", name="Báo cáo", owner=addressee,
                recipient=addressee, assigned_root=owner.parent, period_type="monthly",
                assigned_kinds=["commune"], sections=[("ket_qua", "Kết quả", "")],
                elements=[ElementSpec("a", "A")],
            ), actor=SYSTEM
        )  # fmt: skip
    return submit_values(
        form,
        owner,
        "2026-03",
        values={"a": "1"},
        narratives={"ket_qua": "x"},
        send=True,
        actor=SYSTEM,
    )


# A submission is addressed to its form's recipient: its officials read it and, when they may
# approve, review it (approve or return); they never fill it in.
ADDRESSED_CASES: dict[
    type[models.Model], tuple[Callable[[OrgUnit, OrgUnit], models.Model], str]
] = {
    Submission: (_addressed_submission, "approve"),
    DataValue: (lambda o, a: _addressed_submission(o, a).values.get(), "view"),
    NarrativeText: (lambda o, a: _addressed_submission(o, a).narratives.get(), "view"),
}
ADDRESSED_EXPECTED: dict[str, dict[type[models.Model], tuple[bool, bool]]] = {
    role: {
        Submission: (True, role in _WRITERS),
        DataValue: (True, True),
        NarrativeText: (True, True),
    }
    for role in RoleCode
}
