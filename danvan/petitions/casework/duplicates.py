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
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import FloatField, Func, QuerySet

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
    if id_number:
        add(list(qs.filter(petitioner_id_number=id_number)[:limit]), "same_id", 1.0)
    name_key, address_key = fold(name), fold(address)
    if name_key and address_key:
        add(
            list(qs.filter(name_key=name_key, address_key=address_key)[:limit]),
            "same_person",
            0.95,
        )
    text = search_text_for(title, content)
    if text.strip() and (place_id or handling_unit_id):
        since = (today or dt.date.today()) - dt.timedelta(days=LOOKBACK_DAYS)
        candidates = qs.filter(received_on__gte=since)
        if place_id:
            candidates = candidates.filter(place_id=place_id)
        else:
            candidates = candidates.filter(handling_unit_id=handling_unit_id)
        if has_trigram():
            # The most recent candidates of the commune (or unit) come from the covering index
            # (migration 0007) without visiting the table; similarity() scores only those.
            column, value = (
                ("place_id", place_id) if place_id else ("handling_unit_id", handling_unit_id)
            )
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT id, similarity(search_text, %s) AS sim FROM (SELECT id, search_text "
                    f"FROM petitions_petition WHERE {column} = %s AND received_on >= %s "
                    f"ORDER BY received_on DESC LIMIT %s) recent "
                    f"WHERE id <> %s AND similarity(search_text, %s) >= %s "
                    f"ORDER BY sim DESC LIMIT %s",
                    [text, value, since, MAX_TRIGRAM_CANDIDATES, exclude_pk or 0, text,
                     CONTENT_THRESHOLD, limit * 3],
                )  # fmt: skip
                top_pg = cursor.fetchall()
            by_pk_pg = qs.in_bulk([pk for pk, _ in top_pg])  # the reader's scope applies here
            for pk, score in top_pg:
                if pk in by_pk_pg and len(found) < limit * 2:
                    add([by_pk_pg[pk]], "similar_content", float(score))
        else:
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


REASON_LABELS = {
    "same_id": "Cùng số giấy tờ tùy thân",
    "same_person": "Cùng họ tên và địa chỉ",
    "similar_content": "Nội dung tương tự",
}
