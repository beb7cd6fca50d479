"""Backups of the whole platform in one file, restorable on SQLite or PostgreSQL.

An archive is a tar file (gzip) holding, in this order:

* ``manifest.json``: format and version, when and from which database vendor it was made, the
  applied migrations of every app, each table's row count, the SHA-256 of every other member,
  and the content hash (below);
* ``db/<table>.jsonl``: every row of every table of a Django model (auto-created many-to-many
  tables included), one JSON array per line in primary-key order, after a header line naming
  the columns;
* ``media/<name>``: every upload, by its storage name: the files under MEDIA_ROOT, or with
  ``STORAGE_BACKEND=s3`` every object of the bucket under ``S3_PREFIX``, read and written back
  through Django's storage API (:mod:`danvan.ops.uploads`).

Why rows as JSON rather than ``pg_dump`` or a copy of the SQLite file: one format for both
databases (a backup of the SQLite demo restores into PostgreSQL and back), no dependency on a
``pg_dump`` binary of the server's major version on the machine that runs the command, a
restore that is one Django transaction on either database, and the content hash is computed
over exactly what the archive holds. What is not in it: database objects that migrations
create (indexes, the search functions and the SQLite FTS5 table, which is rebuilt from the
documents after a restore), the cache, sessions are kept (they are a table), and the task
queue (``huey.sqlite3`` or Redis: stop the consumer first, jobs are idempotent and periodic
ones come back on their own).

Consistency: the rows are read from one snapshot. SQLite: every table is read in one deferred
read transaction, which in WAL mode sees one state of the database and blocks no writer (a
copy through the sqlite3 backup API was the other way; it writes the whole database to disk
once more before reading it). PostgreSQL: every table is read in one ``REPEATABLE READ, READ
ONLY`` transaction. Uploads are copied after the snapshot; they are
written once under new names, so every file a row points to is there. A restore into an object
store writes the archive's objects before the rows are loaded (so a failed upload stops it
before the database changes) and deletes the objects the archive does not hold once the rows
are committed.

The content hash is SHA-256 over, for each table in name order, its name and the SHA-256 of its
rows as written in the archive, then for each upload in name order, its name and
the SHA-256 of its bytes. Values are written from the field's Python value (timestamps in UTC,
decimals at their field's places, JSON with sorted keys), so the same content gives the same
hash on either database. ``danvan checksum`` prints it for the live database.
"""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import hashlib
import json
import os
import shutil
import tarfile
import tempfile
import uuid
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from django.apps import apps
from django.conf import settings
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, IntegrityError, connections, models, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.exceptions import IrreversibleError
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import F
from django.db.models.functions import Collate
from django.utils import timezone
from django.utils.duration import duration_iso_string
from django.utils.translation import gettext as _

from danvan.core.errors import UserError

from . import uploads
from .uploads import media_files

FORMAT = "danvan-backup"
VERSION = 1
MANIFEST = "manifest.json"
CHUNK = 2000
FTS_TABLE = "documents_document_fts"
TEXT_KEYS = {"CharField", "TextField", "SlugField", "EmailField"}

Progress = Callable[[str], None]


def _quiet(message: str) -> None:
    pass


# --- Tables and values ----------------------------------------------------------------------


def backed_up_models(registry: Any = None) -> list[type[models.Model]]:
    """One concrete model per table, auto-created many-to-many tables included, by table name.

    ``registry`` is the project's apps by default, or the historical models of a migration
    state (a backup made before the latest migrations is loaded with the models of its time).
    """
    found: dict[str, type[models.Model]] = {}
    for model in (registry or apps).get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed or meta.swapped:
            continue
        found.setdefault(meta.db_table, model)
    return [found[name] for name in sorted(found)]


def _columns(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    """The table's columns in name order: the same for a model and its historical versions,
    whose fields come in the order migrations added them."""
    # Local fields only: a multi-table child's inherited fields live in the parent's table.
    return sorted(model._meta.local_concrete_fields, key=lambda f: f.column or "")


def encode(value: Any) -> Any:
    """A JSON value for a field's Python value, the same whichever database it was read from."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = value.astimezone(dt.UTC)
        return value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return duration_iso_string(value)
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, bytes | bytearray | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, dict | list):
        return value
    return str(value)


def _line(values: Iterable[Any]) -> bytes:
    return (
        json.dumps(
            [encode(v) for v in values], ensure_ascii=False, separators=(",", ":"), sort_keys=True
        )
        + "\n"
    ).encode("utf-8")


def table_lines(model: type[models.Model], using: str) -> Iterator[bytes]:
    """The header line and every row of ``model``'s table, in primary-key order."""
    fields = _columns(model)
    yield _line([f.column for f in fields])
    order: Any = "pk"
    if model._meta.pk is not None and model._meta.pk.get_internal_type() in TEXT_KEYS:
        # Text keys (sessions, change stamps) in byte order on both databases, not in the
        # PostgreSQL collation's order, so the same rows hash the same on either.
        binary = "C" if connections[using].vendor == "postgresql" else "BINARY"
        order = Collate(F("pk"), binary)
    rows = (
        model._base_manager.using(using)
        .order_by(order)
        .values_list(*[f.attname for f in fields])
        .iterator(chunk_size=CHUNK)
    )
    for row in rows:
        yield _line(row)


def rows_sha256(model: type[models.Model], using: str) -> str:
    """SHA-256 of the table's rows as a backup writes them (the header line left out)."""
    digest = hashlib.sha256()
    lines = table_lines(model, using)
    next(lines)
    for line in lines:
        digest.update(line)
    return digest.hexdigest()


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def content_hash(tables: dict[str, str], media: dict[str, str]) -> str:
    digest = hashlib.sha256()
    for name in sorted(tables):
        digest.update(f"table {name} {tables[name]}\n".encode())
    for path in sorted(media):
        digest.update(f"file {path} {media[path]}\n".encode())
    return digest.hexdigest()


def applied_migrations(connection: BaseDatabaseWrapper) -> dict[str, list[str]]:
    recorder = MigrationRecorder(connection)
    if not recorder.has_table():
        return {}
    result: dict[str, list[str]] = {}
    for app, name in sorted(recorder.applied_migrations()):
        result.setdefault(app, []).append(name)
    return result


# --- Consistent snapshot --------------------------------------------------------------------


@contextmanager
def snapshot(using: str = DEFAULT_DB_ALIAS) -> Iterator[str]:
    """A database alias whose reads all see one moment of ``using``."""
    connection = connections[using]
    present = set(connection.introspection.table_names())
    absent = sorted(m._meta.db_table for m in backed_up_models() if m._meta.db_table not in present)
    if absent:
        raise UserError(
            _(
                "The database has no table %(table)s (and %(more)s other tables): run danvan "
                "migrate first, or check DATABASE_URL."
            )
            % {"table": absent[0], "more": len(absent) - 1}
        )
    if connection.in_atomic_block:
        # Inside a caller's transaction (tests, the check after a restore): already one view.
        yield using
    elif connection.vendor == "sqlite":
        # A deferred read transaction: in WAL mode every read in it sees the database as of its
        # first read, while the web server and the consumer go on writing (the WAL grows until
        # it ends). Not Django's atomic(), which begins IMMEDIATE and would hold the write lock.
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("BEGIN DEFERRED")
        try:
            yield using
        finally:
            with connection.cursor() as cursor:
                cursor.execute("ROLLBACK")
    else:
        with transaction.atomic(using=using):
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield using


# --- Checksum of the live database ----------------------------------------------------------


def checksum(using: str = DEFAULT_DB_ALIAS) -> str:
    """The content hash of the live database and uploads (what a backup would record)."""
    with snapshot(using) as alias:
        tables = {m._meta.db_table: rows_sha256(m, alias) for m in backed_up_models()}
    return content_hash(tables, uploads.hashes())


# --- Backup ---------------------------------------------------------------------------------


def _add_file(archive: tarfile.TarFile, name: str, path: Path) -> None:
    info = archive.gettarinfo(str(path), arcname=name)
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    info.mode = 0o644
    with path.open("rb") as handle:
        archive.addfile(info, handle)


def backup(destination: Path, using: str = DEFAULT_DB_ALIAS, progress: Progress = _quiet) -> dict:
    """Write the archive to ``destination`` (atomically: a temporary file renamed at the end)."""
    destination = Path(destination)
    if destination.is_dir():
        raise UserError(
            _("«%(path)s» is a folder; name the backup file (for example .tar.gz).")
            % {"path": destination}
        )
    if not destination.parent.is_dir():
        raise UserError(_("The folder «%(path)s» does not exist.") % {"path": destination.parent})
    connection = connections[using]
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "created_at": timezone.now().astimezone(dt.UTC).isoformat(),
        "vendor": connection.vendor,
        "migrations": applied_migrations(connection),
        "tables": {},
        "members": {},
    }
    with tempfile.TemporaryDirectory(prefix="danvan-backup-", dir=destination.parent) as tmp:
        staging = Path(tmp)
        table_hashes: dict[str, str] = {}
        with snapshot(using) as alias:
            for model in backed_up_models():
                table = model._meta.db_table
                path = staging / f"{table}.jsonl"
                rows_digest, file_digest, count = hashlib.sha256(), hashlib.sha256(), -1
                with path.open("wb") as out:
                    for line in table_lines(model, alias):
                        if count >= 0:
                            rows_digest.update(line)
                        file_digest.update(line)
                        out.write(line)
                        count += 1
                table_hashes[table] = rows_digest.hexdigest()
                manifest["tables"][table] = {"rows": count, "sha256": rows_digest.hexdigest()}
                manifest["members"][f"db/{table}.jsonl"] = file_digest.hexdigest()
                progress("  " + _("%(table)s: %(rows)s rows") % {"table": table, "rows": count})
        local = uploads.on_filesystem()
        if local:
            media = media_files(Path(settings.MEDIA_ROOT))
        else:
            # Objects of the bucket, copied beside the tables: the archive holds these copies.
            media = uploads.copy_out(staging / "media")
            progress("  " + _("object store: %(files)s files") % {"files": len(media)})
        media_hashes = {}
        for name, path in media:
            media_hashes[name] = _file_sha256(path)
            manifest["members"][f"media/{name}"] = media_hashes[name]
        manifest["content_hash"] = content_hash(table_hashes, media_hashes)
        (staging / MANIFEST).write_text(
            json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8"
        )
        partial = staging / "archive.part"
        with tarfile.open(partial, "w:gz", compresslevel=6) as archive:
            _add_file(archive, MANIFEST, staging / MANIFEST)
            for model in backed_up_models():
                table = model._meta.db_table
                _add_file(archive, f"db/{table}.jsonl", staging / f"{table}.jsonl")
            for name, path in media:
                _add_file(archive, f"media/{name}", path)
        # A file copied while being replaced would not match the hash the manifest promises.
        for name, path in media if local else []:
            if _file_sha256(path) != media_hashes[name]:
                raise UserError(
                    _("The uploaded file «%(name)s» changed during the backup; run it again.")
                    % {"name": name}
                )
        # Identities of petitioners and denouncers are in it: readable by its owner only.
        partial.chmod(0o600)
        os.replace(partial, destination)
    progress(
        _("Backed up to %(file)s (content hash %(hash)s).")
        % {"file": destination, "hash": manifest["content_hash"]}
    )
    return manifest


# --- Reading and checking an archive --------------------------------------------------------


def _not_a_backup(source: Path) -> UserError:
    return UserError(_("«%(file)s» is not a Dân Vận backup file.") % {"file": source})


def _corrupt(source: Path, why: str) -> UserError:
    return UserError(
        _("The backup file «%(file)s» is damaged (%(why)s); nothing was restored.")
        % {"file": source, "why": why}
    )


def _safe_member(name: str) -> bool:
    parts = name.split("/")
    return not name.startswith("/") and ".." not in parts and "" not in parts


def _read_manifest(source: Path) -> dict[str, Any]:
    try:
        with tarfile.open(source, "r:*") as archive:
            first = archive.next()
            if first is None or first.name != MANIFEST or not first.isfile():
                raise _not_a_backup(source)
            handle = archive.extractfile(first)
            assert handle is not None
            manifest = json.loads(handle.read().decode("utf-8"))
    except (tarfile.TarError, EOFError, zlib.error, UnicodeDecodeError, json.JSONDecodeError):
        raise _not_a_backup(source) from None
    except OSError as exc:
        raise UserError(
            _("«%(file)s» cannot be read: %(why)s.") % {"file": source, "why": exc.strerror or exc}
        ) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise _not_a_backup(source)
    if not isinstance(manifest.get("version"), int) or manifest["version"] > VERSION:
        raise UserError(
            _(
                "The backup file «%(file)s» is in format version %(version)s, newer than the "
                "version %(known)s this Dân Vận reads; update Dân Vận."
            )
            % {"file": source, "version": manifest.get("version"), "known": VERSION}
        )
    return manifest


def _copy_member(handle: IO[bytes], out: IO[bytes] | None) -> str:
    digest = hashlib.sha256()
    for block in iter(lambda: handle.read(1 << 20), b""):
        digest.update(block)
        if out is not None:
            out.write(block)
    return digest.hexdigest()


def unpack(source: Path, staging: Path) -> dict[str, Any]:
    """Check every member of ``source`` against its manifest and unpack it under ``staging``.

    Raises UserError, before anything reaches the database or MEDIA_ROOT, when the file is
    not a backup, is damaged (a hash, a member missing or unexpected) or comes from a newer
    format.
    """
    manifest = _read_manifest(source)
    expected: dict[str, str] = manifest.get("members") or {}
    seen: set[str] = set()
    try:
        with tarfile.open(source, "r:*") as archive:
            for member in archive:
                if member.name == MANIFEST:
                    continue
                name = member.name
                if not member.isfile() or not _safe_member(name) or name not in expected:
                    raise _corrupt(source, _("unknown member «%(name)s»") % {"name": name})
                if name in seen:
                    raise _corrupt(source, _("«%(name)s» appears twice") % {"name": name})
                seen.add(name)
                target = staging / name
                target.parent.mkdir(parents=True, exist_ok=True)
                handle = archive.extractfile(member)
                assert handle is not None
                with target.open("wb") as out:
                    digest = _copy_member(handle, out)
                if digest != expected[name]:
                    raise _corrupt(
                        source, _("the hash of «%(name)s» does not match") % {"name": name}
                    )
    except (tarfile.TarError, EOFError, zlib.error):
        raise _corrupt(source, _("the file cannot be read to its end")) from None
    except OSError as exc:
        raise _corrupt(source, exc.strerror or str(exc)) from None
    missing = sorted(set(expected) - seen)
    if missing:
        raise _corrupt(source, _("«%(name)s» is missing") % {"name": missing[0]})
    tables = manifest.get("tables") or {}
    media = {
        name.removeprefix("media/"): digest
        for name, digest in expected.items()
        if name.startswith("media/")
    }
    hashes = {table: info["sha256"] for table, info in tables.items()}
    if content_hash(hashes, media) != manifest.get("content_hash"):
        raise _corrupt(source, _("the content hash does not match"))
    return manifest


def verify(source: Path, using: str = DEFAULT_DB_ALIAS) -> dict[str, Any]:
    """Check ``source`` completely (and that this version can restore it), restoring nothing."""
    with tempfile.TemporaryDirectory(prefix="danvan-verify-") as tmp:
        manifest = unpack(Path(source), Path(tmp))
    _check_schema(manifest, Path(source), using)
    return manifest


# --- Restore --------------------------------------------------------------------------------


def has_data(using: str = DEFAULT_DB_ALIAS) -> bool:
    """Whether the database holds anything people entered (migrations alone fill none of these).

    Migrations load legal rules, roles and calendars; a database in use has officials, units
    or an audit trail.
    """
    from auditlog.models import LogEntry

    from danvan.accounts.models import User
    from danvan.orgs.models import OrgUnit

    tables = set(connections[using].introspection.table_names())
    return any(
        model._meta.db_table in tables and model._base_manager.using(using).exists()
        for model in (User, OrgUnit, LogEntry)
    )


def _check_schema(manifest: dict[str, Any], source: Path, using: str) -> dict[str, list[str]]:
    """The migrations the backup was made at, refused when this code does not know them all."""
    connection = connections[using]
    executor = MigrationExecutor(connection)
    known = set(executor.loader.graph.nodes)
    wanted: dict[str, list[str]] = manifest.get("migrations") or {}
    unknown = sorted(
        (app, name) for app, names in wanted.items() for name in names if (app, name) not in known
    )
    if unknown:
        app, name = unknown[0]
        raise UserError(
            _(
                "The backup file «%(file)s» was made with a newer database schema than this Dân "
                "Vận (migration %(migration)s is unknown); restore it with a newer Dân Vận."
            )
            % {"file": source, "migration": f"{app}.{name}"}
        )
    return wanted


def _prepare_schema(wanted: dict[str, list[str]], source: Path, using: str) -> Any:
    """Bring the target to the backup's migration state.

    Returns None when the target already is at that state, else the historical models of that
    state, to load the rows with before migrating up to the current version.
    """
    connection = connections[using]
    current = applied_migrations(connection)
    if current == wanted:
        return None
    if current and has_data(using):
        raise UserError(
            _(
                "The target database has another schema than the backup file «%(file)s». "
                "Restore into an empty database (migrate not run): the command creates the "
                "backup's schema, loads the data and then upgrades to the current version."
            )
            % {"file": source}
        )
    executor = MigrationExecutor(connection)
    graph = executor.loader.graph
    targets: list[tuple[str, str | None]] = []
    for app in sorted({app for app, _name in graph.nodes}):
        names = set(wanted.get(app, []))
        # The backup's last migration of the app: the one whose plan holds all the others.
        last = [
            name
            for name in names
            if names <= {n for a, n in graph.forwards_plan((app, name)) if a == app}
        ]
        targets.append((app, last[0] if last else None))
    try:
        executor.migrate(targets)  # type: ignore[arg-type]
    except IrreversibleError:
        raise UserError(
            _(
                "The target database cannot be brought to the schema of the backup file "
                "«%(file)s»; restore into a newly created database (migrate not run)."
            )
            % {"file": source}
        ) from None
    nodes = [(app, name) for app, name in targets if name is not None]
    return executor.loader.project_state(nodes, at_end=True).apps


def _decoders(model: type[models.Model], connection: BaseDatabaseWrapper) -> list[Callable]:
    def decoder(field: models.Field[Any, Any]) -> Callable[[Any], Any]:
        def decode(value: Any) -> Any:
            if value is None:
                return None
            return field.get_db_prep_save(field.to_python(value), connection)

        return decode

    return [decoder(f) for f in _columns(model)]


def _load_table(model: type[models.Model], path: Path, connection: BaseDatabaseWrapper) -> None:
    qn = connection.ops.quote_name
    fields = _columns(model)
    with path.open("rb") as handle:
        header = json.loads(handle.readline())
        if header != [f.column for f in fields]:
            raise UserError(
                _("The columns of table %(table)s in the backup file differ from the schema.")
                % {"table": model._meta.db_table}
            )
        decoders = _decoders(model, connection)
        sql = "INSERT INTO {} ({}) VALUES ({})".format(
            qn(model._meta.db_table),
            ", ".join(qn(c) for c in header),
            ", ".join(["%s"] * len(header)),
        )
        batch: list[list[Any]] = []
        with connection.cursor() as cursor:
            for raw in handle:
                row = json.loads(raw)
                batch.append([decode(v) for decode, v in zip(decoders, row, strict=True)])
                if len(batch) >= CHUNK:
                    cursor.executemany(sql, batch)
                    batch = []
            if batch:
                cursor.executemany(sql, batch)


def _wipe(tables: list[str], connection: BaseDatabaseWrapper) -> None:
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            cursor.execute(f"TRUNCATE {', '.join(qn(t) for t in tables)} RESTART IDENTITY CASCADE")
        else:
            # Foreign keys are checked at commit (PRAGMA defer_foreign_keys), so the order of
            # deletion and of the inserts that follow does not matter.
            cursor.execute("PRAGMA defer_foreign_keys = ON")
            for table in tables:
                cursor.execute(f"DELETE FROM {qn(table)}")


def _rebuild_search(connection: BaseDatabaseWrapper) -> None:
    if connection.vendor != "sqlite" or FTS_TABLE not in connection.introspection.table_names():
        return
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {FTS_TABLE}")
        cursor.execute(
            f"INSERT INTO {FTS_TABLE} (rowid, body) "
            "SELECT id, search_text FROM documents_document WHERE search_text <> ''"
        )


def _swap_media(unpacked: Path) -> None:
    """Put the restored uploads in place of MEDIA_ROOT by renames (``unpacked`` is beside it)."""
    root = Path(settings.MEDIA_ROOT)
    unpacked.mkdir(parents=True, exist_ok=True)
    old = root.with_name(root.name + ".old-restore")
    if old.exists():
        shutil.rmtree(old)
    if root.exists():
        os.replace(root, old)
    os.replace(unpacked, root)
    if old.exists():
        shutil.rmtree(old)


def restore(
    source: Path,
    *,
    force: bool = False,
    using: str = DEFAULT_DB_ALIAS,
    progress: Progress = _quiet,
) -> dict[str, Any]:
    """Replace the database's rows and the uploads with the archive's, all or nothing."""
    source = Path(source)
    if not source.is_file():
        raise UserError(_("The backup file «%(file)s» was not found.") % {"file": source})
    connection = connections[using]
    root = Path(settings.MEDIA_ROOT)
    root.parent.mkdir(parents=True, exist_ok=True)
    # Unpacked beside MEDIA_ROOT so the uploads move into place by rename, not by copy.
    with tempfile.TemporaryDirectory(prefix=".danvan-restore-", dir=root.parent) as tmp:
        staging = Path(tmp)
        manifest = unpack(source, staging)
        wanted = _check_schema(manifest, source, using)
        if has_data(using) and not force:
            raise UserError(
                _(
                    "The target database holds data; a restore deletes and replaces all of it. "
                    "Run again with --force if that is what you want."
                )
            )
        historical = _prepare_schema(wanted, source, using)
        models_by_table = {m._meta.db_table: m for m in backed_up_models(historical)}
        missing = sorted(set(manifest["tables"]) - set(models_by_table))
        if missing:
            raise UserError(
                _("Table %(table)s of the backup file is not in the database schema.")
                % {"table": missing[0]}
            )
        local = uploads.on_filesystem()
        if not local:
            uploads.put_back(staging / "media")
        try:
            _load_all(manifest, staging, models_by_table, connection, progress)
        except IntegrityError as exc:
            # Foreign keys are checked when the transaction commits: nothing was kept.
            raise UserError(
                _(
                    "The data in the backup file break a database constraint (%(error)s); "
                    "cancelled, the database is unchanged."
                )
                % {"error": exc}
            ) from None
        if local:
            _swap_media(staging / "media")
        else:
            kept = {n.removeprefix("media/") for n in manifest["members"] if n.startswith("media/")}
            uploads.remove_others(kept)
    if historical is not None:
        from django.core.management import call_command

        call_command("migrate", database=using, interactive=False, verbosity=0)
    progress(
        _("Restored from %(file)s (content hash %(hash)s).")
        % {"file": source, "hash": manifest["content_hash"]}
    )
    return manifest


def _load_all(
    manifest: dict[str, Any],
    staging: Path,
    models_by_table: dict[str, type[models.Model]],
    connection: BaseDatabaseWrapper,
    progress: Progress,
) -> None:
    """Every row in one transaction, checked against the content hash before it commits."""
    using = connection.alias
    with transaction.atomic(using=using):
        _wipe(sorted(models_by_table), connection)
        for table, model in models_by_table.items():
            if table in manifest["tables"]:
                _load_table(model, staging / "db" / f"{table}.jsonl", connection)
                progress(
                    "  "
                    + _("%(table)s: %(rows)s rows")
                    % {"table": table, "rows": manifest["tables"][table]["rows"]}
                )
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(
                no_style(), list(models_by_table.values())
            ):
                cursor.execute(statement)
        _rebuild_search(connection)
        tables = {table: rows_sha256(model, using) for table, model in models_by_table.items()}
        media = {
            name.removeprefix("media/"): digest
            for name, digest in manifest["members"].items()
            if name.startswith("media/")
        }
        differ = sorted(
            t for t in tables if tables[t] != manifest["tables"].get(t, {}).get("sha256")
        )
        if differ or content_hash(tables, media) != manifest["content_hash"]:
            # Rolled back by leaving the atomic block with an error.
            raise UserError(
                _(
                    "The data loaded do not match the content hash of the backup file (tables "
                    "%(tables)s); cancelled, the database is unchanged."
                )
                % {"tables": ", ".join(differ[:3]) or "?"}
            )


def describe(manifest: dict[str, Any]) -> str:
    rows = sum(info["rows"] for info in manifest["tables"].values())
    files = sum(1 for name in manifest["members"] if name.startswith("media/"))
    return _(
        "made at %(created)s from %(vendor)s, %(tables)s tables, %(rows)s rows, %(files)s "
        "uploaded files"
    ) % {
        "created": manifest["created_at"],
        "vendor": manifest["vendor"],
        "tables": len(manifest["tables"]),
        "rows": rows,
        "files": files,
    }
