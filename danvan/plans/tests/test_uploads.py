"""Task evidence goes through the kernel's upload check and is served as a safe download."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from danvan.accounts.models import Role
from danvan.plans.models import Task, TaskAttachment

pytestmark = pytest.mark.django_db

EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64
PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path
    Role.objects.update(require_two_factor=False)


def _post_evidence(client: Client, task: Task, name: str, data: bytes) -> str:
    response = client.post(
        f"/plans/tasks/{task.pk}/update/",
        {
            "version": str(task.version),
            "status": "in_progress",
            "percent": "30",
            "attachments": SimpleUploadedFile(name, data, content_type="application/pdf"),
        },
    )
    return response.content.decode()


def test_an_executable_renamed_pdf_is_refused_as_task_evidence(
    client: Client, commune_task: Task, commune_officer: Any
) -> None:
    client.force_login(commune_officer)
    page = _post_evidence(client, commune_task, "bien-ban.pdf", EXE)
    assert "Không nhận tệp minh chứng «bien-ban.pdf»: nội dung không phải tệp .pdf" in page
    assert not TaskAttachment.objects.exists()
    commune_task.refresh_from_db()
    assert commune_task.percent == 0  # nothing half-written


def test_evidence_is_served_with_its_type_as_an_attachment(
    client: Client, commune_task: Task, commune_officer: Any
) -> None:
    client.force_login(commune_officer)
    _post_evidence(client, commune_task, "Biên bản họp.pdf", PDF)
    attachment = TaskAttachment.objects.get()
    response = client.get(f"/plans/evidence/{attachment.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith('attachment; filename="Bien ban hop.pdf"')
    assert b"".join(response.streaming_content) == PDF  # type: ignore[attr-defined]


def test_an_executable_stored_before_the_check_is_not_served_as_pdf(
    client: Client, commune_task: Task, commune_officer: Any
) -> None:
    attachment = TaskAttachment(task=commune_task, original_name="bien-ban.pdf", size=len(EXE))
    attachment.file.save("bien-ban.pdf", ContentFile(EXE), save=False)
    attachment.save()
    client.force_login(commune_officer)
    response = client.get(f"/plans/evidence/{attachment.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
