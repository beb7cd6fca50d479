"""One way to filter, sort and page a list, for the HTML pages and the API alike.

A list is a ``ListFilterSet`` (django-filter) over a queryset that already starts from
``visible_to(user, …)``: the filters narrow what the reader may see, they never widen it.

- **Filters** are ordinary django-filter filters with Vietnamese labels (gettext). A value that
  does not validate (an unknown state, an id not in the choices, «abc» for a year) is dropped
  from ``cleaned_data`` and so ignored, as a missing one would be; ``ListFilterSet.problems``
  names them so a page can say so. Django's form fields refuse NUL; ``CharFilter`` values are
  bounded (``max_length``) before they reach the database.
- **Sort**: ``sort=key`` or ``sort=-key`` where ``key`` is one of the FilterSet's declared
  ``sort_fields``; anything else falls back to ``default_sort``. The primary key is always
  last, so pages never overlap or skip rows.
- **Pages**: ``page`` (past the end → the last page, not an error) and ``per_page`` (bounded by
  ``MAX_PAGE_SIZE``). ``templates/includes/pager.html`` keeps every other query parameter in
  its links and, given ``target``, swaps only the results with HTMX.
- **API**: ``filter_schema(FilterSetClass)`` is the same FilterSet as ninja query parameters
  (so the OpenAPI document lists them), ``filter_api(...)`` applies it and answers a bad value
  with a 400 and a Vietnamese message; ``core.api_types.Pagination`` gives every list the one
  shape ``{items, count, limit, offset}``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Literal

import django_filters
from django import forms
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from pydantic import Field, create_model

from .api_types import MAX_BIGINT, Id, Schema, text
from .errors import UserError
from .params import MAX_YEAR, MIN_YEAR, to_int

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
# Parameters that are not filters: the pager's and the sort's own.
PAGING_PARAMS = ("page", "per_page")


@dataclass(frozen=True)
class Sort:
    """One column the reader may sort by: its label and the expressions it orders by."""

    label: Any
    fields: tuple[str, ...]


class SortFilter(django_filters.ChoiceFilter):
    """``sort=key`` / ``sort=-key`` over the FilterSet's ``sort_fields``."""

    def __init__(self, sorts: Mapping[str, Sort], default: Sequence[str], **kwargs: Any) -> None:
        self.sorts = dict(sorts)
        self.default = tuple(default)
        choices: list[tuple[str, Any]] = []
        for key, sort in self.sorts.items():
            choices.append((key, sort.label))
            choices.append((f"-{key}", _lazy_desc(sort.label)))
        kwargs.setdefault("label", gettext_lazy("Sort by"))
        kwargs.setdefault("empty_label", gettext_lazy("Default order"))
        super().__init__(choices=choices, **kwargs)

    def filter(self, qs: QuerySet[Any], value: Any) -> QuerySet[Any]:
        return qs.order_by(*self.ordering(value))

    def ordering(self, value: str | None) -> tuple[str, ...]:
        if not value or value.lstrip("-") not in self.sorts:
            fields = self.default
        else:
            desc = value.startswith("-")
            fields = tuple(
                (f[1:] if f.startswith("-") else f"-{f}") if desc else f
                for f in self.sorts[value.lstrip("-")].fields
            )
        if not any(f.lstrip("-") in ("pk", "id") for f in fields):
            fields = (*fields, "pk")  # a total order: pages neither overlap nor skip rows
        return fields


def _lazy_desc(label: Any) -> Any:
    from django.utils.functional import lazy

    return lazy(lambda: _("%(column)s (descending)") % {"column": label}, str)()


class FlagFilter(django_filters.BooleanFilter):
    """A check box (``name=1``). Its ``method`` is called with False when it is not ticked
    and must then leave the queryset as it is."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.CheckboxInput)
        super().__init__(*args, **kwargs)


class YearFilter(django_filters.NumberFilter):
    """A calendar year of a date field (``held_on__year``); a page may offer only the years
    that occur (``ListFilterSet.offer_years``)."""

    field_class = forms.IntegerField

    def __init__(self, field_name: str, **kwargs: Any) -> None:
        kwargs.setdefault("label", gettext_lazy("Year"))
        kwargs.setdefault("min_value", MIN_YEAR)
        kwargs.setdefault("max_value", MAX_YEAR)
        super().__init__(field_name=field_name, lookup_expr="year", **kwargs)


class IdFilter(django_filters.NumberFilter):
    """A row id from a link (``?plan=12`` from a dashboard): hidden on the page, kept by the
    filter form and the pager, an integer parameter of the API."""

    field_class = forms.IntegerField

    def __init__(self, field_name: str, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_BIGINT)
        kwargs.setdefault("widget", forms.HiddenInput)
        super().__init__(field_name=field_name, **kwargs)


class ListFilterSet(django_filters.FilterSet):
    """The base of every list's filters: Vietnamese «Tất cả» for empty choices, a ``sort``
    limited to ``sort_fields``, ``default_sort`` when none (or a bad one) is asked for."""

    sort_fields: ClassVar[Mapping[str, Sort]] = {}
    default_sort: ClassVar[Sequence[str]] = ("-pk",)
    # Parameters of the page that are not filters, carried on by the filter form (``listing``).
    kept: dict[str, str]

    def __init__(self, data: Any = None, queryset: Any = None, **kwargs: Any) -> None:
        # Always bound: an empty query string is "no filter, default order", not "unfiltered
        # and unordered" (django-filter skips filtering for an unbound set).
        super().__init__(data if data is not None else QueryDict(), queryset=queryset, **kwargs)
        self.kept = {}
        for f in self.filters.values():
            if isinstance(f, django_filters.ChoiceFilter) and "empty_label" not in f.extra:
                f.extra["empty_label"] = gettext_lazy("All")
        if self.sort_fields:
            self.filters["sort"] = SortFilter(self.sort_fields, self.default_sort)
            self.filters["sort"].parent = self
            self.filters["sort"].model = self._meta.model

    def filter_queryset(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        queryset = super().filter_queryset(queryset)
        if "sort" not in self.form.cleaned_data:
            default = SortFilter(self.sort_fields, self.default_sort)
            queryset = queryset.order_by(*default.ordering(None))
        return queryset

    def offer_years(self, name: str, years: Any) -> None:
        """Show the year filter ``name`` as a choice of ``years`` (those that occur)."""
        field = self.form.fields[name]
        field.widget = forms.Select(
            choices=[("", _("All years")), *((y, y) for y in years)],
            attrs={"id": f"id_{name}"},
        )

    @property
    def problems(self) -> list[str]:
        """The filters whose value was ignored, as «Label: message» lines."""
        if not self.is_bound or self.form.is_valid():
            return []
        out: list[str] = []
        for name, errors in self.form.errors.items():
            label = self.form.fields[name].label if name in self.form.fields else name
            out.extend(f"{label}: {e}" for e in errors)
        return out

    @property
    def sort(self) -> str:
        """The sort in force as asked (``-due``), or "" for the default order."""
        self.form.is_valid()
        return str(self.form.cleaned_data.get("sort") or "")


def paginate(request: HttpRequest, queryset: Any, per_page: int = DEFAULT_PAGE_SIZE) -> Page:
    """The page ``?page=`` of ``queryset`` with ``?per_page=`` rows (more is MAX_PAGE_SIZE).
    A page number that is not one, or past the end, gives the first or the last page."""
    asked = to_int(request.GET.get("per_page"), 1)
    size = min(asked, MAX_PAGE_SIZE) if asked else per_page
    return Paginator(queryset, size).get_page(to_int(request.GET.get("page"), 1, MAX_BIGINT))


@dataclass
class Listing:
    filter: ListFilterSet
    page: Page

    @property
    def count(self) -> int:
        return self.page.paginator.count

    def context(self, **extra: Any) -> dict[str, Any]:
        return {"filter": self.filter, "page": self.page, **extra}


def listing(
    request: HttpRequest,
    filterset: type[ListFilterSet],
    queryset: QuerySet[Any],
    *,
    per_page: int = DEFAULT_PAGE_SIZE,
    keep: Sequence[str] = (),
    **kwargs: Any,
) -> Listing:
    """Filter, sort and page ``queryset`` (which starts from ``visible_to``) by the request.
    ``keep`` names parameters of the page that are not filters (``?unit=`` of a plan's
    compliance): the filter form carries them on as hidden fields, like the pager does."""
    fs = filterset(request.GET, queryset=queryset, request=request, **kwargs)
    fs.kept = {name: request.GET[name] for name in keep if request.GET.get(name)}
    return Listing(fs, paginate(request, fs.qs, per_page))


def render_list(
    request: HttpRequest, template: str, results: str, context: dict[str, Any]
) -> HttpResponse:
    """The whole page, or only its ``results`` partial for HTMX (the filter form and the
    pager ask for it). The partial holds the element the form and pager target, so the swap
    (``hx-select`` + ``outerHTML``) works on either answer; a page without a partial serves
    the whole page to both."""
    return render(request, results if getattr(request, "htmx", False) else template, context)


# --- API -------------------------------------------------------------------------------------


def _annotation(f: django_filters.Filter) -> Any:
    if isinstance(f, SortFilter):
        keys = [k for key in f.sorts for k in (key, f"-{key}")]
        return Literal[tuple(keys)]  # type: ignore[valid-type]
    if isinstance(f, django_filters.ModelChoiceFilter):
        return Id
    if isinstance(f, django_filters.ChoiceFilter):
        values = [str(v) for v, _label in f.extra.get("choices", [])]
        return Literal[tuple(values)] if values else str  # type: ignore[valid-type]
    if isinstance(f, django_filters.BooleanFilter):
        return bool
    if isinstance(f, django_filters.DateFilter):
        return dt.date
    if isinstance(f, django_filters.NumberFilter):
        low = f.extra.get("min_value", 0)
        high = f.extra.get("max_value", MAX_BIGINT)
        from typing import Annotated

        return Annotated[int, Field(ge=low, le=high)]
    return text(f.extra.get("max_length") or 200)


_SCHEMAS: dict[type, type[Schema]] = {}


def filter_schema(filterset: type[ListFilterSet]) -> type[Schema]:
    """The FilterSet's filters (and its sort) as a ninja query schema: ``Query[...]``."""
    if filterset in _SCHEMAS:
        return _SCHEMAS[filterset]
    fields: dict[str, Any] = {}
    filters = dict(filterset.base_filters)
    if filterset.sort_fields:
        filters["sort"] = SortFilter(filterset.sort_fields, filterset.default_sort)
    for name, f in filters.items():
        label = f.label if getattr(f, "_label", None) is not None else name
        fields[name] = (_annotation(f) | None, Field(None, description=str(label)))
    schema = create_model(f"{filterset.__name__}Query", __base__=Schema, **fields)
    _SCHEMAS[filterset] = schema
    return schema


def filter_api(
    filterset: type[ListFilterSet], params: Any, queryset: QuerySet[Any], request: HttpRequest
) -> QuerySet[Any]:
    """Apply the FilterSet to the query parameters of an API call; a value it refuses (an id
    not among the choices) is a 400 with a Vietnamese message, not silently dropped."""
    data = QueryDict(mutable=True)
    for key, value in params.dict(exclude_none=True).items():
        data[key] = ("true" if value else "false") if isinstance(value, bool) else str(value)
    fs = filterset(data, queryset=queryset, request=request)
    if fs.problems:
        raise UserError(_("Invalid filter: %(problems)s") % {"problems": "; ".join(fs.problems)})
    return fs.qs
