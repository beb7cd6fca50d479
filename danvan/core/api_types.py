"""Constrained types every API schema and query parameter is written with.

Bad input must be a 4xx with a Vietnamese message, never a 500 from the database: an integer
beyond what a column holds (``OverflowError`` on SQLite, ``NumericValueOutOfRange`` on
PostgreSQL), a string longer than its column (silently kept by SQLite, refused by
PostgreSQL), a NUL byte (refused by psycopg and FTS5), a lone surrogate (which no UTF-8
encoder accepts). The limits here are those of the columns, so a value the API accepts is one
the database stores on both engines; the schema carries them into the OpenAPI document.
"""

from __future__ import annotations

from typing import Annotated, Any

from django.db import models
from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.conf import settings as ninja_settings
from ninja.pagination import LimitOffsetPagination
from pydantic import AfterValidator, StringConstraints

# Signed 64-bit: the primary keys (BigAutoField) and SQLite's INTEGER.
MAX_BIGINT = 2**63 - 1
MAX_INT = 2**31 - 1
# The ranges Django gives each integer column on PostgreSQL (SQLite accepts any 64-bit value).
_INT_RANGES = {
    "SmallIntegerField": (-32768, 32767),
    "PositiveSmallIntegerField": (0, 32767),
    "IntegerField": (-MAX_INT - 1, MAX_INT),
    "PositiveIntegerField": (0, MAX_INT),
    "BigIntegerField": (-MAX_BIGINT - 1, MAX_BIGINT),
    "PositiveBigIntegerField": (0, MAX_BIGINT),
    "AutoField": (1, MAX_INT),
    "BigAutoField": (1, MAX_BIGINT),
}
# A TextField has no length of its own; a request body field bigger than this is not a petition.
MAX_TEXT = 100_000


def printable(value: str) -> str:
    """Refuse what no column stores: NUL (PostgreSQL text, SQLite FTS) and lone surrogates
    (a JSON ``"\\ud800"`` decodes to one; it cannot be encoded as UTF-8)."""
    if "\x00" in value:
        raise ValueError(_("must not hold the NUL character (\\u0000)"))
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError(_("holds an invalid Unicode character (half a surrogate pair)")) from None
    return value


# Any text, checked for NUL and lone surrogates, bounded by MAX_TEXT.
Text = Annotated[str, StringConstraints(max_length=MAX_TEXT), AfterValidator(printable)]
# A database id (path, query or body): 1 … 2⁶³−1.
Id = Annotated[int, Field(ge=1, le=MAX_BIGINT)]
# A calendar year as filters take it (dates in Python stop at 9999; the registry at 1900).
Year = Annotated[int, Field(ge=1900, le=2200)]
# A count or version number kept in an integer column.
Int32 = Annotated[int, Field(ge=0, le=MAX_INT)]
Percent = Annotated[int, Field(ge=0, le=100)]


def text(max_length: int, *, min_length: int = 0) -> Any:
    """A string of at most ``max_length`` characters, NUL and lone surrogates refused."""
    return Annotated[
        str,
        StringConstraints(min_length=min_length, max_length=max_length),
        AfterValidator(printable),
    ]


def model_text(model: type[models.Model], name: str, *, min_length: int = 0) -> Any:
    """A string bounded by the column ``model.name`` (``max_length``; MAX_TEXT for a
    TextField), so the API and the database agree on what fits."""
    field = model._meta.get_field(name)
    return text(getattr(field, "max_length", None) or MAX_TEXT, min_length=min_length)


def model_int(model: type[models.Model], name: str) -> Any:
    """An integer within the range of the column ``model.name`` on every engine."""
    field = model._meta.get_field(name)
    low, high = _INT_RANGES[field.get_internal_type()]
    for validator in getattr(field, "validators", []):
        limit = getattr(validator, "limit_value", None)
        if isinstance(limit, int) and validator.code == "min_value":
            low = max(low, limit)
        elif isinstance(limit, int) and validator.code == "max_value":
            high = min(high, limit)
    return Annotated[int, Field(ge=low, le=high)]


class Pagination(LimitOffsetPagination):
    """Every API list answers one shape, ``{items, count, limit, offset}`` (``core.lists``):
    ninja's limit/offset pagination with an upper bound on ``offset`` (ninja has none, and an
    offset past 2⁶³ is an ``OverflowError`` in the database driver), echoing the window it
    used so a client pages without keeping its own state."""

    class Input(Schema):
        limit: int = Field(
            ninja_settings.PAGINATION_PER_PAGE, ge=1, le=int(ninja_settings.PAGINATION_MAX_LIMIT)
        )
        offset: int = Field(0, ge=0, le=MAX_INT)

    class Output(Schema):
        items: list[Any]
        count: int = Field(..., description="Tổng số bản ghi khớp bộ lọc (mọi trang).")
        limit: int = Field(..., description="Số bản ghi tối đa của trang này.")
        offset: int = Field(..., description="Vị trí bản ghi đầu trang (từ 0).")

    def paginate_queryset(self, queryset: Any, pagination: Any, request: Any, **params: Any) -> Any:
        page = super().paginate_queryset(queryset, pagination, request, **params)
        limit = min(pagination.limit, self.max_limit)
        return {**page, "limit": limit, "offset": pagination.offset}


class Built:
    """A queryset paged by :class:`Pagination` whose rows are turned into output dicts by
    ``build`` only for the page asked: ``return Built(qs, _task_out)`` from a ``@paginate``d
    operation counts with one ``COUNT`` and builds ``limit`` rows, not the whole list."""

    def __init__(self, queryset: Any, build: Any) -> None:
        self.queryset = queryset
        self.build = build

    def __len__(self) -> int:
        return int(self.queryset.count())

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return [self.build(row) for row in self.queryset[index]]
        return self.build(self.queryset[index])


class ApiError(Schema):
    """Every refusal: a Vietnamese ``detail``; ``errors`` says which fields, when known."""

    detail: str = Field(..., description="Thông báo lỗi bằng tiếng Việt.")
    errors: list[dict[str, Any]] | dict[str, str] | None = None
