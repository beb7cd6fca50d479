"""Signed minutes go through the kernel's upload check and are served as a safe download."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from danvan.accounts.models import Role
from danvan.dialogues.models import Dialogue
from danvan.testing.fixtures import Tree

from .support import make_dialogue

pytestmark = pytest.mark.django_db

EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64
PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path
    Role.objects.update(require_two_factor=False)


def _record(client: Client, tree: Tree, minutes: SimpleUploadedFile) -> str:
    response = client.post(
        reverse("dialogues:create"),
        {
            "owner": tree.commune.pk,
            "held_on": "2026-11-02",
            "kind": "periodic",
            "topic": "Đối thoại định kỳ quý IV",
            "place": "Hội trường xã",
            "chaired_by": "Chủ tịch UBND xã",
            "officials_count": 6,
            "citizens_count": 52,
            "minutes": minutes,
        },
    )
    return response.content.decode()


def test_an_executable_renamed_pdf_is_refused_as_signed_minutes(
    client: Client, tree: Tree, commune_officer: Any
) -> None:
    client.force_login(commune_officer)
    page = _record(client, tree, SimpleUploadedFile("bien-ban.pdf", EXE, "application/pdf"))
    assert "Không nhận biên bản «bien-ban.pdf»: nội dung không phải tệp .pdf" in page
    assert not Dialogue.objects.exists()


def test_minutes_are_served_with_their_type_as_an_attachment(
    client: Client, tree: Tree, commune_officer: Any
) -> None:
    client.force_login(commune_officer)
    _record(client, tree, SimpleUploadedFile("Biên bản đã ký.pdf", PDF, "application/pdf"))
    dialogue = Dialogue.objects.get()
    assert dialogue.minutes_name == "Biên bản đã ký.pdf"
    response = client.get(reverse("dialogues:minutes", args=[dialogue.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith('attachment; filename="Bien ban da ky.pdf"')


def test_an_executable_stored_before_the_check_is_not_served_as_pdf(
    client: Client, tree: Tree, commune_officer: Any
) -> None:
    dialogue = make_dialogue(tree.commune, minutes_name="bien-ban.pdf")
    dialogue.minutes.save("bien-ban.pdf", ContentFile(EXE))
    client.force_login(commune_officer)
    response = client.get(reverse("dialogues:minutes", args=[dialogue.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["X-Content-Type-Options"] == "nosniff"
