"""Defining a report form: sections, data elements (with their data sources), rules, indicators."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from danvan.core.audit import acting_as
from danvan.core.errors import UserError
from danvan.orgs.models import OrgUnit

from .. import expressions, sources
from ..models import (
    DataElement,
    FormSection,
    Indicator,
    ReportForm,
    ValidationRule,
    ValueType,
)


@dataclass
class ElementSpec:
    code: str
    name: str
    value_type: str = ValueType.INTEGER
    aggregation: str = "sum"
    group: str = ""
    unit_label: str = ""
    comment_when_missing: bool = False
    source: str = ""  # a code of danvan.reporting.sources, e.g. "petitions.received"


@dataclass
class FormSpec:
    code: str
    name: str
    owner: OrgUnit
    recipient: OrgUnit
    assigned_root: OrgUnit | None
    period_type: str
    assigned_kinds: list[str] = field(default_factory=list)
    description: str = ""
    legal_basis: str = ""
    cutoff_day: int | None = None
    due_days: int | None = None
    sections: list[tuple[str, str, str]] = field(default_factory=list)  # code, title, guidance
    elements: list[ElementSpec] = field(default_factory=list)
    rules: list[tuple[str, str, str, str]] = field(default_factory=list)  # left, op, right, msg
    indicators: list[tuple[str, str, str, str]] = field(default_factory=list)  # code, name, n, d


def define_form(
    spec: FormSpec,
    *,
    actor: Any,
) -> ReportForm:
    """Create a form with its sections, elements, rules and indicators (refused if it exists).

    An element's ``source`` must be a registered data source (nguồn số liệu từ hệ thống).
    """
    if ReportForm.objects.filter(code=spec.code).exists():
        raise UserError(
            _("There is already a form with the code «%(code)s».") % {"code": spec.code}
        )
    codes = [e.code for e in spec.elements]
    if len(set(codes)) != len(codes):
        raise UserError(_("An indicator code is repeated in the form."))
    for element in spec.elements:
        try:
            sources.check_code(element.source)
        except UserError as exc:
            raise UserError(
                _("Indicator «%(code)s»: %(message)s")
                % {"code": element.code, "message": exc.message}
            ) from None
    for left, _op, right, _msg in spec.rules:
        unknown = (expressions.names(left) | expressions.names(right)) - set(codes)
        if unknown:
            raise UserError(
                _("A validation rule uses indicator codes that do not exist: %(codes)s.")
                % {"codes": ", ".join(unknown)}
            )
    for _code, _name, numerator, denominator in spec.indicators:
        unknown = (expressions.names(numerator) | expressions.names(denominator)) - set(codes)
        if unknown:
            raise UserError(
                _("An index uses indicator codes that do not exist: %(codes)s.")
                % {"codes": ", ".join(unknown)}
            )
    with transaction.atomic(), acting_as(actor):
        form = ReportForm.objects.create(
            code=spec.code, name=spec.name, description=spec.description, owner=spec.owner,
            recipient=spec.recipient, assigned_root=spec.assigned_root,
            period_type=spec.period_type, assigned_kinds=spec.assigned_kinds,
            legal_basis=spec.legal_basis, cutoff_day=spec.cutoff_day, due_days=spec.due_days,
        )  # fmt: skip
        for order, (code, title, guidance) in enumerate(spec.sections):
            FormSection.objects.create(
                form=form, code=code, title=title, guidance=guidance, order=order
            )
        for order, e in enumerate(spec.elements):
            DataElement.objects.create(
                form=form, code=e.code, name=e.name, value_type=e.value_type,
                aggregation=e.aggregation, group=e.group, unit_label=e.unit_label,
                comment_when_missing=e.comment_when_missing, order=order, source=e.source,
            )  # fmt: skip
        for left, op, right, message in spec.rules:
            ValidationRule.objects.create(
                form=form, left=left, operator=op, right=right, message=message
            )
        for code, name, numerator, denominator in spec.indicators:
            Indicator.objects.create(
                form=form, code=code, name=name, numerator=numerator, denominator=denominator
            )
    return form
