"""``danvan backup`` / ``restore`` / ``checksum``: a round trip gives back identical content.

Transactional tests (the restore commits, as it does in production) on whichever database the
run uses; one test restores into a fresh SQLite database in a separate ``danvan`` process, so a
run on PostgreSQL also proves the backup crosses from one database to the other.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tarfile
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from danvan.accounts.models import User
from danvan.cli import main as cli
from danvan.core.audit import SYSTEM
from danvan.documents.models import Document
from danvan.documents.search import search_documents
from danvan.documents.services import import_document
from danvan.ops import backup
from danvan.orgs.models import OrgUnit
from danvan.petitions.models import Petition
from danvan.petitions.tests.factories import make_petition
from danvan.testing.fixtures import Tree, official

pytestmark = pytest.mark.django_db(transaction=True)

PLAN = (
    "ỦY BAN NHÂN DÂN\nXÃ HÒA BÌNH\nSố: 15/KH-UBND\nHòa Bình, ngày 05 tháng 5 năm 2025\n\n"
    "KẾ HOẠCH\nTuyên truyền Quy chế công tác dân vận khéo\n\n"
    "Ủy ban nhân dân xã ban hành Kế hoạch tuyên truyền về đối thoại với Nhân dân.\n"
)


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    root = tmp_path / "var" / "media"
    root.mkdir(parents=True)
    settings.MEDIA_ROOT = root
    return root


@pytest.fixture
def filled(tree: Tree, media: Path) -> dict[str, Any]:
    """Officials, petitions (with their audit entries), a document with its stored file."""
    officer = official(
        "reception_officer", tree.commune, username="xa.tiepdan", first_name="Lò Thị"
    )
    petitions = [
        make_petition(officer, tree.commune, title=f"Đề nghị số {n}: đường thôn «Nà Mạ»")
        for n in range(5)
    ]
    document = import_document(
        io.BytesIO(PLAN.encode()),
        filename="ke-hoach-15.txt",
        owner=tree.commune,
        confirm=True,
        actor=SYSTEM,
    ).document
    # Text primary keys whose order differs between byte order and a language's collation.
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    for key in ("Bphien" + "x" * 26, "aphien" + "x" * 26, "Ä" + "x" * 31):
        Session.objects.create(session_key=key, session_data="e30=", expire_date=timezone.now())
    (media / "notes").mkdir()
    (media / "notes" / "biên bản.txt").write_bytes("Biên bản họp thôn\n".encode())
    return {"officer": officer, "unit": tree.commune, "petitions": petitions, "document": document}


def run(*argv: str) -> int:
    return cli(["danvan", *argv])


def rewrite(source: Path, target: Path, change: Callable[[dict[str, bytes]], None]) -> None:
    """Copy an archive with its members changed by ``change`` (the manifest stays first)."""
    with tarfile.open(source, "r:gz") as archive:
        members = {}
        for member in archive:
            handle = archive.extractfile(member)
            assert handle is not None
            members[member.name] = handle.read()
    change(members)
    with tarfile.open(target, "w:gz") as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))


def test_a_round_trip_restores_identical_rows_and_uploads(
    filled: dict[str, Any], media: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = backup.checksum()
    archive = tmp_path / "danvan.tar.gz"
    assert run("backup", str(archive)) == 0
    assert before in capsys.readouterr().out
    stored = Path(media / filled["document"].file.name)
    original = stored.read_bytes()

    # Everything changes after the backup: rows added, edited and deleted, files too.
    officer = filled["officer"]
    name = User.objects.get(pk=officer.pk).first_name
    make_petition(officer, filled["unit"], title="Đơn đến sau bản sao lưu")
    User.objects.filter(pk=officer.pk).update(first_name="Tên đã sửa")
    Petition.objects.filter(pk=filled["petitions"][0].pk).delete()
    stored.unlink()
    (media / "stray.txt").write_text("không có trong bản sao lưu")
    assert backup.checksum() != before

    assert run("restore", str(archive), "--force") == 0
    assert backup.checksum() == before
    assert stored.read_bytes() == original
    assert not (media / "stray.txt").exists()
    assert (media / "notes" / "biên bản.txt").read_text() == "Biên bản họp thôn\n"
    assert User.objects.get(pk=officer.pk).first_name == name
    assert Petition.objects.count() == 5
    # The full-text index is rebuilt from the restored documents (FTS5 on SQLite).
    assert list(search_documents(Document.objects.all(), "dan van kheo")) == [filled["document"]]
    # Sequences follow the restored rows: the next petition gets a new key.
    later = make_petition(User.objects.get(pk=officer.pk), filled["unit"], title="Đơn mới")
    assert later.pk > max(p.pk for p in filled["petitions"])


def test_checksum_and_hash_only_print_the_manifest_content_hash(
    filled: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("checksum") == 0
    printed = capsys.readouterr().out.strip()
    assert run("backup", "--hash-only") == 0
    assert capsys.readouterr().out.strip() == printed
    manifest = backup.backup(tmp_path / "b.tar.gz")
    assert manifest["content_hash"] == printed
    assert manifest["vendor"] == connection.vendor
    assert manifest["migrations"]["petitions"]
    assert manifest["tables"]["petitions_petition"]["rows"] == 5


def test_a_database_with_data_is_replaced_only_with_force(
    filled: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    archive = tmp_path / "b.tar.gz"
    backup.backup(archive)
    make_petition(filled["officer"], filled["unit"], title="Đơn mới")
    before = backup.checksum()
    capsys.readouterr()
    assert run("restore", str(archive)) == 2
    assert "--force" in capsys.readouterr().err
    assert backup.checksum() == before


def _tamper_row(members: dict[str, bytes]) -> None:
    data = members["db/petitions_petition.jsonl"]
    members["db/petitions_petition.jsonl"] = data.replace("Nà Mạ".encode(), "Nà Mà".encode(), 1)


def _tamper_media(members: dict[str, bytes]) -> None:
    members["media/notes/biên bản.txt"] = "Biên bản đã sửa\n".encode()


def _extra_member(members: dict[str, bytes]) -> None:
    members["media/../../etc/passwd"] = b"x"


def _missing_member(members: dict[str, bytes]) -> None:
    del members["db/accounts_user.jsonl"]


def _newer_schema(members: dict[str, bytes]) -> None:
    manifest = json.loads(members["manifest.json"])
    manifest["migrations"]["petitions"].append("0999_from_the_future")
    members["manifest.json"] = json.dumps(manifest).encode()


def _newer_format(members: dict[str, bytes]) -> None:
    manifest = json.loads(members["manifest.json"])
    manifest["version"] = backup.VERSION + 1
    members["manifest.json"] = json.dumps(manifest).encode()


def _not_a_backup(members: dict[str, bytes]) -> None:
    members.clear()
    members["README"] = b"hello"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (_tamper_row, "mã băm"),
        (_tamper_media, "mã băm"),
        (_extra_member, "thành phần lạ"),
        (_missing_member, "thiếu"),
        (_newer_schema, "lược đồ CSDL mới hơn"),
        (_newer_format, "mới hơn"),
        (_not_a_backup, "không phải tệp sao lưu"),
        (None, "không phải tệp sao lưu"),  # random bytes
        ("truncate", "bị hỏng"),
    ],
)
def test_a_damaged_or_foreign_file_is_refused_and_nothing_changes(
    filled: dict[str, Any],
    media: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    change: Any,
    message: str,
) -> None:
    good = tmp_path / "good.tar.gz"
    backup.backup(good)
    bad = tmp_path / "bad.tar.gz"
    if change is None:
        bad.write_bytes(os.urandom(4096))
    elif change == "truncate":
        data = good.read_bytes()
        bad.write_bytes(data[: len(data) * 2 // 3])
    else:
        rewrite(good, bad, change)
    # Something to lose: a restore that went ahead would take these away.
    make_petition(filled["officer"], filled["unit"], title="Đơn mới")
    (media / "new.txt").write_text("mới")
    before = backup.checksum()
    capsys.readouterr()

    assert run("restore", str(bad), "--force") == 2
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err
    assert backup.checksum() == before
    assert run("restore", str(bad), "--check") == 2
    leftovers = [p.name for p in media.parent.iterdir() if p.name != "media"]
    assert leftovers == []


def test_restore_into_a_fresh_database_from_the_command_line(
    filled: dict[str, Any], tmp_path: Path
) -> None:
    """A separate ``danvan`` on an empty SQLite file: from PostgreSQL when the run uses it."""
    archive = tmp_path / "b.tar.gz"
    manifest = backup.backup(archive)
    target = tmp_path / "fresh"
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "MEDIA_ROOT"}
    }
    env.update(DANVAN_VAR_DIR=str(target), DANVAN_ENV="demo", LOG_LEVEL="WARNING")
    danvan = [sys.executable, "-m", "danvan.cli"]
    empty = subprocess.run([*danvan, "checksum"], env=env, capture_output=True, text=True)
    assert empty.returncode == 2
    assert "danvan migrate" in empty.stderr
    done = subprocess.run(
        [*danvan, "restore", str(archive)], env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    checksum = subprocess.run(
        [*danvan, "checksum"], env=env, capture_output=True, text=True, check=True
    )
    assert checksum.stdout.strip() == manifest["content_hash"]
    assert (target / "media" / "notes" / "biên bản.txt").exists()
    again = subprocess.run(
        [*danvan, "restore", str(archive)], env=env, capture_output=True, text=True
    )
    assert again.returncode == 2
    assert "--force" in again.stderr
    assert OrgUnit.objects.exists()  # the test database itself was not touched


def resign(members: dict[str, bytes]) -> None:
    """Recompute every hash of the manifest, as a backup of the changed content would have."""
    import hashlib

    manifest = json.loads(members["manifest.json"])
    for name, data in members.items():
        if name == "manifest.json":
            continue
        manifest["members"][name] = hashlib.sha256(data).hexdigest()
        if name.startswith("db/"):
            rows = data.split(b"\n", 1)[1]
            manifest["tables"][name[3:-6]]["sha256"] = hashlib.sha256(rows).hexdigest()
    media = {
        name.removeprefix("media/"): digest
        for name, digest in manifest["members"].items()
        if name.startswith("media/")
    }
    tables = {table: info["sha256"] for table, info in manifest["tables"].items()}
    manifest["content_hash"] = backup.content_hash(tables, media)
    members["manifest.json"] = json.dumps(manifest).encode()


def change_column(members: dict[str, bytes], table: str, column: str, new: Any = ...) -> None:
    """Drop ``column`` of ``table`` (or set it to ``new`` in every row)."""
    lines = [json.loads(line) for line in members[f"db/{table}.jsonl"].splitlines()]
    index = lines[0].index(column)
    for row in lines if new is ... else []:
        del row[index]
    for row in lines[1:] if new is not ... else []:
        row[index] = new
    members[f"db/{table}.jsonl"] = b"".join(backup._line(row) for row in lines)


#: The petitions migration the "older" archive stops after: every later one (columns added since
#: included) is undone in the archive, so the test keeps working as migrations are added.
OLDER_PETITIONS = "0011_receptionschedule_version"


#: Tables of the framework that no migration state names (Django's own migration records).
_KEEP = ("django_migrations",)


def _as_before_migration_0012(members: dict[str, bytes]) -> None:
    """The archive as the version with petitions up to 0011 would have made it."""
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(connection, ignore_no_migrations=True)
    state = loader.project_state(("petitions", OLDER_PETITIONS), at_end=True)
    old_columns: dict[str, set[str]] = {}
    for model_state in state.models.values():
        if model_state.app_label != "petitions":
            continue
        model = state.apps.get_model("petitions", model_state.name)
        old_columns[model._meta.db_table] = {f.column for f in model._meta.concrete_fields}
    for name in list(members):
        table = name.removeprefix("db/").removesuffix(".jsonl")
        if not name.startswith("db/") or table not in old_columns:
            continue
        header = json.loads(members[name].splitlines()[0])
        for column in [c for c in header if c not in old_columns[table]]:
            change_column(members, table, column)
    manifest = json.loads(members["manifest.json"])
    applied = manifest["migrations"]["petitions"]
    later = {("petitions", name) for name in applied[applied.index(OLDER_PETITIONS) + 1 :]}
    # That version had none of the migrations that need a later petitions migration either
    # (the deadlines app, moved out of petitions afterwards, did not exist yet).
    for app, names in manifest["migrations"].items():
        manifest["migrations"][app] = [
            name
            for name in names
            if (app, name) not in later and not later & set(loader.graph.forwards_plan((app, name)))
        ]
    members["manifest.json"] = json.dumps(manifest).encode()
    # ... nor the tables those migrations create.
    leaves = [(app, names[-1]) for app, names in manifest["migrations"].items() if names]
    older_state = loader.project_state(leaves, at_end=True)
    tables = set()
    for model_state in older_state.models.values():
        model = older_state.apps.get_model(model_state.app_label, model_state.name)
        tables.add(model._meta.db_table)
        tables.update(f.m2m_db_table() for f in model._meta.local_many_to_many)
    for name in list(members):
        table = name.removeprefix("db/").removesuffix(".jsonl")
        if name.startswith("db/") and table not in tables and not table.startswith(_KEEP):
            del members[name]
            manifest["tables"].pop(table, None)
            manifest["members"].pop(name, None)
    members["manifest.json"] = json.dumps(manifest).encode()
    resign(members)


def test_rows_that_break_a_foreign_key_are_refused_at_commit_and_nothing_stays(
    filled: dict[str, Any], media: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good.tar.gz"
    backup.backup(good)
    bad = tmp_path / "bad.tar.gz"

    def orphan(members: dict[str, bytes]) -> None:
        change_column(members, "petitions_petition", "handling_unit_id", 987654321)
        resign(members)

    rewrite(good, bad, orphan)
    make_petition(filled["officer"], filled["unit"], title="Đơn mới")
    before = backup.checksum()
    capsys.readouterr()
    assert run("restore", str(bad), "--force") == 2
    assert "vi phạm ràng buộc" in capsys.readouterr().err
    assert backup.checksum() == before


def test_a_backup_of_an_older_schema_is_loaded_with_its_models_then_migrated(
    filled: dict[str, Any], tmp_path: Path
) -> None:
    archive = tmp_path / "b.tar.gz"
    manifest = backup.backup(archive)
    older = tmp_path / "older.tar.gz"
    rewrite(archive, older, _as_before_migration_0012)
    target = tmp_path / "fresh"
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "MEDIA_ROOT"}
    }
    env.update(DANVAN_VAR_DIR=str(target), DANVAN_ENV="demo", LOG_LEVEL="WARNING")
    danvan = [sys.executable, "-m", "danvan.cli"]
    done = subprocess.run(
        [*danvan, "restore", str(older)], env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    # Migration 0012 ran on the restored rows and gave back the columns as they were: every
    # table the older version had holds what the backup was made from. (Tables created by the
    # later migrations are filled by those migrations, not from the archive.)
    again = tmp_path / "again.tar.gz"
    subprocess.run([*danvan, "backup", str(again)], env=env, capture_output=True, check=True)
    with tarfile.open(older, "r:gz") as tar:
        handle = tar.extractfile("manifest.json")
        assert handle is not None
        kept = set(json.loads(handle.read())["tables"])
    with tarfile.open(again, "r:gz") as tar:
        handle = tar.extractfile("manifest.json")
        assert handle is not None
        restored = json.loads(handle.read())["tables"]
    assert "petitions_petition" in kept and len(kept) > 20
    for table in sorted(kept):
        assert restored[table]["sha256"] == manifest["tables"][table]["sha256"], table


# --- uploads in an S3-compatible bucket ---------------------------------------------------------

BUCKET = "danvan-sao-luu"


@pytest.fixture
def bucket(settings: Any, tmp_path: Path) -> Iterator[Any]:
    """A real S3-compatible server (moto) on a free loopback port, the uploads in its bucket as
    ``STORAGE_BACKEND=s3`` puts them, and a MEDIA_ROOT that must stay empty."""
    import boto3
    from moto.server import ThreadedMotoServer

    from danvan.testing.pgcluster import free_port

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    # moto keeps its buckets in this process's memory, across servers: start from none.
    urllib.request.urlopen(urllib.request.Request(f"{endpoint}/moto-api/reset", method="POST"))
    keys = {"aws_access_key_id": "thu", "aws_secret_access_key": "thu-bi-mat"}
    client = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", **keys)
    client.create_bucket(Bucket=BUCKET)
    # The options settings.py gives S3Storage for STORAGE_BACKEND=s3.
    s3 = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": BUCKET,
            "endpoint_url": endpoint,
            "region_name": "us-east-1",
            "access_key": keys["aws_access_key_id"],
            "secret_key": keys["aws_secret_access_key"],
            "location": "media",
            "file_overwrite": False,
            "default_acl": None,
            "querystring_auth": True,
        },
    }
    settings.STORAGES = {**settings.STORAGES, "default": s3}
    settings.MEDIA_ROOT = tmp_path / "media"
    try:
        yield client
    finally:
        server.stop()


def _objects(client: Any) -> dict[str, bytes]:
    listed = client.list_objects_v2(Bucket=BUCKET).get("Contents", [])
    return {o["Key"]: client.get_object(Bucket=BUCKET, Key=o["Key"])["Body"].read() for o in listed}


def test_a_round_trip_through_an_s3_bucket_restores_identical_objects(
    tree: Tree, bucket: Any, settings: Any, tmp_path: Path
) -> None:
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from danvan.petitions.casework import services

    officer = official("reception_officer", tree.commune, username="xa.khos3")
    petition = make_petition(
        officer, tree.commune, attachments=[services.Upload("Biên bản.pdf", b"%PDF-1.4\n%bb\n")]
    )
    document = import_document(
        io.BytesIO(PLAN.encode()), filename="ke-hoach-15.txt", owner=tree.commune, confirm=True,
        actor=SYSTEM,
    ).document  # fmt: skip
    assert default_storage.save("notes/biên bản.txt", ContentFile("Biên bản họp\n".encode())) == (
        "notes/biên bản.txt"
    )
    stored = _objects(bucket)
    attachment = petition.attachments.get().file.name
    assert {f"media/{attachment}", f"media/{document.file.name}"} <= set(stored)
    assert len(stored) == 3
    before = backup.checksum()

    archive = tmp_path / "danvan.tar.gz"
    assert run("backup", str(archive)) == 0
    with tarfile.open(archive, "r:gz") as opened:
        members = {
            m.name: opened.extractfile(m).read()  # type: ignore[union-attr]
            for m in opened
            if m.name.startswith("media/")
        }
    # Every object, by its storage name, with its bytes.
    assert members == stored  # S3_PREFIX "media" and the archive's "media/" coincide here

    # After the backup: an object deleted, one replaced under its name, one added, a row gone.
    bucket.delete_object(Bucket=BUCKET, Key=f"media/{attachment}")
    bucket.put_object(Bucket=BUCKET, Key=f"media/{document.file.name}", Body=b"bi ghi de")
    bucket.put_object(Bucket=BUCKET, Key="media/stray.txt", Body=b"khong co trong ban sao luu")
    Petition.objects.filter(pk=petition.pk).update(title="Đã sửa sau sao lưu")
    assert backup.checksum() != before

    assert run("restore", str(archive), "--force") == 0
    assert backup.checksum() == before
    assert _objects(bucket) == stored
    assert Petition.objects.get(pk=petition.pk).title == petition.title
    # Nothing went through the local filesystem.
    media_root = Path(settings.MEDIA_ROOT)
    assert not media_root.exists() or not any(p.is_file() for p in media_root.rglob("*"))


def test_a_bucket_backup_restores_onto_the_local_filesystem(
    tree: Tree, bucket: Any, settings: Any, tmp_path: Path
) -> None:
    """The archive names uploads by storage name, so a province can leave its object store."""
    officer = official("reception_officer", tree.commune, username="xa.roikho")
    make_petition(officer, tree.commune, attachments=[_upload()])
    before = backup.checksum()
    archive = tmp_path / "danvan.tar.gz"
    assert run("backup", str(archive)) == 0
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    settings.MEDIA_ROOT = tmp_path / "local-media"
    assert run("restore", str(archive), "--force") == 0
    assert backup.checksum() == before
    assert [p.read_bytes() for p in (tmp_path / "local-media").rglob("*.pdf")] == [
        _upload().content
    ]


def _upload() -> Any:
    from danvan.petitions.casework import services

    return services.Upload("Đơn.pdf", b"%PDF-1.4\n%don\n")
