"""``{% sort_header filter "due" %}``: a column heading that sorts the list it heads."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag(takes_context=True)
def sort_header(context: Any, filterset: Any, key: str, label: Any = None) -> str:
    """A ``<th>`` whose link sorts by ``key`` (again: the other way), keeping the filters and
    going back to the first page; ``aria-sort`` says how the column is sorted now."""
    sort = filterset.sort_fields.get(key)
    label = label if label is not None else (sort.label if sort else key)
    current = filterset.sort
    query = context["request"].GET.copy()
    query.pop("page", None)
    if current == key:
        query["sort"], state, mark = f"-{key}", "ascending", " ▲"
    elif current == f"-{key}":
        query["sort"], state, mark = key, "descending", " ▼"
    else:
        query["sort"], state, mark = key, "none", ""
    return format_html(
        '<th scope="col" aria-sort="{}"><a href="?{}">{}{}</a></th>',
        state,
        query.urlencode(),
        label,
        mark,
    )
