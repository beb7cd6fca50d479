"""``{{ value|vn_number }}`` in templates: «1.234,5», an em dash for no figure."""

from __future__ import annotations

from decimal import Decimal

from django import template

from danvan.core.text import vn_number as _vn_number

register = template.Library()


@register.filter
def vn_number(value: object, decimals: int | None = None) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, (int, float, Decimal)):
        return _vn_number(value, decimals)
    return str(value)


@register.filter
def get_item(mapping: object, key: object) -> object:
    """``{{ figures|get_item:unit.pk }}``: a dictionary's value in a template."""
    return mapping.get(key) if isinstance(mapping, dict) else None
