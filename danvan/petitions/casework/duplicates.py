"""Similar earlier petitions (đơn trùng, vượt cấp): same person or similar content.

Three signals, each answered by an index first:

* the same identity document number (B-tree on ``petitioner_id_number``);
* the same accent-folded name and address (B-tree on ``name_key, address_key``);
* similar content: candidates are the petitions about the same commune (``place``) — or, when
  the commune is unknown, of the same handling unit — received in the last three years, scored
  by trigram ``similarity()`` (pg_trgm) on PostgreSQL, or by token overlap on the folded
  ``search_text`` elsewhere.

The result carries no identity: it is shown to officers who may not be entitled to it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import FloatField, Func, QuerySet
from django.utils.translation import gettext_lazy

from danvan.core.text import fold

from .models import Petition

CONTENT_THRESHOLD = 0.3
TOKEN_THRESHOLD = 0.35
LOOKBACK_DAYS = 3 * 366
MAX_CANDIDATES = 3000
# Candidates scored by pg_trgm: the most recent petitions about the same commune.
MAX_TRIGRAM_CANDIDATES = 250
SEARCH_TEXT_LENGTH = 400
_WORD = re.compile(r"[a-z0-9]+")
# Very common words of petitions that say nothing about the matter.
STOP_WORDS = frozenset(
    "va cua cac co la de cho toi chung ve viec nay da duoc khong voi trong tai nhu mot nhung "
    "theo den tu khi thi ma nguoi ong ba anh chi em xin don de nghi kinh gui ubnd uy ban nhan "
    "dan xa phuong tinh huyen".split()
)


class Similarity(Func):
    function = "similarity"
    output_field = FloatField()


def search_text_for(title: str, content: str) -> str:
    """Folded summary and content (never the petitioner's identity)."""
    return fold(f"{title} {content}")[:SEARCH_TEXT_LENGTH]


def tokens(text: str) -> set[str]:
    return {w for w in _WORD.findall(text) if len(w) > 1 and w not in STOP_WORDS}


def overlap(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b)) * (len(a & b) / len(a | b)) ** 0.5


def has_trigram() -> bool:
    if connection.vendor != "postgresql":
        return False
    cached = connection.__dict__.get("_danvan_has_trgm")
    if cached is None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
            cached = cursor.fetchone() is not None
        connection.__dict__["_danvan_has_trgm"] = cached
    return bool(cached)


@dataclass
class Match:
    petition: Petition
    reasons: list[str] = field(default_factory=list)
    score: float = 0.0


def find_similar(
    base: QuerySet[Petition],
    *,
    handling_unit_id: int | None = None,
    place_id: int | None = None,
    id_number: str = "",
    name: str = "",
    address: str = "",
    title: str = "",
    content: str = "",
    exclude_pk: int | None = None,
    today: dt.date | None = None,
    limit: int = 10,
) -> list[Match]:
    """Earlier petitions in ``base`` (already scoped to the reader) that look like this one."""
    found: dict[int, Match] = {}
    qs = base.select_related("topic", "handling_unit")
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)

    def add(rows: list[Petition], reason: str, score: float) -> None:
        for p in rows:
            match = found.setdefault(p.pk, Match(p))
            if reason not in match.reasons:
                match.reasons.append(reason)
            match.score = max(match.score, score)

    id_number = id_number.strip()
    name_key, address_key = fold(name), fold(address)
    text = search_text_for(title, content)
    since = (today or dt.date.today()) - dt.timedelta(days=LOOKBACK_DAYS)
    by_content = bool(text.strip() and (place_id or handling_unit_id))
    if has_trigram():
        _find_on_postgresql(
            qs, add, found, id_number, name_key, address_key, text if by_content else "",
            place_id, handling_unit_id, since, exclude_pk, limit,
        )  # fmt: skip
        return sorted(found.values(), key=lambda m: (-m.score, -m.petition.pk))[:limit]
    if id_number:
        add(list(qs.filter(petitioner_id_number=id_number)[:limit]), "same_id", 1.0)
    if name_key and address_key:
        add(
            list(qs.filter(name_key=name_key, address_key=address_key)[:limit]),
            "same_person",
            0.95,
        )
    if by_content:
        candidates = qs.filter(received_on__gte=since)
        if place_id:
            candidates = candidates.filter(place_id=place_id)
        else:
            candidates = candidates.filter(handling_unit_id=handling_unit_id)
        wanted = tokens(text)
        scored: list[tuple[float, int]] = []
        for pk, other in candidates.order_by("-received_on").values_list("pk", "search_text")[
            :MAX_CANDIDATES
        ]:
            score = overlap(wanted, tokens(other))
            if score >= TOKEN_THRESHOLD:
                scored.append((score, pk))
        scored.sort(reverse=True)
        top = scored[:limit]
        by_pk = qs.in_bulk([pk for _, pk in top])
        for score, pk in top:
            add([by_pk[pk]], "similar_content", score)
    ordered = sorted(found.values(), key=lambda m: (-m.score, -m.petition.pk))
    return ordered[:limit]


# The most recent candidates of the commune (or unit) come from the covering index (migration
# 0007) without visiting the table; similarity() scores each of them once (OFFSET 0 keeps the
# planner from pulling the subquery up and evaluating it again for the output).
_CONTENT_SQL = (
    "SELECT id, 3, sim, row_number() OVER () FROM (SELECT id, sim FROM (SELECT id, "
    "similarity(search_text, %s) AS sim FROM (SELECT id, search_text FROM petitions_petition "
    "WHERE {column} = %s AND received_on >= %s ORDER BY received_on DESC LIMIT %s) recent "
    "WHERE id <> %s OFFSET 0) scored WHERE sim >= %s ORDER BY sim DESC LIMIT %s) top"
)


def _find_on_postgresql(
    qs: QuerySet[Petition],
    add: Callable[[list[Petition], str, float], None],
    found: dict[int, Match],
    id_number: str,
    name_key: str,
    address_key: str,
    text: str,
    place_id: int | None,
    handling_unit_id: int | None,
    since: dt.date,
    exclude_pk: int | None,
    limit: int,
) -> None:
    """The three signals in one statement, then the matching rows in a second one.

    Each identity signal keeps its own scoped, ordered and limited query (compiled by the ORM);
    the content signal scores the recent candidates, and the reader's scope applies to its
    results when the rows are read. Same results as one query per signal, two round trips.
    """
    parts: list[str] = []
    params: list[Any] = []

    def identity_part(group: int, score: float, **lookup: str) -> None:
        sql, part_params = qs.filter(**lookup).values_list("pk")[:limit].query.sql_with_params()
        parts.append(f"SELECT id, {group}, {score}::float8, 0 FROM ({sql}) AS s{group}(id)")
        params.extend(part_params)

    if id_number:
        identity_part(1, 1.0, petitioner_id_number=id_number)
    if name_key and address_key:
        identity_part(2, 0.95, name_key=name_key, address_key=address_key)
    if text:
        column, value = (
            ("place_id", place_id) if place_id else ("handling_unit_id", handling_unit_id)
        )
        parts.append(_CONTENT_SQL.format(column=column))
        params.extend(
            [text, value, since, MAX_TRIGRAM_CANDIDATES, exclude_pk or 0, CONTENT_THRESHOLD,
             limit * 3]
        )  # fmt: skip
    if not parts:
        return
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(f"({part})" for part in parts), params)
        rows = sorted(cursor.fetchall(), key=lambda row: (row[1], row[3]))
    by_pk = qs.in_bulk({row[0] for row in rows})  # the reader's scope applies here
    reasons = {1: "same_id", 2: "same_person", 3: "similar_content"}
    for pk, group, score, _ in rows:
        if pk not in by_pk or (group == 3 and len(found) >= limit * 2):
            continue
        add([by_pk[pk]], reasons[group], float(score))


REASON_LABELS = {
    "same_id": gettext_lazy("Same identity document number"),
    "same_person": gettext_lazy("Same full name and address"),
    "similar_content": gettext_lazy("Similar content"),
}
