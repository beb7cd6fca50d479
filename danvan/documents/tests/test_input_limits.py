"""Issue 17: document metadata longer than its columns, and odd filters, are refused or
ignored, never a 500 (PostgreSQL) or a value longer than its column (SQLite)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from danvan.accounts.models import User
from danvan.documents.models import Document
from danvan.documents.tests.registry_support import PROVINCE_PLAN, import_sample
from danvan.testing.fixtures import Tree

pytestmark = pytest.mark.usefixtures("media")


@pytest.mark.parametrize(
    "fields",
    [
        {"number": "1" * 101},
        {"place": "P" * 121},
        {"issuer": "I" * 256},
        {"signer": "S" * 151},
        {"title": "tiêu đề\x00"},
    ],
    ids=lambda f: next(iter(f)),
)
def test_metadata_longer_than_its_column_is_a_422(
    fields: dict[str, Any], client: Client, tree: Tree, province_officer: User
) -> None:
    document = import_sample(PROVINCE_PLAN, tree.province).document
    before = {f: getattr(document, f) for f in ("number", "place", "issuer", "signer", "title")}
    client.force_login(province_officer)
    response = client.patch(
        f"/api/v1/documents/{document.pk}", fields, content_type="application/json"
    )
    assert response.status_code == 422, response.content
    document = Document.objects.get(pk=document.pk)
    assert {f: getattr(document, f) for f in before} == before


@pytest.mark.parametrize(
    "query", ["year=10000", "year=99999999999999999999", "year=²", "q=d%00an", "q=" + "a" * 3000]
)
def test_registry_page_ignores_unusable_filters(
    query: str, client: Client, tree: Tree, province_officer: User
) -> None:
    client.force_login(province_officer)
    from django.urls import reverse

    response = client.get(reverse("documents:list") + "?" + query)
    assert response.status_code == 200
