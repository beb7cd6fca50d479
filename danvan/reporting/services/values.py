"""Reading and checking typed values: types, signs, limits and the form's rules."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from danvan.core.errors import UserError

from .. import expressions
from ..models import DataElement, ReportForm, ValueType

MAX_VALUE = Decimal("99999999999999")
YES = {"1", "có", "co", "yes", "true", "x", "đạt"}
NO = {"0", "không", "khong", "no", "false"}


class ValuesInvalid(UserError):
    """Some values are wrong; ``errors`` maps element codes ("" for the whole form) to messages."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(" ".join(errors.values()))
        self.errors = errors


def parse_value(element: DataElement, raw: Any) -> Decimal | None:
    """The value typed for ``element`` as a Decimal (None when empty); UserError when wrong."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        raw = "1" if raw else "0"
    if isinstance(raw, Decimal | int | float):
        raw = format(Decimal(str(raw)).normalize(), "f")
    text = str(raw).strip().replace(" ", "")
    if text == "":
        return None
    if element.value_type == ValueType.YES_NO:
        lowered = text.lower()
        if lowered in YES:
            return Decimal(1)
        if lowered in NO:
            return Decimal(0)
        raise UserError(_("«%(name)s»: choose Yes or No.") % {"name": element.name})
    text = text.replace(",", ".") if text.count(",") == 1 and "." not in text else text
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise UserError(
            _("«%(name)s»: «%(raw)s» is not a number.") % {"name": element.name, "raw": raw}
        ) from None
    if not value.is_finite():
        raise UserError(
            _("«%(name)s»: «%(raw)s» is not a number.") % {"name": element.name, "raw": raw}
        )
    if value < 0:
        raise UserError(_("«%(name)s»: it cannot be negative.") % {"name": element.name})
    if value > MAX_VALUE:
        raise UserError(_("«%(name)s»: the number is too large.") % {"name": element.name})
    if element.value_type == ValueType.INTEGER and value != value.to_integral_value():
        raise UserError(_("«%(name)s»: it must be a whole number.") % {"name": element.name})
    if element.value_type == ValueType.PERCENTAGE and value > 100:
        raise UserError(_("«%(name)s»: a percentage cannot exceed 100.") % {"name": element.name})
    if value.as_tuple().exponent < -4:  # type: ignore[operator]
        raise UserError(
            _("«%(name)s»: at most 4 digits after the decimal point.") % {"name": element.name}
        )
    return value


_COMPARE = {
    "<=": lambda a, b: a <= b,
    "<": lambda a, b: a < b,
    ">=": lambda a, b: a >= b,
    ">": lambda a, b: a > b,
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
}


def check_rules(form: ReportForm, values: Mapping[str, Decimal | None]) -> dict[str, str]:
    """Broken validation rules, keyed by the first element code on their left side."""
    errors: dict[str, str] = {}
    for rule in form.rules.all():
        try:
            left = expressions.evaluate(rule.left, values)
            right = expressions.evaluate(rule.right, values)
        except expressions.MissingValue:
            continue
        if not _COMPARE[rule.operator](left, right):
            key = sorted(expressions.names(rule.left))[0] if expressions.names(rule.left) else ""
            errors.setdefault(key, rule.message)
    return errors


def validate(
    form: ReportForm,
    raw_values: Mapping[str, Any],
    comments: Mapping[str, str] | None = None,
    *,
    final: bool = False,
    elements: Iterable[DataElement] | None = None,
) -> tuple[dict[str, Decimal | None], dict[str, str]]:
    """Parse and check a whole form's values; returns (values, errors by element code).

    ``final`` adds the checks of a submission: a missing value needs a comment when the form
    says so.
    """
    comments = comments or {}
    all_elements = list(elements if elements is not None else form.elements.all())
    by_code = {e.code: e for e in all_elements}
    unknown = set(raw_values) - set(by_code)
    errors: dict[str, str] = {}
    if unknown:
        errors[""] = _("The form has no indicator: %(codes)s.") % {
            "codes": ", ".join(sorted(unknown))
        }
    values: dict[str, Decimal | None] = {}
    for element in all_elements:
        try:
            values[element.code] = parse_value(element, raw_values.get(element.code))
        except UserError as exc:
            errors[element.code] = exc.message
            values[element.code] = None
    if final:
        for element in all_elements:
            if (
                element.comment_when_missing
                and values.get(element.code) is None
                and element.code not in errors
                and not (comments.get(element.code) or "").strip()
            ):
                errors[element.code] = _(
                    "«%(name)s»: without a figure, a note must give the reason."
                ) % {"name": element.name}
    for code, message in check_rules(form, values).items():
        errors.setdefault(code, message)
    return values, errors
