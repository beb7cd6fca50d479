"""Periodic reporting (chế độ báo cáo định kỳ): forms, periods, submissions and their values.

A standing agency (usually Sở Nội vụ) defines a report form (biểu mẫu) with narrative sections
and numeric data elements; every unit the form assigns reports once per period; the recipient
approves (locks) or returns each submission. Values are consolidated up the org tree in real
time: each value row carries its unit's materialised path, the form, the period and whether the
submission is approved, so "the sum for this subtree" is one range scan on one index.

The models live by concept in :mod:`.forms` (what is asked) and :mod:`.submissions` (what units
answer); this package exports them under their usual names.
"""

from .forms import (
    CODE_VALIDATOR,
    Aggregation,
    DataElement,
    DataElementQuerySet,
    FormSection,
    FormSectionQuerySet,
    Indicator,
    IndicatorQuerySet,
    Operator,
    PeriodRule,
    PeriodType,
    ReportForm,
    ReportFormQuerySet,
    ValidationRule,
    ValidationRuleQuerySet,
    ValueType,
)
from .submissions import (
    DataValue,
    DataValueQuerySet,
    NarrativeQuerySet,
    NarrativeText,
    ProvinceTotal,
    ProvinceTotalQuerySet,
    Submission,
    SubmissionQuerySet,
    SubmissionStatus,
)

__all__ = [
    "CODE_VALIDATOR",
    "Aggregation",
    "DataElement",
    "DataElementQuerySet",
    "DataValue",
    "DataValueQuerySet",
    "FormSection",
    "FormSectionQuerySet",
    "Indicator",
    "IndicatorQuerySet",
    "NarrativeQuerySet",
    "NarrativeText",
    "Operator",
    "PeriodRule",
    "PeriodType",
    "ProvinceTotal",
    "ProvinceTotalQuerySet",
    "ReportForm",
    "ReportFormQuerySet",
    "Submission",
    "SubmissionQuerySet",
    "SubmissionStatus",
    "ValidationRule",
    "ValidationRuleQuerySet",
    "ValueType",
]
