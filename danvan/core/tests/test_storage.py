"""Uploads live wherever STORAGE_BACKEND says: a local directory or an S3-compatible store.

No code may reach a stored file by a filesystem path: with several app servers the files are in
an object store and have none. An in-memory storage stands in for S3 here (it has no ``path()``
either), and the files go in and come out as before: as downloads with ``attachment`` and
``nosniff``, never linked from the store.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from django.core.files.storage import InMemoryStorage, default_storage, storages
from django.urls import reverse

import danvan
from danvan.core.audit import SYSTEM
from danvan.testing.fixtures import Tree, official, signed_in

from .test_settings import run_danvan

PACKAGE = Path(danvan.__file__).parent
PDF = b"%PDF-1.4\n% bien ban\n"
TEXT = "ỦY BAN NHÂN DÂN\nTỈNH THỬ NGHIỆM\nKẾ HOẠCH\nThực hiện công tác dân vận năm 2026\n"


@pytest.fixture
def object_store(settings: Any, tmp_path: Path) -> Path:
    """The default storage in memory, and a MEDIA_ROOT that must stay empty."""
    memory = {"BACKEND": "django.core.files.storage.InMemoryStorage"}
    settings.STORAGES = {**settings.STORAGES, "default": memory}
    settings.MEDIA_ROOT = tmp_path / "media"
    return tmp_path / "media"


def _nothing_on_disk(root: Path) -> None:
    assert not root.exists() or not any(p.is_file() for p in root.rglob("*"))


def test_a_petition_attachment_goes_to_the_store_and_comes_back_as_a_download(
    tree: Tree, object_store: Path
) -> None:
    from danvan.petitions.casework import services
    from danvan.petitions.tests.factories import make_petition

    handler = official("reception_officer", tree.commune, username="xa.kholuu")
    petition = make_petition(
        handler, tree.commune, attachments=[services.Upload("Biên bản.pdf", PDF)]
    )
    attachment = petition.attachments.get()
    assert isinstance(storages["default"], InMemoryStorage)
    assert attachment.file.name and default_storage.exists(attachment.file.name)
    _nothing_on_disk(object_store)

    response = signed_in(handler).get(f"/petitions/{petition.pk}/attachments/{attachment.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF  # type: ignore[attr-defined]
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_registry_document_is_stored_and_downloaded_without_a_path(
    tree: Tree, object_store: Path
) -> None:
    from danvan.documents.services import import_document

    result = import_document(
        io.BytesIO(TEXT.encode()), filename="ke-hoach.txt", owner=tree.province, actor=SYSTEM
    )
    document = result.document
    assert document.file.name and default_storage.exists(document.file.name)
    _nothing_on_disk(object_store)
    # The same file again finds the stored one (same name, same store).
    again = import_document(
        io.BytesIO(TEXT.encode()), filename="ke-hoach.txt", owner=tree.province, actor=SYSTEM
    )
    assert again.document.pk == document.pk and not again.created

    officer = official("officer", tree.province, username="tinh.kholuu")
    response = signed_in(officer).get(reverse("documents:download", args=[document.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == TEXT.encode()  # type: ignore[attr-defined]
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"


# A stored file reached through the filesystem: ``.path`` of a file field, ``storage.path()``,
# ``MEDIA_ROOT`` joined to a stored name.
FILESYSTEM_ACCESS = re.compile(
    r"\.(?:file|minutes|evidence|photo|document)\.path\b|storage\.path\(|MEDIA_ROOT"
)
#: Where MEDIA_ROOT is named on purpose: its declaration, DEBUG serving, and the backup of a
#: local installation (files swapped in by renames; an object store goes through the storage
#: API: ops/uploads.py).
ALLOWED = {"settings.py", "urls.py", "ops/backup.py", "ops/uploads.py"}


def test_no_module_reads_a_stored_file_by_its_path() -> None:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if "/tests/" in f"/{relative}" or "/migrations/" in relative or relative in ALLOWED:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if FILESYSTEM_ACCESS.search(line) and not line.lstrip().startswith("#"):
                found.append(f"{relative}:{number}: {line.strip()}")
    assert found == []


def test_s3_is_configured_from_the_environment() -> None:
    shown = run_danvan(
        "shell",
        "-c",
        "from django.core.files.storage import default_storage as s; s._setup(); w = s._wrapped; "
        "print(w.__class__.__name__, w.bucket_name, w.endpoint_url, w.location, w.file_overwrite)",
        STORAGE_BACKEND="s3",
        S3_BUCKET="danvan-caobang",
        S3_ENDPOINT_URL="https://s3.example.vn",
        S3_PREFIX="/tep-tai-len/",
        S3_ACCESS_KEY_ID="AKIAEXAMPLE",
        S3_SECRET_ACCESS_KEY="bi-mat",
    )
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.strip().splitlines()[-1] == (
        "S3Storage danvan-caobang https://s3.example.vn tep-tai-len False"
    )


@pytest.mark.parametrize(
    ("env", "variable"),
    [
        ({"STORAGE_BACKEND": "s3"}, "S3_BUCKET"),
        ({"STORAGE_BACKEND": "ftp"}, "STORAGE_BACKEND"),
        # In memory only for tests: every worker would keep its own files and lose them.
        ({"STORAGE_BACKEND": "memory"}, "STORAGE_BACKEND"),
    ],
)
def test_a_wrong_storage_setting_stops_the_start(env: dict[str, str], variable: str) -> None:
    result = run_danvan("check", **env)
    assert result.returncode == 2
    assert f"Cấu hình sai ở biến môi trường {variable}" in result.stderr


def test_local_storage_is_the_default() -> None:
    shown = run_danvan(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.STORAGES['default']['BACKEND'])",
        STORAGE_BACKEND="",
    )
    assert shown.stdout.strip().splitlines()[-1] == "django.core.files.storage.FileSystemStorage"


def test_a_backup_holds_the_uploads_of_an_object_store(
    db: None, object_store: Path, tmp_path: Path
) -> None:
    """Read through the storage API, not from MEDIA_ROOT (ops/tests/test_backup.py runs the
    round trip against a real S3-compatible server)."""
    import tarfile

    from django.core.files.base import ContentFile
    from django.core.management import call_command

    name = default_storage.save("notes/biên bản.pdf", ContentFile(PDF))
    out, err = io.StringIO(), io.StringIO()
    call_command("backup", str(tmp_path / "a.tar.gz"), stdout=out, stderr=err)
    assert err.getvalue() == ""
    with tarfile.open(tmp_path / "a.tar.gz") as archive:
        member = archive.extractfile(f"media/{name}")
        assert member is not None and member.read() == PDF
    _nothing_on_disk(object_store)
