"""Accent-insensitive full-text search of the registry, on PostgreSQL and on SQLite.

"dan van kheo" finds "Dân vận khéo". Both databases index the same prepared text
(:func:`search_text_for`): number, title, issuer and body, cut into words, with đ/Đ written as
d/D, because neither unaccent nor FTS5's ``remove_diacritics`` treats đ as a d with a mark.

* PostgreSQL: ``to_tsvector('simple', danvan_search_fold(search_text))`` with a GIN index on that
  very expression (migration 0002); ``danvan_search_fold`` is lower() + unaccent.
* SQLite: the FTS5 table ``documents_document_fts`` (``unicode61 remove_diacritics 2``), whose
  rowid is the document's id; :func:`index_document` and :func:`unindex_document` keep it in step
  and are called by the services inside their transaction, so a rollback undoes them too.

Every word of the query must appear, as a word or the start of one ("dan va" finds "dân vận").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, TypeVar

from django.db import connections
from django.db.models import BooleanField, Expression, F, Q, QuerySet
from django.db.models.expressions import RawSQL

from danvan.core.text import fold

from .models import Document

FTS_TABLE = "documents_document_fts"
FOLD_FUNCTION = "danvan_search_fold"
# A tsvector holds at most 1 MB; the opening of a document is what people search for anyway.
MAX_SEARCH_CHARS = 300_000
MAX_QUERY_WORDS = 12

_WORDS = re.compile(r"[^\W_]+")

Q_ = TypeVar("Q_", bound=QuerySet[Any])


def _fold_d(text: str) -> str:
    return text.replace("Đ", "D").replace("đ", "d")


def search_text_for(document: Document) -> str:
    """The text both databases index for ``document``: words only, đ written as d."""
    parts = [document.number, document.title, document.issuer, document.text]
    words = _WORDS.findall(_fold_d(" ".join(p for p in parts if p)))
    text = " ".join(words)
    if len(text) > MAX_SEARCH_CHARS:
        text = text[:MAX_SEARCH_CHARS].rsplit(" ", 1)[0]
    return text


def query_words(text: str) -> list[str]:
    """The words of a query, folded like the index ("Dân Vận" → ["dan", "van"])."""
    return _WORDS.findall(fold(text))[:MAX_QUERY_WORDS]


class _PostgresMatch(Expression):
    """``to_tsvector(...) @@ to_tsquery(...)`` written exactly as the index expression."""

    output_field = BooleanField()
    conditional = True

    def __init__(self, tsquery: str) -> None:
        super().__init__()
        self.tsquery = tsquery
        self.column: Any = F("search_text")

    def get_source_expressions(self) -> list[Any]:
        return [self.column]

    def set_source_expressions(self, exprs: Sequence[Any]) -> None:
        (self.column,) = exprs

    def resolve_expression(self, *args: Any, **kwargs: Any) -> _PostgresMatch:
        clone = self.copy()
        clone.column = self.column.resolve_expression(*args, **kwargs)
        return clone

    def as_sql(  # type: ignore[override]
        self, compiler: Any, connection: Any, **extra: Any
    ) -> tuple[str, list[Any]]:
        field_sql, field_params = compiler.compile(self.column)
        sql = (
            f"to_tsvector('simple'::regconfig, {FOLD_FUNCTION}({field_sql})) "
            "@@ to_tsquery('simple'::regconfig, %s)"
        )
        return sql, [*field_params, self.tsquery]


def search_documents(queryset: Q_, text: str) -> Q_:
    """Narrow ``queryset`` (of documents) to those matching every word of ``text``."""
    words = query_words(text)
    if not words:
        return queryset
    vendor = connections[queryset.db].vendor
    if vendor == "postgresql":
        tsquery = " & ".join(f"{word}:*" for word in words)
        return queryset.filter(_PostgresMatch(tsquery))
    if vendor == "sqlite":
        match = " ".join(f'"{word}"*' for word in words)
        return queryset.filter(
            pk__in=RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [match])
        )
    # Another database: a slow but correct scan of the prepared text.
    condition = Q()
    for word in words:
        condition &= Q(search_text__icontains=word)
    return queryset.filter(condition)


def index_document(document: Document) -> None:
    """Store the prepared search text of ``document`` (and its FTS5 row on SQLite)."""
    text = search_text_for(document)
    if document.search_text != text:
        Document.objects.filter(pk=document.pk).update(search_text=text)
        document.search_text = text
    connection = connections[Document.objects.db]
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [document.pk])
            cursor.execute(
                f"INSERT INTO {FTS_TABLE} (rowid, body) VALUES (%s, %s)", [document.pk, text]
            )


def unindex_document(pk: int) -> None:
    """Forget a deleted document in the FTS5 table (PostgreSQL's index follows the row)."""
    connection = connections[Document.objects.db]
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [pk])
