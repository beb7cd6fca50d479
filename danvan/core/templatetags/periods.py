"""``{{ code|period_label }}``: a reporting period as a person reads it, never its code."""

from __future__ import annotations

from django import template

from danvan.core.periods import period_label as _period_label

register = template.Library()


@register.filter
def period_label(code: object) -> str:
    return _period_label(code)
