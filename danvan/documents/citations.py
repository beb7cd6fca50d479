"""Linking a document to the documents it cites, creating stubs for those not yet registered.

A cited document is found by its number key and type (and its date when both sides have one);
when none is registered yet, a stub is created, owned by the unit of the citing document, and
the later import of that document fills the stub in (see :func:`matching_stub`), so "cites"
and "cited by" both hold whichever document arrives first.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from django.db.models import Q

from danvan.orgs.models import OrgUnit

from .doctypes import clean_number, normalise_type, number_key, number_year
from .models import Citation, Document, DocumentStatus
from .search import index_document, search_text_for, unindex_document

_SNIPPET_REACH = 240
_CLAUSE_BREAKS = re.compile(r"[\n;]|\.\s")


def parse_iso_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if not value or not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _candidates(
    key: str, doc_type: str, issued_on: dt.date | None, number: str, exclude_pk: int | None
) -> list[Document]:
    """Registry entries that may be the document numbered ``number``, best first."""
    if not key:
        return []
    qs = Document.objects.filter(number_key=key)
    if doc_type:
        qs = qs.filter(Q(doc_type=doc_type) | Q(doc_type=""))
    if issued_on:
        qs = qs.filter(Q(issued_on__isnull=True) | Q(issued_on=issued_on))
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    year = number_year(number)
    found = [d for d in qs if not (year and number_year(d.number) not in ("", year))]
    # Exact date first, then registered documents before stubs, then the most recent.
    found.sort(
        key=lambda d: (
            not (issued_on and d.issued_on == issued_on),
            d.status == DocumentStatus.STUB,
            -(d.issued_on.toordinal() if d.issued_on else 0),
            d.pk,
        )
    )
    return found


def matching_stub(
    number: str, doc_type: str, issued_on: dt.date | None, exclude_pk: int | None = None
) -> Document | None:
    """The stub that an imported document with these metadata fills in, if any."""
    for candidate in _candidates(number_key(number), doc_type, issued_on, number, exclude_pk):
        if candidate.status == DocumentStatus.STUB:
            return candidate
    return None


def absorb_stubs(document: Document) -> int:
    """Merge into ``document`` the other stubs that stand for it (after a corrected number).

    Their citations move to ``document``; returns how many stubs were merged.
    """
    merged = 0
    for stub in _candidates(
        document.number_key, document.doc_type, document.issued_on, document.number, document.pk
    ):
        if stub.status != DocumentStatus.STUB:
            continue
        for citation in list(stub.cited_by_citations.all()):
            if citation.citing_id == document.pk:
                citation.delete()
            elif Citation.objects.filter(citing_id=citation.citing_id, cited=document).exists():
                citation.delete()
            else:
                citation.cited = document
                citation.save(update_fields=["cited"])
        stub_pk = stub.pk
        stub.delete()
        unindex_document(stub_pk)
        merged += 1
    return merged


def citation_snippet(text: str, number: str) -> str:
    """The clause of ``text`` in which ``number`` is cited, or "" when it is not found."""
    if not number:
        return ""
    separators = {"/": r"\s*/\s*", "-": r"\s*[-–—]\s*"}
    pattern = "".join(separators.get(ch, re.escape(ch)) for ch in number)
    match = re.search(r"(?<![\w/])" + pattern + r"(?![\w/])", text)
    if not match:
        return ""
    before = text[max(0, match.start() - _SNIPPET_REACH) : match.start()]
    breaks = list(_CLAUSE_BREAKS.finditer(before))
    start = match.start() - len(before) + (breaks[-1].end() if breaks else 0)
    after = text[match.end() : match.end() + _SNIPPET_REACH]
    stop = _CLAUSE_BREAKS.search(after)
    end = match.end() + (stop.start() if stop else len(after))
    return " ".join(text[start:end].split()).strip(" ,")


def _composed(reference: dict[str, Any], number: str) -> str:
    parts = [reference.get("type") or "", "số", number]
    issued_on = parse_iso_date(reference.get("issued_on"))
    if issued_on:
        parts += ["ngày", issued_on.strftime("%d/%m/%Y")]
    if reference.get("issuer"):
        parts += ["của", reference["issuer"]]
    return " ".join(p for p in parts if p)


def _cited_document(reference: dict[str, Any], citing: Document, owner: OrgUnit) -> Document:
    number = clean_number(reference.get("number"))[:100]
    doc_type = normalise_type(reference.get("type"), number)
    issued_on = parse_iso_date(reference.get("issued_on"))
    issuer = (reference.get("issuer") or "")[:255]
    candidates = _candidates(number_key(number), doc_type, issued_on, number, citing.pk)
    if candidates:
        found = candidates[0]
        if found.status == DocumentStatus.STUB:
            # A later citation may say more about the stub than the first one did.
            changed = []
            for field, value in (("issued_on", issued_on), ("issuer", issuer)):
                if value and not getattr(found, field):
                    setattr(found, field, value)
                    changed.append(field)
            if doc_type and not found.doc_type:
                found.doc_type = doc_type
                changed.append("doc_type")
            if changed:
                found.search_text = search_text_for(found)
                found.save(update_fields=[*changed, "search_text", "updated_at"])
                index_document(found)
        return found
    stub = Document(
        owner=owner,
        status=DocumentStatus.STUB,
        number=number,
        number_key=number_key(number),
        doc_type=doc_type,
        issued_on=issued_on,
        issuer=issuer,
    )
    stub.search_text = search_text_for(stub)
    stub.save()
    index_document(stub)
    return stub


def link_citations(document: Document, references: Iterable[dict[str, Any]]) -> list[Citation]:
    """Record what ``document`` cites, finding or creating each cited registry entry."""
    citations: list[Citation] = []
    seen: set[int] = {document.pk}
    for position, reference in enumerate(references):
        if not isinstance(reference, dict) or not reference.get("number"):
            continue
        cited = _cited_document(reference, document, document.owner)
        if cited.pk in seen:
            continue
        seen.add(cited.pk)
        number = clean_number(reference["number"])
        raw = citation_snippet(document.text, number) or _composed(reference, number)
        citation, _created = Citation.objects.get_or_create(
            citing=document,
            cited=cited,
            defaults={"raw_text": raw, "reference": reference, "position": position},
        )
        citations.append(citation)
    return citations
