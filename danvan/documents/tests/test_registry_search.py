"""Accent-insensitive search by number, title and full text (run on SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest
from django.db import connection

from danvan.core.audit import SYSTEM
from danvan.documents.models import Document
from danvan.documents.search import search_documents
from danvan.documents.services import delete_document, update_metadata

pytestmark = pytest.mark.usefixtures("media")


def found(text: str) -> set[str]:
    return set(search_documents(Document.objects.all(), text).values_list("number", flat=True))


def test_runs_on_a_supported_database() -> None:
    assert connection.vendor in {"sqlite", "postgresql"}


@pytest.mark.parametrize("query", ["dan van kheo", "Dân vận khéo", "DÂN VẬN KHÉO", "dân van KHEO"])
def test_accents_and_case_do_not_matter(registry: dict[str, Document], query: str) -> None:
    # The province plan says "Dân vận khéo" in its body, the commune plan in its title.
    assert found(query) == {"125/KH-UBND", "07/KH-UBND"}


def test_d_with_stroke_matches_d(registry: dict[str, Document]) -> None:
    # "đối thoại" appears only in the directive's body.
    assert found("doi thoai") == {"12/CT-UBND"}
    assert found("đối thoại") == {"12/CT-UBND"}
    assert found("ĐỐI THOẠI") == {"12/CT-UBND"}


def test_by_number_including_stubs(registry: dict[str, Document]) -> None:
    assert "125/KH-UBND" in found("125/KH-UBND")
    assert found("23-QĐ/TW") == {"23-QĐ/TW", "125/KH-UBND", "12/CT-UBND"}  # stub and citers
    stub = Document.objects.get(number="23-QĐ/TW")
    assert stub.is_stub
    assert found("12/CT-UBND") >= {"12/CT-UBND"}


def test_words_may_be_unfinished_but_all_must_match(registry: dict[str, Document]) -> None:
    assert found("dan va khe") == {"125/KH-UBND", "07/KH-UBND"}
    assert found("dan van kheo dat dai") == set()
    assert found("khong co tu nay") == set()


def test_blank_query_returns_everything(registry: dict[str, Document]) -> None:
    assert search_documents(Document.objects.all(), "  ").count() == Document.objects.count()
    assert search_documents(Document.objects.all(), "!!! ''").count() == Document.objects.count()


def test_the_index_follows_edits_and_deletions(registry: dict[str, Document]) -> None:
    update_metadata(registry["directive"], title="Về phát huy dân chủ ở cơ sở", actor=SYSTEM)
    assert found("phat huy dan chu") == {"12/CT-UBND"}

    delete_document(registry["commune"], actor=SYSTEM)
    assert found("dan van kheo") == {"125/KH-UBND"}
    assert not Document.objects.filter(number="07/KH-UBND").exists()


def test_search_respects_the_queryset_it_is_given(registry: dict[str, Document]) -> None:
    only_plans = Document.objects.filter(doc_type="plan").exclude(number="07/KH-UBND")
    assert set(search_documents(only_plans, "dan van").values_list("number", flat=True)) == {
        "125/KH-UBND"
    }
