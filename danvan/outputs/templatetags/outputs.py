"""``{% load outputs %}``: numbers as officials read them («1.234,5») and charts with tables."""

from __future__ import annotations

from typing import Any

from django import template

from danvan.outputs.charts import fmt

register = template.Library()


@register.filter
def number(value: Any) -> str:
    """«1.234,5»; «—» for nothing. Text that is not a number is shown as it is."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return str(value)
    try:
        return fmt(value)
    except (TypeError, ValueError, ArithmeticError):
        return str(value)
