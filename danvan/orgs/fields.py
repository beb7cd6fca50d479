"""Choosing an org unit in a form: a list while it is short, a search once it is long.

A form's unit field lists the units the official may choose. In a province that is a few
hundred; for the country's administrators it is the whole country, ≈ 7,000 units: a list nobody
can scroll, 600 KB of HTML and 1–2 s of rendering per page (national page crawl). Above
``UNIT_SELECT_MAX_OPTIONS`` units the field therefore renders a search box and a list holding
only the chosen unit; typing fills the list with the matching units (``orgs:choose``, HTMX,
accents optional, the official's own scope, the kinds the field accepts). The submitted value is
still checked against the field's own queryset, so a search can never widen what the form
accepts. Every unit field of every app is a :class:`UnitChoiceField` (one unit) or a
:class:`UnitsChoiceField` (several): one way to choose a unit. Short lists are written by
:class:`~danvan.core.widgets.LongSelect` (the same HTML as Django's, without a template per
option).
"""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.conf import settings
from django.forms.renderers import get_default_renderer
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from danvan.core.text import vn_number
from danvan.core.widgets import LongSelect, LongSelectMultiple


class UnitSelect(LongSelect):
    """A ``<select>`` of units; past the limit, a search box and only the chosen unit."""

    search_template_name = "orgs/widgets/unit_search.html"
    #: False for pages without sign-in (the search answers signed-in officials only).
    searchable = True

    def _is_long(self) -> bool:
        queryset = getattr(self.choices, "queryset", None)
        if not self.searchable or queryset is None:
            return False
        self._count = queryset.count()
        return self._count > settings.UNIT_SELECT_MAX_OPTIONS

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        if not self._is_long():
            return super().render(name, value, attrs, renderer)
        context = self.get_search_context(name, value, attrs)
        renderer = renderer or get_default_renderer()
        return mark_safe(renderer.render(self.search_template_name, context))  # noqa: S308

    def get_search_context(
        self, name: str, value: Any, attrs: dict[str, Any] | None
    ) -> dict[str, Any]:
        queryset = self.choices.queryset  # type: ignore[attr-defined]
        context = forms.Widget.get_context(self, name, value, attrs)
        chosen = [str(v) for v in context["widget"]["value"] if str(v).isdigit()]
        field = self.choices.field  # type: ignore[attr-defined]
        options = []
        if field.empty_label is not None:
            options.append(self.create_option(name, "", field.empty_label, not chosen, 0))
        for index, unit in enumerate(queryset.filter(pk__in=chosen)[:1], start=1):
            options.append(
                self.create_option(name, unit.pk, field.label_from_instance(unit), True, index)
            )
        context["widget"]["optgroups"] = [(None, options, 0)]
        kinds = sorted(set(queryset.order_by().values_list("kind", flat=True).distinct()))
        context["widget"]["search"] = {
            "url": reverse("orgs:choose"),
            "vals": json.dumps({"field": name, "kinds": ",".join(kinds)}),
            "count": self._count,
            "shown": vn_number(self._count),  # «7.091», as officials write it
            "placeholder": _("Type part of the name, e.g. hoa binh"),
        }
        return context


def _label(obj: Any, labels: str) -> str:
    return str(obj) if labels == "short" else str(obj.name)


class UnitChoiceField(forms.ModelChoiceField):
    """A form field choosing one org unit (see the module docstring).

    ``labels="short"`` shows short names where there is one (``UBND xã Hòa Bình``), the default
    the full name; ``searchable=False`` keeps the whole list, for pages without sign-in.
    """

    widget = UnitSelect

    def __init__(self, *args: Any, labels: str = "name", searchable: bool = True, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.labels = labels
        self.widget.searchable = searchable  # type: ignore[attr-defined]

    def label_from_instance(self, obj: Any) -> str:
        return _label(obj, self.labels)


class UnitsChoiceField(forms.ModelMultipleChoiceField):
    """A form field choosing several org units, labelled by their full names."""

    widget = LongSelectMultiple

    def __init__(self, *args: Any, labels: str = "name", **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.labels = labels

    def label_from_instance(self, obj: Any) -> str:
        return _label(obj, self.labels)


class UnitPickForm(forms.Form):
    """The unit a summary page is about (``?unit=``), chosen among the units the official sees:
    a list in a province, the search past ``UNIT_SELECT_MAX_OPTIONS``. Rendered unbound with the
    page's unit chosen; the page reads ``?unit=`` itself (``orgs.pages.unit_in_scope``)."""

    unit = UnitChoiceField(queryset=None, label=_("Unit"), empty_label=None)

    def __init__(self, units: Any, chosen: Any) -> None:
        super().__init__(initial={"unit": getattr(chosen, "pk", chosen)})
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
