"""Officers open the files citizens send: in scope, 404 outside it, and for a denunciation only
the officers handling it and their leaders, every download recorded."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from django.test import Client

from danvan.accounts.models import User
from danvan.accounts.services import issue_token
from danvan.core.audit import SYSTEM
from danvan.core.uploads import content_disposition
from danvan.petitions.casework import services
from danvan.petitions.models import IdentityAccess, Petition
from danvan.testing.fixtures import Tree, official

from .factories import make_petition

PDF = b"%PDF-1.4\n% bang chung\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16
PDF_NAME = "Biên bản hiện trường đất.pdf"


def login(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def bearer(user: User) -> dict[str, str]:
    return {"Authorization": f"Bearer {issue_token(user, 'tải tệp', actor=SYSTEM)[1]}"}


@pytest.fixture
def handler(tree: Tree) -> User:
    return official("reception_officer", tree.commune, username="xa.tiepdan")


@pytest.fixture
def complaint(handler: User, tree: Tree) -> Petition:
    return make_petition(
        handler,
        tree.commune,
        attachments=[services.Upload(PDF_NAME, PDF), services.Upload("anh.png", PNG)],
    )


def test_the_handling_officer_downloads_the_file(complaint: Petition, handler: User) -> None:
    attachment = complaint.attachments.get(original_name=PDF_NAME)
    url = f"/petitions/{complaint.pk}/attachments/{attachment.pk}/"
    client = login(handler)
    page = client.get(f"/petitions/{complaint.pk}/")
    assert url in page.text and PDF_NAME in page.text
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF  # type: ignore[attr-defined]
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f"filename*=UTF-8''{quote(PDF_NAME, safe='')}" in disposition
    assert 'filename="Bien ban hien truong dat.pdf"' in disposition
    # Not a denunciation: nothing to record.
    assert not IdentityAccess.objects.exists()


def test_content_disposition_keeps_headers_safe() -> None:
    header = content_disposition('Đơn "khẩn"\r\nX-Evil: 1.txt')
    assert "\r" not in header and "\n" not in header
    assert 'filename="Don _khan___X-Evil: 1.txt"' in header
    assert "filename*=UTF-8''%C4%90%C6%A1n%20%22kh%E1%BA%A9n%22%0D%0AX-Evil%3A%201.txt" in header


def test_an_officer_of_another_commune_gets_404(complaint: Petition, tree: Tree) -> None:
    attachment = complaint.attachments.first()
    assert attachment is not None
    other = official("reception_officer", tree.other_commune, username="tanlap.tiepdan")
    response = login(other).get(f"/petitions/{complaint.pk}/attachments/{attachment.pk}/")
    assert response.status_code == 404


def test_a_file_of_another_petition_gets_404(
    complaint: Petition, handler: User, tree: Tree
) -> None:
    other = make_petition(
        handler, tree.commune, petitioner_id_number="004090009999",
        attachments=[services.Upload("khac.pdf", PDF)],
    )  # fmt: skip
    foreign = other.attachments.get()
    client = login(handler)
    assert client.get(f"/petitions/{complaint.pk}/attachments/{foreign.pk}/").status_code == 404
    assert client.get(f"/petitions/{complaint.pk}/attachments/999999/").status_code == 404
    assert client.get(f"/petitions/{other.pk}/attachments/{foreign.pk}/").status_code == 200


def test_a_missing_stored_file_is_a_404(complaint: Petition, handler: User) -> None:
    attachment = complaint.attachments.first()
    assert attachment is not None
    attachment.file.delete(save=False)
    response = login(handler).get(f"/petitions/{complaint.pk}/attachments/{attachment.pk}/")
    assert response.status_code == 404


def test_the_api_lists_and_serves_the_files(complaint: Petition, handler: User, tree: Tree) -> None:
    headers = bearer(handler)
    client = Client()
    body = client.get(f"/api/v1/petitions/{complaint.pk}", headers=headers).json()
    assert body["attachment_count"] == 2
    listed = {a["name"]: a for a in body["attachments"]}
    pdf = listed[PDF_NAME]
    assert pdf["size"] == len(PDF) and pdf["content_type"] == "application/pdf"
    assert pdf["download_url"].endswith(f"/api/v1/petitions/{complaint.pk}/attachments/{pdf['id']}")
    response = client.get(pdf["download_url"], headers=headers)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF  # type: ignore[attr-defined]
    assert response["X-Content-Type-Options"] == "nosniff"
    other = official("reception_officer", tree.other_commune, username="tanlap.tiepdan")
    assert client.get(pdf["download_url"], headers=bearer(other)).status_code == 404
    assert Client().get(pdf["download_url"]).status_code == 401


def test_anonymous_denunciation_files_are_for_handlers_only(tree: Tree, handler: User) -> None:
    # No identity anyone may read, but the evidence is still the handlers' to weigh.
    petition = make_petition(
        handler, tree.commune, kind="denunciation", is_anonymous=True,
        attachments=[services.Upload("chung-cu.pdf", PDF)],
    )  # fmt: skip
    attachment = petition.attachments.get()
    url = f"/petitions/{petition.pk}/attachments/{attachment.pk}/"
    colleague = official("reception_officer", tree.commune, username="xa.tiepdan2")
    assert login(colleague).get(url).status_code == 404
    assert login(handler).get(url).status_code == 200
    assert list(IdentityAccess.objects.values_list("user__username", "channel")) == [
        ("xa.tiepdan", f"web.attachment:{attachment.pk}")
    ]
