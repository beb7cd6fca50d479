"""The registry over /api/v1/documents/: upload, list and search, detail, confirm; all scoped."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from danvan.accounts.models import User
from danvan.accounts.services import issue_token
from danvan.core.audit import SYSTEM
from danvan.documents.models import Document, DocumentStatus
from danvan.documents.tests.registry_support import (
    COMMUNE_PLAN,
    MALFORMED_IDS,
    PROVINCE_PLAN,
    import_sample,
    malformed_files,
    stored_files,
)
from danvan.testing.fixtures import Tree, official

pytestmark = pytest.mark.usefixtures("media")


URL = "/api/v1/documents/"


def upload(client: Client, path: Path, owner_id: int, **headers: Any) -> Any:
    file = SimpleUploadedFile(path.name, path.read_bytes())
    return client.post(URL, {"file": file, "owner_id": owner_id}, **headers)


def test_upload_answers_201_with_the_document(
    client: Client, tree: Tree, province_officer: User
) -> None:
    client.force_login(province_officer)

    response = upload(client, PROVINCE_PLAN, tree.province.pk)

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["number"] == "125/KH-UBND"
    assert body["status"] == "draft"
    assert body["owner"]["key"] == "p90"
    assert body["created"] is True
    assert {c["number"] for c in body["cites"]} == {"23-QĐ/TW", "12/CT-UBND"}
    assert body["parsed"]["doc"]["number"] == "125/KH-UBND"

    again = upload(client, PROVINCE_PLAN, tree.province.pk)
    assert again.status_code == 200
    assert again.json()["id"] == body["id"]
    assert again.json()["created"] is False
    assert "đã có" in again.json()["message"]


@pytest.mark.parametrize("case", MALFORMED_IDS)
def test_malformed_uploads_answer_400_in_vietnamese(
    client: Client, tree: Tree, province_officer: User, media: Path, case: str
) -> None:
    _, filename, content = next(c for c in malformed_files() if c[0] == case)
    client.force_login(province_officer)

    response = client.post(
        URL,
        {"file": SimpleUploadedFile(filename, content), "owner_id": tree.province.pk},
    )

    assert response.status_code == 400, response.content
    detail = response.json()["detail"]
    assert isinstance(detail, str)
    assert any(ch in detail for ch in "ệếờạảủ")
    assert not Document.objects.exists()
    assert stored_files(media) == []


def test_too_large_upload_answers_400(
    client: Client, tree: Tree, province_officer: User, settings: Any, media: Path
) -> None:
    settings.DOCUMENTS_MAX_UPLOAD_BYTES = 300
    client.force_login(province_officer)

    response = upload(client, PROVINCE_PLAN, tree.province.pk)

    assert response.status_code == 400
    assert "quá lớn" in response.json()["detail"]
    assert not Document.objects.exists()
    assert stored_files(media) == []


def test_upload_outside_scope_or_without_rights_is_refused(
    client: Client, tree: Tree, commune_officer: User
) -> None:
    client.force_login(commune_officer)
    assert upload(client, PROVINCE_PLAN, tree.province.pk).status_code == 404
    client.force_login(official("viewer", tree.commune))
    assert upload(client, PROVINCE_PLAN, tree.commune.pk).status_code == 403
    assert not Document.objects.exists()


def test_token_client_lists_and_searches_its_scope(
    client: Client, tree: Tree, commune_officer: User
) -> None:
    import_sample(PROVINCE_PLAN, tree.province)
    commune_plan = import_sample(COMMUNE_PLAN, tree.commune).document
    _, raw = issue_token(commune_officer, "hệ thống báo cáo", actor=SYSTEM)
    auth = {"authorization": f"Bearer {raw}"}

    listed = client.get(URL, headers=auth)
    assert listed.status_code == 200
    numbers = {item["number"] for item in listed.json()["items"]}
    assert "07/KH-UBND" in numbers
    assert "125/KH-UBND" not in numbers  # the province's draft

    searched = client.get(URL, {"q": "dan van kheo"}, headers=auth).json()["items"]
    assert [item["id"] for item in searched] == [commune_plan.pk]
    filtered = client.get(URL, {"year": "2025", "doc_type": "plan"}, headers=auth).json()["items"]
    assert [item["id"] for item in filtered] == [commune_plan.pk]

    province_plan = Document.objects.get(number="125/KH-UBND")
    assert client.get(f"{URL}{province_plan.pk}", headers=auth).status_code == 404
    assert client.get(URL).status_code == 401


def test_detail_shows_citations_both_ways_filtered_by_scope(
    client: Client, tree: Tree, province_officer: User, commune_officer: User
) -> None:
    commune_plan = import_sample(COMMUNE_PLAN, tree.commune).document
    province_plan = import_sample(PROVINCE_PLAN, tree.province).document

    client.force_login(province_officer)
    body = client.get(f"{URL}{province_plan.pk}").json()
    assert [d["id"] for d in body["cited_by"]] == [commune_plan.pk]

    client.force_login(commune_officer)
    body = client.get(f"{URL}{commune_plan.pk}").json()
    [citation] = body["cites"]
    assert citation["number"] == "125/KH-UBND"
    assert citation["document"] is None  # not the commune's to see


def test_patch_corrects_and_confirms(
    client: Client, tree: Tree, province_officer: User, commune_officer: User
) -> None:
    document = import_sample(PROVINCE_PLAN, tree.province).document
    url = f"{URL}{document.pk}"

    client.force_login(commune_officer)
    assert client.patch(url, {"confirm": True}, content_type="application/json").status_code == 404

    viewer = official("viewer", tree.province)
    client.force_login(viewer)
    assert client.patch(url, {"confirm": True}, content_type="application/json").status_code == 403

    client.force_login(province_officer)
    saved = client.patch(url, {"signer": "Nguyễn Văn Thành"}, content_type="application/json")
    assert saved.status_code == 200
    assert saved.json()["status"] == "draft"
    confirmed = client.patch(
        url,
        {"title": "Công tác dân vận chính quyền năm 2025", "confirm": True},
        content_type="application/json",
    )
    assert confirmed.status_code == 200
    document.refresh_from_db()
    assert document.status == DocumentStatus.CONFIRMED
    assert document.title == "Công tác dân vận chính quyền năm 2025"

    bad = client.patch(url, {"issued_on": "hôm qua"}, content_type="application/json")
    assert bad.status_code == 422
