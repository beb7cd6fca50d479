"""The registry pages: list and search, upload, review and confirm, document page, download."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpRequest
from django.test import Client
from django.urls import reverse

from danvan.accounts.models import User
from danvan.core.audit import SYSTEM
from danvan.documents.models import Document, DocumentStatus
from danvan.documents.services import import_document
from danvan.documents.tests.registry_support import (
    PROVINCE_PLAN,
    stored_files,
)
from danvan.documents.usage import UsageItem, register_usage, unregister_usage
from danvan.testing.fixtures import Tree, official

pytestmark = pytest.mark.usefixtures("media")


def test_list_runs_a_fixed_number_of_queries(
    client: Client,
    tree: Tree,
    registry: dict[str, Document],
    province_officer: User,
    django_assert_num_queries: Any,
) -> None:
    client.force_login(province_officer)
    url = reverse("documents:list")
    client.get(url)  # the first request of a session also checks two-factor devices
    # Session, user, role assignments, merged predecessors; count, years, page of documents;
    # the unread-notifications badge.
    with django_assert_num_queries(7):
        response = client.get(url, {"q": "dan van"})
    assert response.status_code == 200
    for document in (registry["plan"], registry["commune"]):
        assert reverse("documents:detail", args=[document.pk]) in response.content.decode()
    for n in range(4):
        text = f"Số: {n + 1}/TB-UBND\nTHÔNG BÁO\nVề công tác dân vận năm 202{n}\n"
        import_document(
            io.BytesIO(text.encode()), filename=f"tb-{n}.txt", owner=tree.village, actor=SYSTEM
        )
    with django_assert_num_queries(7):
        response = client.get(url, {"q": "dan van"})
    assert response.content.decode().count("/TB-UBND") == 4


def test_list_search_and_filters(
    client: Client, registry: dict[str, Document], province_officer: User
) -> None:
    client.force_login(province_officer)
    url = reverse("documents:list")

    page = client.get(url, {"q": "dan van kheo"}, HTTP_HX_REQUEST="true")
    assert page.templates[0].name == "documents/_results.html"
    body = page.content.decode()
    assert "125/KH-UBND" in body and "07/KH-UBND" in body
    assert "12/CT-UBND" not in body

    body = client.get(url, {"doc_type": "directive"}).content.decode()
    assert "12/CT-UBND" in body and "125/KH-UBND" not in body
    body = client.get(url, {"year": "2024"}).content.decode()
    assert "125/KH-UBND" not in body


def test_commune_officer_cannot_see_the_province_draft(
    client: Client, registry: dict[str, Document], commune_officer: User
) -> None:
    client.force_login(commune_officer)
    plan = registry["plan"]

    listed = client.get(reverse("documents:list")).content.decode()
    assert "07/KH-UBND" in listed
    assert reverse("documents:detail", args=[plan.pk]) not in listed
    assert client.get(reverse("documents:detail", args=[plan.pk])).status_code == 404
    assert client.get(reverse("documents:download", args=[plan.pk])).status_code == 404
    assert client.get(reverse("documents:review", args=[plan.pk])).status_code == 404


def test_upload_page_imports_and_sends_to_review(
    client: Client, tree: Tree, province_officer: User
) -> None:
    client.force_login(province_officer)
    url = reverse("documents:upload")
    assert client.get(url).status_code == 200

    file = SimpleUploadedFile(PROVINCE_PLAN.name, PROVINCE_PLAN.read_bytes())
    response = client.post(url, {"file": file, "owner": tree.province.pk})

    document = Document.objects.registered().get()
    assert response.status_code == 302
    assert response["Location"] == reverse("documents:review", args=[document.pk])
    assert document.status == DocumentStatus.DRAFT


def test_upload_page_shows_why_a_file_is_refused(
    client: Client, tree: Tree, province_officer: User, media: Path
) -> None:
    client.force_login(province_officer)
    file = SimpleUploadedFile("trong.txt", b"   \n  ")

    response = client.post(reverse("documents:upload"), {"file": file, "owner": tree.province.pk})

    assert response.status_code == 200
    assert "Tệp rỗng" in response.content.decode()
    assert not Document.objects.exists()
    assert stored_files(media) == []


def test_upload_page_is_closed_to_read_only_roles(client: Client, tree: Tree) -> None:
    client.force_login(official("viewer", tree.province))
    assert client.get(reverse("documents:upload")).status_code == 403


def test_review_saves_then_confirms(
    client: Client, registry: dict[str, Document], province_officer: User
) -> None:
    client.force_login(province_officer)
    plan = registry["plan"]
    url = reverse("documents:review", args=[plan.pk])

    page = client.get(url).content.decode()
    assert "Nguyễn Văn Thành" in page  # extracted signer, ready to correct
    assert "15/12/2025" in page  # the deadline table
    assert "Sở Nội vụ" in page

    fields = {
        "number": "125/KH-UBND",
        "doc_type": "plan",
        "issued_on": "2025-03-15",
        "place": "Thử Nghiệm",
        "issuer": "Ủy ban nhân dân tỉnh Thử Nghiệm",
        "signer": "Nguyễn Văn Thành",
        "title": "Thực hiện công tác dân vận chính quyền năm 2025",
    }
    assert client.post(url, {**fields, "save": ""}).status_code == 302
    plan.refresh_from_db()
    assert plan.status == DocumentStatus.DRAFT

    response = client.post(url, {**fields, "place": "Tỉnh Thử Nghiệm", "confirm": ""})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.status == DocumentStatus.CONFIRMED
    assert plan.place == "Tỉnh Thử Nghiệm"


def test_read_only_roles_cannot_review(client: Client, tree: Tree, registry: dict[str, Document]):  # type: ignore[no-untyped-def]
    client.force_login(official("viewer", tree.province))
    plan = registry["plan"]
    assert client.get(reverse("documents:detail", args=[plan.pk])).status_code == 200
    assert client.get(reverse("documents:review", args=[plan.pk])).status_code == 404


def test_document_page_shows_citations_both_ways_and_used_by(
    client: Client, registry: dict[str, Document], province_officer: User
) -> None:
    client.force_login(province_officer)
    plan = registry["plan"]

    def used_by(request: HttpRequest, document: Document) -> list[UsageItem]:
        return [UsageItem("Kế hoạch triển khai 2025", "/plans/1/")] if document == plan else []

    try:
        register_usage("test-plans", "Kế hoạch")(used_by)
        page = client.get(reverse("documents:detail", args=[plan.pk])).content.decode()
        other = client.get(reverse("documents:detail", args=[registry["directive"].pk]))
    finally:
        unregister_usage("test-plans")

    directive_link = reverse("documents:detail", args=[registry["directive"].pk])
    commune_link = reverse("documents:detail", args=[registry["commune"].pk])
    assert directive_link in page  # cites
    assert commune_link in page  # cited by
    assert "/plans/1/" in page  # used by
    assert "/plans/1/" not in other.content.decode()
    assert reverse("documents:download", args=[plan.pk]) in page
    assert "Dân vận khéo" in page or "Đẩy mạnh phong trào" in page  # section tree


def test_stub_page_is_open_to_those_who_see_a_citing_document(
    client: Client, tree: Tree, registry: dict[str, Document], commune_officer: User, outsider: User
) -> None:
    decision = Document.objects.get(number="23-QĐ/TW")  # a stub owned by the province
    url = reverse("documents:detail", args=[decision.pk])
    client.force_login(commune_officer)
    assert client.get(url).status_code == 404

    text = (
        "ỦY BAN NHÂN DÂN\nXÃ HÒA BÌNH\nSố: 15/KH-UBND\nHòa Bình, ngày 05 tháng 5 năm 2025\n\n"
        "KẾ HOẠCH\nTuyên truyền Quy chế công tác dân vận\n\n"
        "Căn cứ Quyết định số 23-QĐ/TW ngày 30/7/2021 của Bộ Chính trị.\n"
    )
    citing = import_document(
        io.BytesIO(text.encode()), filename="15.txt", owner=tree.commune, actor=SYSTEM
    )

    page = client.get(url)
    assert page.status_code == 200
    body = page.content.decode()
    assert reverse("documents:detail", args=[citing.document.pk]) in body  # cited by, visible
    assert reverse("documents:detail", args=[registry["plan"].pk]) not in body  # hidden
    client.force_login(outsider)
    assert client.get(url).status_code == 404


def test_download_returns_the_original_file(
    client: Client, registry: dict[str, Document], province_officer: User
) -> None:
    client.force_login(province_officer)
    response = client.get(reverse("documents:download", args=[registry["plan"].pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PROVINCE_PLAN.read_bytes()  # type: ignore[attr-defined]
    assert "ke-hoach-tinh.txt" in response["Content-Disposition"]
    stub = Document.objects.get(number="23-QĐ/TW")
    assert client.get(reverse("documents:download", args=[stub.pk])).status_code == 404


def test_review_says_when_the_text_came_from_ocr(
    client: Client, registry: dict[str, Document], province_officer: User
) -> None:
    client.force_login(province_officer)
    plan = registry["plan"]
    url = reverse("documents:review", args=[plan.pk])
    assert "nhận dạng ký tự (OCR)" not in client.get(url).content.decode()

    Document.objects.filter(pk=plan.pk).update(parsed={**plan.parsed, "text_source": "ocr"})

    assert "nhận dạng ký tự (OCR)" in client.get(url).content.decode()
